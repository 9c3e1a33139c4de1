package org.aftersales.claims;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.EventFunction;
import org.aftersales.shared.observability.JsonLog;

/**
 * {@code ClaimExpiryFunction}: triggered by an EventBridge schedule ({@code detail-type} {@code
 * Scheduled Event}). Records as EXPIRED every claim that waited for evidence past its policy's
 * window (DOA-7), releasing its unit, deciding by the event's {@code time}, not the wall clock
 * ({@link ExpireOverdueClaims}). A GET shows such a claim EXPIRED without storing it; this run (or
 * the next request acting on the claim) records it. Stops before the Lambda timeout. Output: the
 * run's summary as JSON. Side effects: claim and order items; one log line; EMF metrics {@code
 * ExpiredClaims}, {@code ClaimExpiryFailures}, {@code ClaimExpiryIncomplete}. An event without a
 * valid {@code time} fails the invocation.
 */
public final class ClaimExpiryHandler extends EventFunction {

  /** Stop taking new claims when less than this is left of the invocation. */
  public static final long DEFAULT_MIN_REMAINING_MILLIS = 20_000;

  public static final int DEFAULT_PAGE_SIZE = 25;

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
    this.run = new ExpireOverdueClaims(ports, log, pageSize, minRemainingMillis);
  }

  @Override
  protected ObjectNode handle(JsonNode event, Context context) {
    ExpireOverdueClaims.Summary summary =
        run.run(
            scheduledTime(event),
            () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
    ObjectNode json = Json.object();
    json.put("time", summary.at().toString());
    json.put("sinceBefore", summary.sinceBefore().toString());
    json.put("candidates", summary.candidates());
    json.put("expired", summary.expired());
    json.put("failures", summary.failures());
    json.put("complete", summary.complete());
    log.info("DOA-7 expiry run finished", Map.of("summary", json));
    metrics.put("ExpiredClaims", summary.expired(), EmfMetrics.Unit.COUNT);
    metrics.put("ClaimExpiryFailures", summary.failures(), EmfMetrics.Unit.COUNT);
    metrics.put("ClaimExpiryIncomplete", summary.complete() ? 0 : 1, EmfMetrics.Unit.COUNT);
    return json;
  }
}
