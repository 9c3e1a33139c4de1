package org.aftersales.returns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.ReturnRepository.UnitCount;
import org.aftersales.shared.store.ReturnRepository.WithdrawalRecord;
import org.aftersales.shared.store.StoredReturn;

/**
 * The Withdrawal of openapi.yaml (LAW-1…LAW-3): the record as stored, the return carrying its
 * units, the refund estimate, and the acknowledgement: {@code sentTo}, {@code status} and {@code
 * sentAt} of its email ({@link Acknowledgement}), {@code recordUrl} where the customer reads the
 * record back, and {@code record} as stored ({@link #record}, also the copy kept in the evidence
 * bucket).
 */
final class WithdrawalView {

  private WithdrawalView() {}

  static ObjectNode of(
      WithdrawalRecord record,
      Acknowledgement acknowledgement,
      StoredReturn returned,
      ObjectNode returnJson,
      Explanation why) {
    ObjectNode json = Json.object();
    json.put("withdrawalId", record.withdrawalId());
    json.put("orderId", record.orderId());
    json.put("receivedAt", record.receivedAt().toString());
    json.set("units", units(record));
    json.put("returnId", returned.returnId());
    json.set("refundEstimate", ApiJson.money(returned.state().refundEstimate().total()));
    ObjectNode ack = json.putObject("acknowledgement");
    ack.put("sentTo", acknowledgement.sentTo());
    ack.put("status", acknowledgement.status());
    if (acknowledgement.sentAt() == null) {
      ack.putNull("sentAt");
    } else {
      ack.put("sentAt", acknowledgement.sentAt().toString());
    }
    ack.put("recordUrl", "/withdrawals/" + record.withdrawalId());
    ack.set("record", record(record));
    json.set("return", returnJson);
    if (why != null && !why.lines().isEmpty()) {
      json.set("explanation", ApiJson.explanation(why));
    }
    return json;
  }

  /**
   * The record's content and the date and time it was received (LAW-3), the same bytes every time:
   * what the API shows as {@code acknowledgement.record} and what the evidence bucket keeps.
   */
  static ObjectNode record(WithdrawalRecord record) {
    ObjectNode stored = Json.object();
    stored.put("name", record.name());
    stored.put("email", record.email());
    stored.put("orderId", record.orderId());
    stored.set("units", units(record));
    stored.put("statement", record.statement());
    stored.put("receivedAt", record.receivedAt().toString());
    return stored;
  }

  private static ArrayNode units(WithdrawalRecord record) {
    ArrayNode units = Json.array();
    for (UnitCount u : record.units()) {
      units.addObject().put("lineId", u.lineId()).put("quantity", u.quantity());
    }
    return units;
  }
}
