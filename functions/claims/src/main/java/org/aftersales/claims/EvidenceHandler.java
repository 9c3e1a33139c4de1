package org.aftersales.claims;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.EventFunction;
import org.aftersales.shared.observability.JsonLog;

/**
 * {@code EvidenceFunction}: S3 {@code s3:ObjectCreated:*} on the evidence bucket, prefix {@code
 * claims/} (DOA-3).
 *
 * <p>Contract: an S3 notification {@code {"Records": [...]}}; each record goes to {@link
 * EvidenceIntake} on its own, so one bad record (malformed key, unknown claim, wrong type,
 * oversized) never stops the others. When a record fails for a reason that a retry may cure (a
 * store error), the others still run and the invocation then fails, so Lambda retries the event
 * (every step is repeatable) and finally sends it to the function's dead-letter destination.
 * Output: {@code {"records": n, "outcomes": {...}, "failed": n}}. Side effects: claim items
 * updated, rejected or stray objects deleted, one log line per record, EMF counts per outcome.
 */
public final class EvidenceHandler extends EventFunction {

  private final EvidenceIntake intake;

  /** Wires the real table and bucket from the Lambda environment. */
  public EvidenceHandler() {
    this(ClaimPorts.production(), JsonLog.fromEnvironment(), EmfMetrics.fromEnvironment());
  }

  public EvidenceHandler(ClaimPorts ports, JsonLog log, EmfMetrics metrics) {
    super(null, log, metrics);
    this.intake = new EvidenceIntake(ports, log);
  }

  @Override
  protected ObjectNode handle(JsonNode event, Context context) {
    Map<EvidenceIntake.Outcome, Integer> outcomes = new EnumMap<>(EvidenceIntake.Outcome.class);
    int failed = 0;
    RuntimeException firstFailure = null;
    JsonNode records = event == null ? null : event.path("Records");
    int count = records == null || !records.isArray() ? 0 : records.size();
    for (int i = 0; i < count; i++) {
      JsonNode record = records.get(i);
      try {
        EvidenceIntake.Outcome outcome = intake.handle(toRecord(record));
        outcomes.merge(outcome, 1, Integer::sum);
        metrics.count("Evidence" + camel(outcome.name()));
      } catch (UnreadableRecordException unreadable) {
        // not an S3 record this function can act on: a retry would not help
        log.warn("S3 record skipped: " + unreadable.getMessage(), Map.of("index", i));
        metrics.count("EvidenceUnreadableRecord");
      } catch (RuntimeException e) {
        failed++;
        if (firstFailure == null) {
          firstFailure = e;
        } else {
          firstFailure.addSuppressed(e);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("index", i);
        fields.put("key", record.path("s3").path("object").path("key").asText(null));
        log.error("evidence record failed; the invocation will fail so Lambda retries", fields, e);
      }
    }
    if (failed > 0) {
      metrics.count("EvidenceRetriedInvocation");
    }
    if (firstFailure != null) {
      throw new IllegalStateException(
          failed + " of " + count + " evidence records failed", firstFailure);
    }
    ObjectNode summary = Json.object();
    summary.put("records", count);
    ObjectNode byOutcome = summary.putObject("outcomes");
    outcomes.forEach((outcome, n) -> byOutcome.put(outcome.name(), n));
    summary.put("failed", 0);
    return summary;
  }

  private static EvidenceIntake.S3Record toRecord(JsonNode record) {
    String eventName = record.path("eventName").asText(null);
    JsonNode object = record.path("s3").path("object");
    String key = object.path("key").asText(null);
    String sequencer = object.path("sequencer").asText(null);
    if (eventName == null || key == null || key.isEmpty()) {
      throw new UnreadableRecordException("no eventName or s3.object.key");
    }
    if (sequencer == null
        || sequencer.isEmpty()
        || !sequencer.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new UnreadableRecordException("no hexadecimal s3.object.sequencer");
    }
    return new EvidenceIntake.S3Record(eventName, key, sequencer);
  }

  private static String camel(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }

  private static final class UnreadableRecordException extends RuntimeException {
    UnreadableRecordException(String message) {
      super(message, null, false, false);
    }
  }
}
