package org.aftersales.cancellation;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.Production;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.EventFunction;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;

/**
 * {@code AutoCancelFunction}: triggered by the EventBridge schedule ({@code detail-type} {@code
 * Scheduled Event}). Cancels and refunds every unshipped parcel overdue by the configured business
 * days (CAN-6, CAN-5) and stores as LAPSED the changes left unpaid past their {@code payBy} (CHG-3,
 * announcing {@code ChangeLapsed}), deciding by the event's {@code time}, not the wall clock, so a
 * late or repeated delivery decides the same way. Stops before the Lambda timeout (see {@link
 * AutoCancelRun}). Output: the run's summary as JSON. Side effects: order items; one log line per
 * cancelled or failed order; EMF metrics {@code AutoCancelCandidates}, {@code
 * AutoCancelledParcels}, {@code AutoCancelRefunds}, {@code LapsedChanges}, {@code
 * AutoCancelFailures}, {@code AutoCancelIncomplete}. An event without a valid {@code time} fails
 * the invocation.
 */
public final class AutoCancelHandler extends EventFunction {

  /** Stop taking new orders when less than this is left of the invocation. */
  public static final long DEFAULT_MIN_REMAINING_MILLIS = 20_000;

  public static final int DEFAULT_PAGE_SIZE = 25;

  private final AutoCancelRun run;

  /** Lambda's entry point: adapters from the environment. */
  public AutoCancelHandler() {
    this(
        Production.orders(),
        PolicyBook.loadDefault(),
        JsonLog.fromEnvironment(),
        EmfMetrics.fromEnvironment(),
        DEFAULT_PAGE_SIZE,
        DEFAULT_MIN_REMAINING_MILLIS);
  }

  public AutoCancelHandler(
      OrderRepository orders,
      PolicyBook policies,
      JsonLog log,
      EmfMetrics metrics,
      int pageSize,
      long minRemainingMillis) {
    super("schedule", log, metrics);
    this.run =
        new AutoCancelRun(
            orders, new OrderUpdates(orders), policies, log, pageSize, minRemainingMillis);
  }

  @Override
  protected ObjectNode handle(JsonNode event, Context context) {
    Instant at = scheduledTime(event);
    AutoCancelRun.Summary summary =
        run.run(at, () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
    ObjectNode json = summaryJson(summary);
    log.info("CAN-6 auto-cancel run finished", Map.of("summary", json));
    metrics.put("AutoCancelCandidates", summary.candidates(), EmfMetrics.Unit.COUNT);
    metrics.put("AutoCancelledParcels", summary.cancelledParcels(), EmfMetrics.Unit.COUNT);
    metrics.put("AutoCancelRefunds", summary.refunds(), EmfMetrics.Unit.COUNT);
    metrics.put("LapsedChanges", summary.lapsedChanges(), EmfMetrics.Unit.COUNT);
    metrics.put("AutoCancelFailures", summary.failures(), EmfMetrics.Unit.COUNT);
    metrics.put("AutoCancelIncomplete", summary.complete() ? 0 : 1, EmfMetrics.Unit.COUNT);
    return json;
  }

  static ObjectNode summaryJson(AutoCancelRun.Summary s) {
    ObjectNode json = Json.object();
    json.put("time", s.at().toString());
    json.put("dueShipBy", s.dueShipBy().toString());
    json.put("candidates", s.candidates());
    json.put("cancelledOrders", s.cancelledOrders());
    json.put("cancelledParcels", s.cancelledParcels());
    json.put("refunds", s.refunds());
    ObjectNode amounts = json.putObject("refunded");
    s.refundedMinor().forEach(amounts::put);
    json.put("lapsedChanges", s.lapsedChanges());
    json.put("failures", s.failures());
    json.put("complete", s.complete());
    return json;
  }
}
