package org.aftersales.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.InspectionPolicy;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.decision.ReturnPolicy;
import org.aftersales.policy.decision.ReturnPolicy.ReturnLine;
import org.aftersales.policy.decision.ReturnUpdate;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.FieldError;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.OrderValidation;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnReason;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pure policy core, warmed up, per order size (1, 10, 50 lines of 2 units): pricing (GEN-2,
 * GEN-3 allocations), order validation, a whole-order cancellation (CAN-1, CAN-5), a return of
 * every unit (RET-1, RET-2, RET-4) and its receipt with inspection (RET-5, RET-6). Each benchmark
 * returns its result so JMH consumes it. The set-up checks that every decision benchmarked is an
 * acceptance, so a refusal's short path is never what gets measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PolicyBenchmarks {

  static final Instant CANCEL_AT = Instant.parse("2026-11-03T10:00:00Z");
  static final Instant DELIVERED_AT = Instant.parse("2026-11-06T10:00:00Z");
  static final Instant RETURN_AT = Instant.parse("2026-11-10T10:00:00Z");
  static final Instant RECEIVED_AT = Instant.parse("2026-11-16T10:00:00Z");

  @Param({"1", "10", "50"})
  public int lines;

  private OrderSpec spec;
  private PolicyDocument policy;
  private Order placed;
  private Order delivered;
  private List<ReturnLine> returnLines;
  private ReturnUpdate authorized;
  private List<UnitInspection> inspections;

  @Setup
  public void setUp() {
    spec = BenchOrders.ofLines(lines);
    if (!OrderValidation.validate(spec).isEmpty()) {
      throw new IllegalStateException(
          "benchmark order is invalid: " + OrderValidation.validate(spec));
    }
    PolicyBook book = PolicyBook.loadDefault();
    policy = book.inForceAt(spec.placedAt());
    placed = Order.register(spec, policy.version());
    Order shipped = placed;
    for (String parcelId : placed.parcels().keySet()) {
      shipped =
          accepted(
                  shipped.recordFulfilment(
                      parcelId, new FulfilmentEvent(FulfilmentType.DELIVERED, DELIVERED_AT, null)))
              .order();
    }
    delivered = shipped;
    returnLines = new ArrayList<>();
    spec.lines()
        .forEach(
            l ->
                returnLines.add(
                    new ReturnLine(
                        l.lineId(),
                        l.quantity(),
                        ReturnReason.UNWANTED,
                        ItemCondition.MINT_UNUSED)));
    authorized =
        accepted(ReturnPolicy.authorize(delivered, policy, "r-bench", returnLines, RETURN_AT));
    inspections = new ArrayList<>();
    for (UnitRef unit : authorized.returnCase().units()) {
      inspections.add(new UnitInspection(unit, InspectedCondition.MINT, List.of()));
    }
    accepted(cancelWholeOrder());
    accepted(receiveReturn());
  }

  private static <T> T accepted(Decision<T> decision) {
    if (!decision.accepted()) {
      throw new IllegalStateException("benchmark decision refused: " + decision.refusal());
    }
    return decision.value();
  }

  /** GEN-2, GEN-3: every unit's paid price, delivery share and ceiling. */
  @Benchmark
  public OrderPricing pricing() {
    return OrderPricing.of(spec);
  }

  /** Every field rule of an order registration (all valid, so every check runs). */
  @Benchmark
  public List<FieldError> validate() {
    return OrderValidation.validate(spec);
  }

  /** CAN-1, CAN-5: cancel everything of an unshipped order, with its refund. */
  @Benchmark
  public Decision<CancellationPolicy.Cancellation> cancelWholeOrder() {
    return CancellationPolicy.cancel(placed, policy, "cn-bench", null, CANCEL_AT);
  }

  /**
   * RET-1, RET-2, RET-4: authorise a return of every unit of a delivered order, with its estimate.
   */
  @Benchmark
  public Decision<ReturnUpdate> authorizeReturn() {
    return ReturnPolicy.authorize(delivered, policy, "r-bench", returnLines, RETURN_AT);
  }

  /** RET-5, RET-6: receive that return, every unit inspected MINT, and refund it. */
  @Benchmark
  public Decision<ReturnUpdate> receiveReturn() {
    return InspectionPolicy.receive(
        authorized.returnCase(), authorized.order(), policy, inspections, null, RECEIVED_AT);
  }
}
