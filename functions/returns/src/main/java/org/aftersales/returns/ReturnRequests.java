package org.aftersales.returns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.decision.InspectionPolicy.LineInspection;
import org.aftersales.policy.decision.ReturnPolicy.ReturnLine;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.decision.WithdrawalPolicy.WithdrawalLine;
import org.aftersales.policy.order.EmailSyntax;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.FieldError;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.store.ReturnRepository.UnitCount;

/**
 * The request bodies of the returns routes, read with {@link JsonBody} so that one {@code 400}
 * lists every bad field (openapi.yaml "Conventions").
 */
final class ReturnRequests {

  static final int MAX_TEXT = 1000;
  static final int MAX_QUANTITY = 10_000;

  private ReturnRequests() {}

  /**
   * {@code POST /orders/{orderId}/returns}: {@code {"lines": [{"lineId", "quantity", "reason",
   * "condition"}], "comment"?}}.
   */
  static List<ReturnLine> returnLines(JsonBody body) {
    List<ReturnLine> lines =
        body.array(
            "lines",
            (item, path) ->
                new ReturnLine(
                    item.requiredId("lineId"),
                    item.requiredInt("quantity", 1, MAX_QUANTITY),
                    item.requiredEnum("reason", ReturnReason.class),
                    item.requiredEnum("condition", ItemCondition.class)));
    body.optionalString("comment", MAX_TEXT);
    body.throwIfInvalid();
    return lines;
  }

  /** Every named line must be a line of the order ({@code 400} naming each one that is not). */
  static void requireKnownLines(Order order, List<ReturnLine> lines) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String lineId = lines.get(i).lineId();
      if (order.spec().line(lineId).isEmpty()) {
        errors.add(new FieldError("lines[" + i + "].lineId", "the order has no line " + lineId));
      } else if (lines.get(i).quantity() > order.unitsOfLine(lineId).size()) {
        errors.add(
            new FieldError(
                "lines[" + i + "].quantity",
                "line " + lineId + " has only " + order.unitsOfLine(lineId).size() + " units"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  /** What the warehouse found: {@code units[]} per received unit, and an agent's override. */
  record ReceiptRequest(List<LineInspection> units, Optional<String> overrideReason) {}

  /**
   * {@code POST /returns/{returnId}/receipt}: {@code {"units": [{"lineId", "condition",
   * "missingComponents"?, "deduction"?: {"amount", "reason"}, "sealed"?}], "override"?:
   * {"reason"}}}; a deduction (LAW-2: a withdrawal's diminished value, Art. 14(2)) needs an amount
   * in minor units (a non-negative integer, GEN-1) and a stated reason; {@code sealed} (LAW-1, Art.
   * 16(e), (i)) is true or false.
   */
  static ReceiptRequest receipt(JsonBody body) {
    List<LineInspection> units =
        body.array(
            "units",
            (item, path) ->
                new LineInspection(
                    item.requiredId("lineId"),
                    item.requiredEnum("condition", InspectedCondition.class),
                    item.optionalArray("missingComponents", (c, p) -> c.asId()).orElse(List.of()),
                    item.optionalObject(
                            "deduction",
                            d ->
                                new WithdrawalPolicy.Deduction(
                                    d.requiredAmount("amount"),
                                    d.requiredString("reason", MAX_TEXT)))
                        .orElse(null),
                    item.optionalBoolean("sealed").orElse(null)));
    Optional<String> override =
        body.optionalObject("override", o -> o.requiredString("reason", MAX_TEXT));
    body.throwIfInvalid();
    return new ReceiptRequest(units, override);
  }

  /** A parcel with no RMA (RET-3): when it came is required, the rest is what can be told. */
  record UnannouncedRequest(
      Optional<String> orderId,
      Optional<String> trackingNumber,
      List<UnitCount> units,
      Optional<String> note,
      java.time.Instant receivedAt) {}

  /**
   * {@code POST /returns/unannounced}: {@code {"orderId"?, "trackingNumber"?, "units"?: [{"lineId",
   * "quantity"}], "note"?, "receivedAt"}} (openapi.yaml {@code UnannouncedReturnRequest}).
   */
  static UnannouncedRequest unannounced(JsonBody body) {
    Optional<String> orderId = body.optionalId("orderId");
    Optional<String> tracking = body.optionalString("trackingNumber", 100);
    List<UnitCount> units =
        body.optionalArray(
                "units",
                (item, path) ->
                    new UnitCount(
                        item.requiredId("lineId"), item.requiredInt("quantity", 1, MAX_QUANTITY)))
            .orElse(List.of());
    Optional<String> note = body.optionalString("note", MAX_TEXT);
    java.time.Instant receivedAt = body.requiredInstant("receivedAt");
    body.throwIfInvalid();
    return new UnannouncedRequest(orderId, tracking, units, note, receivedAt);
  }

  /** A withdrawal's reason, at most this long (openapi.yaml {@code WithdrawalRequest}). */
  static final int MAX_WITHDRAWAL_REASON = 500;

  /**
   * {@code POST /returns/{returnId}/withdrawal}: no body, or {@code {"reason"?}}; anything else is
   * a {@code 400} before the return is touched.
   */
  static void withdrawal(JsonBody json) {
    json.optionalString("reason", MAX_WITHDRAWAL_REASON);
    json.throwIfInvalid();
  }

  /** The longest name a withdrawal takes (LAW-3). */
  static final int MAX_NAME = 200;

  /** The body of {@code POST /orders/{orderId}/withdrawals}; {@code units} null = every unit. */
  record WithdrawalRequest(String name, Optional<String> email, List<WithdrawalLine> units) {}

  /**
   * {@code POST /orders/{orderId}/withdrawals}: {@code {"name", "email"?, "units"?: [{"lineId",
   * "quantity"}]}} (LAW-3 asks for nothing else); one {@code 400} lists every bad field.
   */
  static WithdrawalRequest withdrawalRequest(JsonBody body) {
    String name = body.requiredString("name", MAX_NAME);
    if (name != null && name.isBlank()) {
      name = body.rejectField("name", "must not be blank");
    }
    Optional<String> email = body.optionalString("email", EmailSyntax.MAX_LENGTH + 1);
    if (email.isPresent() && EmailSyntax.problem(email.get()) != null) {
      body.rejectField("email", "is not an email address: " + EmailSyntax.problem(email.get()));
    }
    List<WithdrawalLine> units =
        body.optionalArray(
                "units",
                (item, path) ->
                    new WithdrawalLine(
                        item.requiredId("lineId"), item.requiredInt("quantity", 1, MAX_QUANTITY)))
            .orElse(null);
    body.throwIfInvalid();
    return new WithdrawalRequest(name, email, units);
  }

  /** {@code POST /returns/{returnId}/proof-of-sending}: {@code {"carrier", "trackingNumber"}}. */
  record ProofOfSending(String carrier, String trackingNumber) {}

  static ProofOfSending proofOfSending(JsonBody body) {
    String carrier = body.requiredString("carrier", 100);
    String tracking = body.requiredString("trackingNumber", 100);
    body.throwIfInvalid();
    return new ProofOfSending(carrier, tracking);
  }
}
