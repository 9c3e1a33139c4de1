package org.aftersales.returns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.aftersales.policy.decision.CaseActions;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.MustInclude;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnItem;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.StoredReturn.Receipt;

/**
 * The API's Return resource (openapi.yaml "Returns"): {@code returnId}, {@code rmaNumber}, {@code
 * status}, {@code sendBy}, {@code returnAddress}, {@code mustInclude}, {@code instructions}, {@code
 * refundEstimate}, plus the order, the units with their reason and declared condition, the receipt
 * findings and the {@code refund} once granted.
 */
final class ReturnView {

  private ReturnView() {}

  static ObjectNode of(ReturnLookup.Shown shown) {
    return of(shown.stored(), shown.refund(), shown.explanation());
  }

  static ObjectNode of(StoredReturn stored, Optional<Refund> refund, Explanation explanation) {
    ReturnCase r = stored.state();
    ObjectNode json = Json.object();
    json.put("returnId", r.returnId());
    json.put("orderId", r.orderId());
    json.put("rmaNumber", r.rmaNumber());
    // LAW-1: a withdrawal's units come back through a return of kind WITHDRAWAL
    json.put("kind", WithdrawalPolicy.isWithdrawal(r.returnId()) ? "WITHDRAWAL" : "RETURN");
    json.put("status", r.status().name());
    json.put("sendBy", r.sendBy() == null ? null : r.sendBy().toString());
    if (r.returnAddress() == null) {
      json.putNull("returnAddress");
    } else {
      ObjectNode address = json.putObject("returnAddress");
      address.put("recipient", r.returnAddress().recipient());
      ArrayNode lines = address.putArray("lines");
      r.returnAddress().lines().forEach(lines::add);
      address.put("countryCode", r.returnAddress().countryCode());
    }
    ArrayNode mustInclude = json.putArray("mustInclude");
    for (MustInclude m : r.mustInclude()) {
      ObjectNode line = mustInclude.addObject();
      line.put("lineId", m.lineId());
      ArrayNode components = line.putArray("components");
      m.components().forEach(components::add);
    }
    ArrayNode instructions = json.putArray("instructions");
    r.instructions().forEach(instructions::add);
    if (r.refundEstimate() == null) {
      json.putNull("refundEstimate");
    } else {
      json.set("refundEstimate", ApiJson.breakdown(r.refundEstimate()));
    }
    ArrayNode units = json.putArray("units");
    for (ReturnItem item : r.items()) {
      units
          .addObject()
          .put("lineId", item.unit().lineId())
          .put("unit", item.unit().index())
          .put("reason", item.reason().name())
          .put("condition", item.condition().name());
    }
    json.put("authorizedAt", r.authorizedAt() == null ? null : r.authorizedAt().toString());
    json.put("statusSince", r.statusSince() == null ? null : r.statusSince().toString());
    if (r.note() != null) {
      json.put("note", r.note());
    }
    if (stored.receipt() != null) {
      json.set("receipt", receipt(stored.receipt()));
    }
    if (refund.isPresent()) {
      json.set("refund", ApiJson.refund(refund.get()));
    } else {
      json.putNull("refund");
    }
    if (explanation != null && !explanation.lines().isEmpty()) {
      json.set("explanation", ApiJson.explanation(explanation));
    }
    return json;
  }

  /**
   * A return of {@code GET /orders/{orderId}/returns}: the Return (status EXPIRED once RET-9
   * applies, even if not yet written) with {@code actions.send} and {@code actions.withdraw}
   * ({@link CaseActions}).
   */
  static ObjectNode listed(OrderReturns.Listed listed, Instant now) {
    ReturnCase r = listed.stored().state();
    ObjectNode json =
        of(
            listed.stored(),
            Optional.ofNullable(r.refundId()).flatMap(listed.order()::refund),
            null);
    if (listed.expiredNow()) {
      json.put("status", ReturnStatus.EXPIRED.name());
    }
    ObjectNode actions = json.putObject("actions");
    actions.set("send", ApiJson.action(CaseActions.send(r, listed.policy(), now)));
    actions.set("withdraw", ApiJson.action(CaseActions.withdraw(r, listed.policy(), now)));
    return json;
  }

  static ObjectNode of(UnannouncedReturn parcel, Explanation explanation) {
    ObjectNode json = Json.object();
    json.put("unannouncedId", parcel.unannouncedId());
    json.put("status", "MANUAL_HANDLING");
    // openapi.yaml: orderId, trackingNumber and note are strings when known, absent otherwise
    putIfKnown(json, "orderId", parcel.orderId());
    putIfKnown(json, "trackingNumber", parcel.trackingNumber());
    ArrayNode units = json.putArray("lines");
    parcel
        .units()
        .forEach(u -> units.addObject().put("lineId", u.lineId()).put("quantity", u.quantity()));
    putIfKnown(json, "note", parcel.note());
    json.put("receivedAt", parcel.receivedAt().toString());
    json.putNull("refund");
    json.set("explanation", ApiJson.explanation(explanation));
    return json;
  }

  private static ObjectNode receipt(Receipt receipt) {
    ObjectNode json = Json.object();
    json.put("receivedAt", receipt.receivedAt().toString());
    ArrayNode units = json.putArray("units");
    receipt
        .inspections()
        .forEach(
            i -> {
              ObjectNode unit =
                  units
                      .addObject()
                      .put("lineId", i.unit().lineId())
                      .put("unit", i.unit().index())
                      .put("condition", i.condition().name());
              ArrayNode missing = unit.putArray("missingComponents");
              i.missingComponents().forEach(missing::add);
              if (i.sealed() != null) {
                unit.put("sealed", i.sealed()); // LAW-1: the seal, stated at a withdrawal's receipt
              }
            });
    if (receipt.overrideReason() != null) {
      json.putObject("override").put("reason", receipt.overrideReason());
    }
    return json;
  }

  private static void putIfKnown(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
