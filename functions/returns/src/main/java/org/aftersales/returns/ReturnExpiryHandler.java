package org.aftersales.returns;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
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
 * Scheduled Event}). First records as EXPIRED every AUTHORIZED return past its send-by date
 * (RET-9), letting its units go and announcing {@code ReturnExpired} in that order write (MSG-1)
 * ({@link ExpireOverdueReturns}); then finishes the returns a crash left half done — units taken or
 * the return void and deleted (RET-2), a receipt applied with its refund once (RET-4…RET-6), units
 * let go — with the request path's step ({@link FinishHalfDoneReturns}); both decide by the event's
 * {@code time}, not the wall clock. A GET shows such returns as this run (or the next write request
 * on the return) leaves them, without storing anything. Stops before the Lambda timeout. Output:
 * the run's summary as JSON ({@code halfDone} for the second step). Side effects: return items
 * (replaced, a void one deleted) and order items; one log line; EMF metrics {@code ExpiredReturns},
 * {@code ReturnExpiryFailures}, {@code ReturnExpiryIncomplete}, {@code FinishedReturns}, {@code
 * FinishReturnFailures}. An event without a valid {@code time} fails the invocation.
 */
public final class ReturnExpiryHandler extends EventFunction {

  /** Stop taking new returns when less than this is left of the invocation. */
  public static final long DEFAULT_MIN_REMAINING_MILLIS = 20_000;

  public static final int DEFAULT_PAGE_SIZE = 25;

  private final ExpireOverdueReturns run;
  private final FinishHalfDoneReturns finish;

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
    ReturnSweep sweep = new ReturnSweep(orders, returns, book, log, pageSize, minRemainingMillis);
    this.run = new ExpireOverdueReturns(sweep);
    this.finish = new FinishHalfDoneReturns(sweep);
  }

  @Override
  protected ObjectNode handle(JsonNode event, Context context) {
    Instant at = scheduledTime(event);
    LongSupplier remaining =
        () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis();
    ExpireOverdueReturns.Summary summary = run.run(at, remaining);
    FinishHalfDoneReturns.Summary finished = finish.run(at, remaining);
    ObjectNode json = Json.object();
    json.put("time", summary.at().toString());
    json.put("sendByBefore", summary.sendByBefore().toString());
    json.put("candidates", summary.candidates());
    json.put("expired", summary.expired());
    json.put("failures", summary.failures());
    json.put("complete", summary.complete());
    json.putObject("halfDone")
        .put("candidates", finished.candidates())
        .put("finished", finished.finished())
        .put("failures", finished.failures())
        .put("complete", finished.complete());
    log.info("RET-9 expiry run finished", Map.of("summary", json));
    metrics.put("ExpiredReturns", summary.expired(), EmfMetrics.Unit.COUNT);
    metrics.put("ReturnExpiryFailures", summary.failures(), EmfMetrics.Unit.COUNT);
    metrics.put("ReturnExpiryIncomplete", summary.complete() ? 0 : 1, EmfMetrics.Unit.COUNT);
    metrics.put("FinishedReturns", finished.finished(), EmfMetrics.Unit.COUNT);
    metrics.put("FinishReturnFailures", finished.failures(), EmfMetrics.Unit.COUNT);
    return json;
  }
}
