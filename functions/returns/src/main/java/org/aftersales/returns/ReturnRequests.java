package org.aftersales.returns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.decision.InspectionPolicy.LineInspection;
import org.aftersales.policy.decision.ReturnPolicy.ReturnLine;
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
 * lists every bad field (API.md "Conventions").
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
                    item.requiredString("lineId", 64),
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
   * "missingComponents"?}], "override"?: {"reason"}}}.
   */
  static ReceiptRequest receipt(JsonBody body) {
    List<LineInspection> units =
        body.array(
            "units",
            (item, path) ->
                new LineInspection(
                    item.requiredString("lineId", 64),
                    item.requiredEnum("condition", InspectedCondition.class),
                    item.optionalArray("missingComponents", (c, p) -> c.asString(64))
                        .orElse(List.of())));
    Optional<String> override =
        body.optionalObject("override", o -> o.requiredString("reason", MAX_TEXT));
    body.throwIfInvalid();
    return new ReceiptRequest(units, override);
  }

  /** A parcel with no RMA (RET-3): everything optional but what was received. */
  record UnannouncedRequest(
      Optional<String> orderId,
      Optional<String> trackingNumber,
      List<UnitCount> lines,
      Optional<String> note,
      Optional<java.time.Instant> receivedAt) {}

  /**
   * {@code POST /returns/unannounced}: {@code {"orderId"?, "trackingNumber"?, "lines"?: [{"lineId",
   * "quantity"}], "note"?, "receivedAt"?}}.
   */
  static UnannouncedRequest unannounced(JsonBody body) {
    Optional<String> orderId = body.optionalString("orderId", 64);
    Optional<String> tracking = body.optionalString("trackingNumber", 100);
    List<UnitCount> lines =
        body.optionalArray(
                "lines",
                (item, path) ->
                    new UnitCount(
                        item.requiredString("lineId", 64),
                        item.requiredInt("quantity", 1, MAX_QUANTITY)))
            .orElse(List.of());
    Optional<String> note = body.optionalString("note", MAX_TEXT);
    Optional<java.time.Instant> receivedAt = body.optionalInstant("receivedAt");
    body.throwIfInvalid();
    return new UnannouncedRequest(orderId, tracking, lines, note, receivedAt);
  }
}
