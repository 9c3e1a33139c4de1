package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.UnitState;
import org.aftersales.policy.state.UnitStatus;

/** Money properties over random valid orders in EUR, JPY (0 digits) and KWD (3 digits). */
class RefundProperties {
  static final Instant TUESDAY = Instant.parse("2026-11-03T09:00:00Z");
  static final List<Currency> CURRENCIES = List.of(TestOrders.EUR, TestOrders.JPY, TestOrders.KWD);

  static OrderSpec spec(long seed) {
    return TestOrders.random(seed, CURRENCIES.get(Math.floorMod(seed, 3)));
  }

  @Property(tries = 300)
  @Label("CAN-5 a full cancellation refunds exactly what was paid")
  void CAN_5_a_full_cancellation_refunds_exactly_what_was_paid(@ForAll long seed) {
    Order order = Fixtures.register(spec(seed));
    CancellationPolicy.Cancellation c =
        CancellationPolicy.cancel(order, POLICY, "cn", null, TUESDAY).value();
    assertThat(c.refund().amount()).isEqualTo(order.paidTotal());
    assertThat(c.order().units().values())
        .extracting(UnitState::status)
        .containsOnly(UnitStatus.CANCELLED);
    assertThat(c.refund().breakdown().total()).isEqualTo(c.refund().amount());
  }

  @Property(tries = 300)
  @Label("CAN-5 unit by unit cancellations add up to what was paid")
  void CAN_5_unit_by_unit_cancellations_add_up_to_what_was_paid(@ForAll long seed) {
    Order order = Fixtures.register(spec(seed));
    List<UnitRef> units = new ArrayList<>(order.units().keySet());
    Collections.shuffle(units, new Random(seed));
    int i = 0;
    Map<String, Integer> cancelledPerLine = new LinkedHashMap<>();
    for (UnitRef u : units) {
      // CAN-8: a line request names how many of the line's units are to be cancelled in all.
      int inAll = cancelledPerLine.merge(u.lineId(), 1, Integer::sum);
      CancellationPolicy.Cancellation c =
          CancellationPolicy.cancel(
                  order,
                  POLICY,
                  "cn-" + i++,
                  List.of(new CancellationPolicy.LineRequest(u.lineId(), inAll)),
                  TUESDAY)
              .value();
      assertThat(c.units()).hasSize(1);
      order = c.order();
      assertThat(order.refundedTotal()).isLessThanOrEqualTo(order.paidTotal());
    }
    assertThat(order.refundedTotal()).isEqualTo(order.paidTotal());
  }

  @Property(tries = 300)
  @Label(
      "GEN-4 returns then cancelling the rest refund what was paid less what the returns kept back")
  void GEN_4_returns_then_cancelling_the_rest_refund_what_was_paid_less_return_deductions(
      @ForAll long seed) {
    Random r = new Random(seed);
    OrderSpec spec = spec(seed);
    Order order = Fixtures.register(spec);
    int deliveredParcels = spec.parcels().size() - 1; // at least one parcel is left to cancel
    for (int p = 0; p < deliveredParcels; p++) {
      order = Fixtures.delivered(order, spec.parcels().get(p).parcelId(), "2026-11-04T10:00:00Z");
    }
    Instant now = Instant.parse("2026-11-06T10:00:00Z");
    Map<String, Integer> deliveredPerLine = new LinkedHashMap<>();
    for (int p = 0; p < deliveredParcels; p++) {
      for (UnitRef u : order.unitsOf(spec.parcels().get(p).parcelId())) {
        deliveredPerLine.merge(u.lineId(), 1, Integer::sum);
      }
    }
    List<Refund> refunds = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, Integer> line : deliveredPerLine.entrySet()) {
      if (!POLICY.isReturnable(spec.line(line.getKey()).orElseThrow().category())) {
        continue;
      }
      ReturnUpdate authorised =
          ReturnPolicy.authorize(
                  order,
                  POLICY,
                  "r" + n,
                  List.of(
                      new ReturnPolicy.ReturnLine(
                          line.getKey(),
                          line.getValue(),
                          ReturnReason.UNWANTED,
                          ItemCondition.MINT_UNUSED)),
                  now)
              .value();
      List<InspectionPolicy.UnitInspection> inspections = new ArrayList<>();
      for (UnitRef u : authorised.returnCase().units()) {
        List<String> missing =
            spec.line(u.lineId()).orElseThrow().components().stream()
                .filter(c -> r.nextBoolean())
                .map(ComponentSpec::componentId)
                .toList();
        inspections.add(new InspectionPolicy.UnitInspection(u, InspectedCondition.MINT, missing));
      }
      ReturnUpdate done =
          InspectionPolicy.receive(
                  authorised.returnCase(), authorised.order(), POLICY, inspections, null, now)
              .value();
      assertThat(done.refund().amount().amount()).isNotNegative();
      refunds.add(done.refund());
      order = done.order();
      n++;
    }
    CancellationPolicy.Cancellation rest =
        CancellationPolicy.cancel(order, POLICY, "cn", null, now).value();
    refunds.add(rest.refund());
    Money sum = Money.zero(spec.currency());
    for (Refund refund : refunds) {
      sum = sum.plus(refund.amount());
    }
    Order after = rest.order();
    Money keptBackByReturns = Money.zero(spec.currency());
    Money cancelledCeilings = Money.zero(spec.currency());
    for (UnitRef u : after.units().keySet()) {
      if (after.statusOf(u) == UnitStatus.RETURNED) {
        keptBackByReturns =
            keptBackByReturns.plus(after.pricing().ceiling(u).minus(after.ledger().refundedFor(u)));
      } else {
        cancelledCeilings = cancelledCeilings.plus(after.pricing().ceiling(u));
      }
    }
    assertThat(rest.refund().amount()).isEqualTo(cancelledCeilings);
    assertThat(sum).isEqualTo(after.paidTotal().minus(keptBackByReturns));
    assertThat(after.refundedTotal()).isEqualTo(sum);
  }
}
