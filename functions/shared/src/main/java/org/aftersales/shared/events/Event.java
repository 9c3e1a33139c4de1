package org.aftersales.shared.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;

/**
 * One announcement of a decision (MSG-1, MSG-2): {@code {"eventId", "type", "occurredAt",
 * "orderId", "customerId", "subject": {"kind", "id"}, "ruleIds", "explanation", "data"}} as
 * docs/design.md "Events" gives it. It is recorded in the same conditional write as its decision
 * (the item's outbox) and published from there ({@code EventPublisher}).
 *
 * <p>Its id is derived from what caused it ({@link #idOf}: the type and the subject, like refund
 * ids), so a retried step re-derives the same id and consumers dedupe by it.
 */
public record Event(
    String eventId,
    String type,
    Instant occurredAt,
    String orderId,
    String customerId,
    String subjectKind,
    String subjectId,
    Explanation explanation,
    ObjectNode data) {

  public Event {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(subjectKind, "subjectKind");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(data, "data");
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * The one-liner a use case announces a decision with: an event of {@code type} about {@code
   * subjectKind}/{@code subjectId} on {@code order}, its id derived from type and subject.
   */
  public static Event of(
      String type,
      Order order,
      String subjectKind,
      String subjectId,
      Instant occurredAt,
      Explanation explanation,
      ObjectNode data) {
    return new Event(
        idOf(type, subjectKind, subjectId),
        type,
        occurredAt,
        order.orderId(),
        order.spec().customerId(),
        subjectKind,
        subjectId,
        explanation,
        data);
  }

  /**
   * {@code ev-} and 32 hex digits of SHA-256 over type, subject kind and subject id: the same cause
   * always names the same event.
   */
  public static String idOf(String type, String subjectKind, String subjectId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (type + "\n" + subjectKind + "\n" + subjectId).getBytes(StandardCharsets.UTF_8));
      return "ev-" + HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The event as published (docs/design.md "Events"). */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("eventId", eventId);
    json.put("type", type);
    json.put("occurredAt", occurredAt.toString());
    json.put("orderId", orderId);
    json.put("customerId", customerId);
    json.putObject("subject").put("kind", subjectKind).put("id", subjectId);
    json.set("ruleIds", ApiJson.strings(explanation.ruleIds()));
    json.set("explanation", ApiJson.explanation(explanation));
    json.set("data", data);
    return json;
  }
}
