package org.aftersales.changes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;

/** The JSON answer of a change request or payment (openapi.yaml {@code Change}). */
final class ChangeView {

  private ChangeView() {}

  /**
   * openapi.yaml Change: the change as recorded plus its {@code refund} and {@code explanation}; a
   * CHG-4 no-op with nothing waiting answers {@code status APPLIED}, a zero difference and no
   * changeId.
   */
  static ObjectNode of(ChangeOrder.Result result) {
    ChangePolicy.ChangeOutcome outcome = result.outcome();
    Order order = result.order();
    ObjectNode json;
    if (outcome.change() == null) {
      json = Json.object();
      json.putNull("changeId");
      json.put("status", "APPLIED");
      json.set("difference", ApiJson.money(Money.zero(order.spec().currency())));
    } else {
      json = ApiJson.change(outcome.change(), order);
    }
    json.put("orderId", order.orderId());
    if (outcome.refund() != null) {
      json.set("refund", ApiJson.refund(outcome.refund()));
    }
    json.set("explanation", ApiJson.explanation(outcome.explanation()));
    return json;
  }
}
