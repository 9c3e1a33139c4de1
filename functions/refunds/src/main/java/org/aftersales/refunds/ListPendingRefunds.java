package org.aftersales.refunds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Page;

/**
 * {@code GET /refunds?status=PENDING} for the payment integration: one page of the {@code ByStatus}
 * index ({@link OrderRepository#withPendingRefunds}, orders by their earliest pending {@code
 * dueBy}, GEN-5; a query, never a scan), expanded to the PENDING refunds of those orders, oldest
 * {@code dueBy} first within the page. {@code limit} counts orders, so a page may hold more refunds
 * than {@code limit}; {@code nextToken} is the index cursor. The index is eventually consistent: a
 * refund settled a moment ago may still be listed (settling it again with the same reference is a
 * no-op). Reads only.
 */
record ListPendingRefunds(OrderRepository orders) {

  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;

  /** The pending refunds of one page, in due order. */
  record PendingPage(List<Refund> refunds, String nextToken) {
    PendingPage {
      refunds = List.copyOf(refunds);
    }
  }

  PendingPage page(String nextToken, int limit) {
    Page<Order> page = orders.withPendingRefunds(nextToken, limit);
    List<Refund> pending = new ArrayList<>();
    for (Order order : page.items()) {
      order.refunds().stream()
          .filter(r -> r.status() == RefundStatus.PENDING)
          .forEach(pending::add);
    }
    pending.sort(Comparator.comparing(Refund::dueBy).thenComparing(Refund::grantedAt));
    return new PendingPage(pending, page.nextCursor());
  }

  /** {@code {"refunds": [Refund], "nextToken": … | null}}. */
  ObjectNode json(PendingPage page) {
    ObjectNode node = Json.object();
    ArrayNode refunds = node.putArray("refunds");
    page.refunds().forEach(r -> refunds.add(ApiJson.refund(r)));
    if (page.nextToken() != null) {
      node.put("nextToken", page.nextToken());
    } else {
      node.putNull("nextToken");
    }
    return node;
  }
}
