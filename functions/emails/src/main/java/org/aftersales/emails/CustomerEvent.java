package org.aftersales.emails;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One announcement as EventBridge delivers it to the emailer: the envelope of API "Events" ({@code
 * {"eventId", "type", "occurredAt", "orderId", "customerId", "subject": {"kind", "id"}, "ruleIds",
 * "explanation", "data"}}) in the {@code detail} of the EventBridge event (source {@code
 * aftersales}, {@code detail-type} = {@code type}).
 *
 * @param explanation the plain-language lines of the decision (GEN-8), in the order given
 */
record CustomerEvent(
    String eventId,
    String type,
    String occurredAt,
    String orderId,
    String subjectKind,
    String subjectId,
    List<String> ruleIds,
    List<String> explanation,
    JsonNode data) {

  /**
   * The types the customer is told about by email (MSG-1, MSG-3, MSG-5): every type of
   * docs/design.md "Events".
   */
  static final Set<String> CUSTOMER_FACING =
      Set.of(
          "OrderUnitsCancelled",
          "ChangeApplied",
          "ChangeAwaitingPayment",
          "ChangeLapsed",
          "ReturnAuthorized",
          "ReturnExpired",
          "ReturnWithdrawn",
          "ReturnReceived",
          "ClaimAwaitingEvidence",
          "EvidenceRefused",
          "ClaimNeedsInfo",
          "ClaimExpired",
          "ClaimDecided",
          "RepairProgressed",
          "RefundGranted",
          "RefundSettled",
          "RefundPastDue",
          "WithdrawalReceived");

  /**
   * The envelope of an EventBridge event ({@code detail}), or of a bare envelope (a test or a
   * manual invoke).
   *
   * @throws IllegalArgumentException when it has no {@code eventId}, {@code type} or {@code
   *     orderId}
   */
  static CustomerEvent of(JsonNode event) {
    JsonNode envelope = event.has("detail") ? event.path("detail") : event;
    String eventId = text(envelope, "eventId");
    String type = text(envelope, "type");
    String orderId = text(envelope, "orderId");
    if (eventId == null || type == null || orderId == null) {
      throw new IllegalArgumentException(
          "not an after-sales event (eventId, type and orderId are required)");
    }
    List<String> ruleIds = new ArrayList<>();
    envelope.path("ruleIds").forEach(id -> ruleIds.add(id.asText()));
    List<String> lines = new ArrayList<>();
    JsonNode explanation = envelope.path("explanation");
    if (explanation.isTextual()) {
      lines.add(explanation.asText());
    } else {
      explanation.forEach(
          line -> lines.add(line.isTextual() ? line.asText() : line.path("text").asText()));
    }
    return new CustomerEvent(
        eventId,
        type,
        text(envelope, "occurredAt"),
        orderId,
        text(envelope.path("subject"), "kind"),
        text(envelope.path("subject"), "id"),
        List.copyOf(ruleIds),
        List.copyOf(lines),
        envelope.path("data"));
  }

  /**
   * The address the event itself names for its email: {@code data.withdrawal.sentTo} of a {@code
   * WithdrawalReceived} (LAW-3: the acknowledgement goes to the address given with the withdrawal);
   * empty for every other event (they go to the order's contact).
   */
  java.util.Optional<String> recipient() {
    return "WithdrawalReceived".equals(type)
        ? java.util.Optional.ofNullable(text(data.path("withdrawal"), "sentTo"))
        : java.util.Optional.empty();
  }

  boolean isCustomerFacing() {
    return CUSTOMER_FACING.contains(type);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
