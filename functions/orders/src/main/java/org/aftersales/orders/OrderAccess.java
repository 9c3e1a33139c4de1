package org.aftersales.orders;

import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.OrderRepository;

/**
 * Reads an order for a caller: another customer's order is a {@code 404}, exactly like a missing
 * one (API.md).
 */
final class OrderAccess {

  private OrderAccess() {}

  static Order readableBy(OrderRepository orders, String orderId, Caller caller) {
    return orders
        .find(orderId)
        .filter(order -> caller.canSeeCustomer(order.spec().customerId()))
        .orElseThrow(() -> noSuchOrder(orderId));
  }

  static ApiProblem noSuchOrder(String orderId) {
    return ApiProblem.notFound("No order " + orderId + ".");
  }
}
