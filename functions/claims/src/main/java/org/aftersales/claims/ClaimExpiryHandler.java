package org.aftersales.claims;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.EventFunction;
import org.aftersales.shared.observability.JsonLog;

/**
 * {@code ClaimExpiryFunction}: triggered by an EventBridge schedule ({@code detail-type} {@code
 * Scheduled Event}), hourly, deciding by the event's {@code time}, not the wall clock. First it
 * finishes the claim steps a crash left half done in the last hours — a unit to take or a void
 * claim to delete, an expired claim's unit to release, a decision's order step ({@link
 * FinishHalfDoneClaims}) — then records as EXPIRED every claim that waited for evidence past its
 * policy's window (DOA-7), releasing its unit and announcing {@code ClaimExpired} in the claim's
 * write ({@link ExpireOverdueClaims}). A GET writes neither: it shows the claim as these steps will
 * leave it; this run (or the next request acting on the claim) records them. Stops before the
 * Lambda timeout. Output: the run's summary as JSON, the expiry's figures at the top level and the
 * finishing's under {@code "halfDone"}. Side effects: claim items (with their events) and order
 * items, void claims deleted; one log line; EMF metrics {@code ExpiredClaims}, {@code
 * ClaimExpiryFailures}, {@code ClaimExpiryIncomplete}, {@code FinishedClaimSteps}, {@code
 * ClaimStepFailures}. An event without a valid {@code time} fails the invocation.
 */
public final class ClaimExpiryHandler extends EventFunction {

  /** Stop taking new claims when less than this is left of the invocation. */
  public static final long DEFAULT_MIN_REMAINING_MILLIS = 20_000;

  public static final int DEFAULT_PAGE_SIZE = 25;

  private final FinishHalfDoneClaims finish;
  private final ExpireOverdueClaims run;

  /** Lambda's entry point: adapters from the environment. */
  public ClaimExpiryHandler() {
    this(
        ClaimPorts.production(),
        JsonLog.fromEnvironment(),
        EmfMetrics.fromEnvironment(),
        DEFAULT_PAGE_SIZE,
        DEFAULT_MIN_REMAINING_MILLIS);
  }

  public ClaimExpiryHandler(
      ClaimPorts ports, JsonLog log, EmfMetrics metrics, int pageSize, long minRemainingMillis) {
    super("Scheduled Event", log, metrics);
    this.finish = new FinishHalfDoneClaims(ports, log, pageSize, minRemainingMillis);
    this.run = new ExpireOverdueClaims(ports, log, pageSize, minRemainingMillis);
  }

  @Override
  protected ObjectNode handle(JsonNode event, Context context) {
    LongSupplier remaining =
        () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis();
    Instant at = scheduledTime(event);
    FinishHalfDoneClaims.Summary finished = finish.run(at, remaining);
    ExpireOverdueClaims.Summary summary = run.run(at, remaining);
    ObjectNode json = Json.object();
    json.put("time", summary.at().toString());
    json.put("sinceBefore", summary.sinceBefore().toString());
    json.put("candidates", summary.candidates());
    json.put("expired", summary.expired());
    json.put("failures", summary.failures());
    json.put("complete", summary.complete());
    json.putObject("halfDone")
        .put("since", finished.since().toString())
        .put("before", finished.before().toString())
        .put("candidates", finished.candidates())
        .put("finished", finished.finished())
        .put("failures", finished.failures())
        .put("complete", finished.complete());
    log.info("DOA-7 expiry run finished", Map.of("summary", json));
    metrics.put("ExpiredClaims", summary.expired(), EmfMetrics.Unit.COUNT);
    metrics.put("ClaimExpiryFailures", summary.failures(), EmfMetrics.Unit.COUNT);
    metrics.put("ClaimExpiryIncomplete", summary.complete() ? 0 : 1, EmfMetrics.Unit.COUNT);
    metrics.put("FinishedClaimSteps", finished.finished(), EmfMetrics.Unit.COUNT);
    metrics.put("ClaimStepFailures", finished.failures(), EmfMetrics.Unit.COUNT);
    return json;
  }
}
