package org.aftersales.returns;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.Production;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.EventFunction;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;

/**
 * {@code ReturnExpiryFunction}: triggered by an EventBridge schedule ({@code detail-type} {@code
 * Scheduled Event}). Records as EXPIRED every AUTHORIZED return past its send-by date (RET-9),
 * letting its units go and announcing {@code ReturnExpired} in that order write (MSG-1), deciding
 * by the event's {@code time}, not the wall clock ({@link ExpireOverdueReturns}). A GET shows such
 * a return EXPIRED without storing it; this run (or the next POST on the return) records it. Stops
 * before the Lambda timeout. Output: the run's summary as JSON. Side effects: return and order
 * items; one log line; EMF metrics {@code ExpiredReturns}, {@code ReturnExpiryFailures}, {@code
 * ReturnExpiryIncomplete}. An event without a valid {@code time} fails the invocation.
 */
public final class ReturnExpiryHandler extends EventFunction {

  /** Stop taking new returns when less than this is left of the invocation. */
  public static final long DEFAULT_MIN_REMAINING_MILLIS = 20_000;

  public static final int DEFAULT_PAGE_SIZE = 25;

  private final ExpireOverdueReturns run;

  /** Lambda's entry point: adapters from the environment. */
  public ReturnExpiryHandler() {
    this(
        Production.orders(),
        Production.returns(),
        PolicyBook.loadDefault(),
        JsonLog.fromEnvironment(),
        EmfMetrics.fromEnvironment(),
        DEFAULT_PAGE_SIZE,
        DEFAULT_MIN_REMAINING_MILLIS);
  }

  public ReturnExpiryHandler(
      OrderRepository orders,
      ReturnRepository returns,
      PolicyBook book,
      JsonLog log,
      EmfMetrics metrics,
      int pageSize,
      long minRemainingMillis) {
    super("Scheduled Event", log, metrics);
    this.run = new ExpireOverdueReturns(orders, returns, book, log, pageSize, minRemainingMillis);
  }

  @Override
  protected ObjectNode handle(JsonNode event, Context context) {
    ExpireOverdueReturns.Summary summary =
        run.run(
            scheduledTime(event),
            () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
    ObjectNode json = Json.object();
    json.put("time", summary.at().toString());
    json.put("sendByBefore", summary.sendByBefore().toString());
    json.put("candidates", summary.candidates());
    json.put("expired", summary.expired());
    json.put("failures", summary.failures());
    json.put("complete", summary.complete());
    log.info("RET-9 expiry run finished", Map.of("summary", json));
    metrics.put("ExpiredReturns", summary.expired(), EmfMetrics.Unit.COUNT);
    metrics.put("ReturnExpiryFailures", summary.failures(), EmfMetrics.Unit.COUNT);
    metrics.put("ReturnExpiryIncomplete", summary.complete() ? 0 : 1, EmfMetrics.Unit.COUNT);
    return json;
  }
}
