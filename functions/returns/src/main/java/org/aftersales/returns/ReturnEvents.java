package org.aftersales.returns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.InspectionPolicy;
import org.aftersales.policy.decision.ReturnPolicy;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;
import org.aftersales.shared.store.StoredReturn;

/**
 * The events of the return decisions (MSG-1, docs/events.md), each announced in the order write
 * that commits its decision: {@code ReturnAuthorized} (or {@code WithdrawalReceived} for a request
 * judged as a withdrawal, LAW-4) in the write that takes the units, {@code ReturnReceived} in the
 * write that grants the refund or lets the units of a refused return go (RET-6), {@code
 * ReturnExpired} in the write that lets an expired return's units go (RET-9), {@code
 * ReturnWithdrawn} in the write that lets a withdrawn return's units go (RET-9: they are the
 * customer's to return again, and the warehouse stops expecting the parcel). A parcel that came
 * back without an authorised return announces {@code UnannouncedReturnReceived} (RET-3) in its own
 * item's create-only write instead, with the parcel in {@code data.unannounced}. Each other event
 * carries the Return as the API shows it in {@code data.return} (the RMA number, address, send-by
 * date and what to include that the emails read); the ids derive from type and return, so a retried
 * step names the same event.
 */
final class ReturnEvents {

  private ReturnEvents() {}

  /**
   * What authorising {@code stored} announces: {@code ReturnAuthorized}, or {@code
   * WithdrawalReceived} when LAW-4 judged the request as a withdrawal ({@code wd-ret-…}). A
   * withdrawal received through {@code POST /orders/{orderId}/withdrawals} is announced by {@link
   * ReceiveWithdrawal} (its statement carries the name given there), so nothing here.
   */
  static List<Event> authorised(StoredReturn stored) {
    String id = stored.returnId();
    if (!WithdrawalPolicy.isWithdrawal(id)) {
      return List.of(
          event(
              "ReturnAuthorized",
              stored,
              stored.state().authorizedAt(),
              Explanation.of(
                      "RET-2",
                      "Return "
                          + stored.state().rmaNumber()
                          + " is authorised: write its number on the parcel and send it to the"
                          + " return address.")
                  .and("RET-5", "Send each item with everything listed to include.")
                  .and(
                      "RET-9",
                      "Send it by "
                          + stored.state().sendBy()
                          + "; a return not sent by then expires."),
              returnData(stored)));
    }
    if (!id.startsWith(WithdrawalPolicy.RETURN_ID_PREFIX + "ret-")) {
      return List.of();
    }
    String statement =
        "A return request for order "
            + stored.state().orderId()
            + " inside the withdrawal period, judged as a withdrawal from the contract"
            + " (Directive 2011/83/EU Art. 11(1)).";
    ObjectNode data = withdrawalData(stored, statement);
    data.set("return", ReturnView.of(stored, Optional.empty(), null));
    return List.of(
        new Event(
            Event.idOf("WithdrawalReceived", "WITHDRAWAL", id),
            "WithdrawalReceived",
            stored.state().authorizedAt(),
            stored.state().orderId(),
            stored.customerId(),
            "WITHDRAWAL",
            id,
            Explanation.of("LAW-4", statement)
                .and("LAW-3", "Withdrawal received on " + stored.state().authorizedAt() + "."),
            data));
  }

  /**
   * {@code data.withdrawal} of a {@code WithdrawalReceived}: the content (statement, units) and the
   * date and time received, the refund estimate and the return carrying the units.
   */
  static ObjectNode withdrawalData(StoredReturn stored, String statement) {
    ObjectNode data = Json.object();
    ObjectNode w = data.putObject("withdrawal");
    w.put("withdrawalId", stored.returnId());
    w.put("orderId", stored.state().orderId());
    w.put("receivedAt", stored.state().authorizedAt().toString());
    w.put("statement", statement);
    ArrayNode list = w.putArray("units");
    unitsByLine(stored.state().units())
        .forEach((line, n) -> list.addObject().put("lineId", line).put("quantity", n));
    w.set("refundEstimate", ApiJson.money(stored.state().refundEstimate().total()));
    w.put("returnId", stored.returnId());
    return data;
  }

  /** How many units of each line, in the order of first appearance. */
  static Map<String, Integer> unitsByLine(List<UnitRef> units) {
    Map<String, Integer> byLine = new LinkedHashMap<>();
    units.forEach(u -> byLine.merge(u.lineId(), 1, Integer::sum));
    return byLine;
  }

  /** RET-9: {@code ReturnExpired} for an EXPIRED return, announced as its units are let go. */
  static List<Event> expired(StoredReturn expired) {
    return List.of(
        event(
            "ReturnExpired",
            expired,
            expired.state().statusSince(),
            ReturnPolicy.expired(expired.state())
                .and(
                    "RET-9",
                    "Its items are free again and can be returned while their window is open."),
            returnData(expired)));
  }

  /**
   * RET-9: {@code ReturnWithdrawn} for a return the customer withdrew before it was received,
   * announced as its units are let go.
   */
  static List<Event> withdrawn(StoredReturn withdrawn) {
    return List.of(
        event(
            "ReturnWithdrawn",
            withdrawn,
            withdrawn.state().statusSince(),
            Explanation.of(
                "RET-9",
                "Return "
                    + withdrawn.state().rmaNumber()
                    + " was withdrawn before it was received: the parcel is no longer"
                    + " expected."),
            returnData(withdrawn)));
  }

  /**
   * RET-3: {@code UnannouncedReturnReceived} for a parcel that came back without an authorised
   * return and names an order of {@code customerId}: recorded for manual handling, no automatic
   * refund; the help desk acts on it (MSG-4). Recorded in the parcel item's create-only write.
   */
  static List<Event> unannounced(UnannouncedReturn parcel, String customerId) {
    Explanation why = RecordUnannouncedReturn.explanation();
    ObjectNode data = Json.object();
    data.set("unannounced", ReturnView.of(parcel, why));
    return List.of(
        new Event(
            Event.idOf("UnannouncedReturnReceived", "UNANNOUNCED", parcel.unannouncedId()),
            "UnannouncedReturnReceived",
            parcel.receivedAt(),
            parcel.orderId(),
            customerId,
            "UNANNOUNCED",
            parcel.unannouncedId(),
            why,
            data));
  }

  /**
   * RET-4…RET-6, LAW-2: {@code ReturnReceived} for a received return: REFUNDED with {@code refund}
   * and the decision's explanation, announced in the write that grants it (or, for a withdrawal
   * refunded on proof of sending, marks its units RETURNED).
   */
  static Event refunded(StoredReturn refunded, Refund refund, Explanation why, Instant at) {
    return event(
        "ReturnReceived", refunded, at, why, receivedData(refunded, Optional.ofNullable(refund)));
  }

  /** RET-6: {@code ReturnReceived} for a REJECTED return, announced as its units are let go. */
  static List<Event> rejected(StoredReturn rejected) {
    return List.of(
        event(
            "ReturnReceived",
            rejected,
            rejected.receipt() == null
                ? rejected.state().statusSince()
                : rejected.receipt().receivedAt(),
            InspectionPolicy.notMint(),
            receivedData(rejected, Optional.empty())));
  }

  /**
   * What letting go of a final return's units announces: its expiry, its refusal or its withdrawal,
   * else none.
   */
  static List<Event> released(StoredReturn finished) {
    return switch (finished.state().status()) {
      case EXPIRED -> expired(finished);
      case REJECTED -> rejected(finished);
      case WITHDRAWN -> withdrawn(finished);
      default -> List.of();
    };
  }

  /** {@code {"return": the Return as the API shows it}}. */
  private static ObjectNode returnData(StoredReturn stored) {
    ObjectNode data = Json.object();
    data.set("return", ReturnView.of(stored, Optional.empty(), null));
    return data;
  }

  /** {@code {"return", "refund": the refund or null}} of a {@code ReturnReceived}. */
  private static ObjectNode receivedData(StoredReturn stored, Optional<Refund> refund) {
    ObjectNode data = Json.object();
    data.set("return", ReturnView.of(stored, refund, null));
    data.set(
        "refund",
        refund
            .<com.fasterxml.jackson.databind.JsonNode>map(ApiJson::refund)
            .orElse(com.fasterxml.jackson.databind.node.NullNode.getInstance()));
    return data;
  }

  private static Event event(
      String type, StoredReturn stored, Instant at, Explanation why, ObjectNode data) {
    String id = stored.returnId();
    return new Event(
        Event.idOf(type, "RETURN", id),
        type,
        at,
        stored.state().orderId(),
        stored.customerId(),
        "RETURN",
        id,
        why,
        data);
  }
}
