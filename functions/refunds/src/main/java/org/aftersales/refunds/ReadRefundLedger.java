package org.aftersales.refunds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Orders;

/**
 * {@code GET /orders/{orderId}/refunds}: the order's refund ledger, oldest first, each refund with
 * its status, {@code dueBy} (GEN-5) and breakdown (GEN-8), plus what was paid, refunded and is left
 * to refund (GEN-4). 404 when missing or another customer's. Reads only.
 */
record ReadRefundLedger(Orders orders) {

  ReadRefundLedger(OrderRepository orders) {
    this(new Orders(orders));
  }

  ObjectNode ledger(Caller caller, String orderId) {
    Order order = orders.visibleTo(caller, orderId);
    ObjectNode node = Json.object();
    node.put("orderId", order.orderId());
    node.set("paidTotal", ApiJson.money(order.paidTotal()));
    node.set("refundedTotal", ApiJson.money(order.refundedTotal()));
    node.set("remainingRefundable", ApiJson.money(order.remainingToRefund()));
    ArrayNode refunds = node.putArray("refunds");
    for (Refund refund : order.refunds()) {
      refunds.add(ApiJson.refund(refund));
    }
    return node;
  }
}
