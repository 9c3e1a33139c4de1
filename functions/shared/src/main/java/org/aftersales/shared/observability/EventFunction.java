package org.aftersales.shared.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.aftersales.shared.json.Json;

/**
 * The {@link RequestStreamHandler} behind every function that is not behind the HTTP API (an
 * EventBridge schedule, an S3 notification; {@code ApiFunction} is the HTTP twin): reads the event
 * JSON, opens the invocation's log context (request id: Lambda's, else the event's {@code id}),
 * hands the event to {@link #handle} and writes the JSON it answers. Whatever happens, it then puts
 * {@code Latency}, flushes the invocation's EMF metrics once and closes the log context. A failure
 * of {@link #handle} is logged with its stack trace and fails the invocation (the trigger's retry
 * and dead-letter rules apply).
 */
public abstract class EventFunction implements RequestStreamHandler {

  protected final JsonLog log;
  protected final EmfMetrics metrics;
  private final String trigger;

  /**
   * @param trigger the log's {@code route} field for this function's invocations ({@code null} for
   *     none)
   */
  protected EventFunction(String trigger, JsonLog log, EmfMetrics metrics) {
    this.trigger = trigger;
    this.log = log;
    this.metrics = metrics;
  }

  /** The invocation's work: its output, or an exception that fails the invocation. */
  protected abstract JsonNode handle(JsonNode event, Context context);

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    long started = System.nanoTime();
    JsonNode event = Json.MAPPER.readTree(input);
    log.beginInvocation(
        context != null
            ? context.getAwsRequestId()
            : event == null ? "unknown" : event.path("id").asText("unknown"),
        trigger,
        context == null ? null : context.getFunctionName());
    try {
      Json.MAPPER.writeValue(output, handle(event, context));
    } catch (RuntimeException e) {
      log.error("invocation failed", Map.of(), e);
      throw e;
    } finally {
      metrics.put(
          "Latency", (System.nanoTime() - started) / 1_000_000, EmfMetrics.Unit.MILLISECONDS);
      metrics.flush();
      log.endInvocation();
    }
  }

  /**
   * A scheduled event's instant ({@code time}, RFC 3339): what a scheduled run decides by, so a
   * late or repeated delivery decides the same way.
   */
  public static Instant scheduledTime(JsonNode event) {
    String time = event == null ? null : event.path("time").asText(null);
    if (time == null) {
      throw new IllegalArgumentException("not a scheduled event: no time");
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "scheduled event time is not an RFC 3339 instant: " + time, e);
    }
  }
}
