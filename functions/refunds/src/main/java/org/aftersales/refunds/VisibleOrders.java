package org.aftersales.refunds;

import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.OrderRepository;

/**
 * An order the caller may see: another customer's order is a 404 exactly like a missing one
 * (API.md).
 */
final class VisibleOrders {

  private VisibleOrders() {}

  static Order find(OrderRepository orders, Caller caller, String orderId) {
    return orders
        .find(orderId)
        .filter(order -> caller.canSeeCustomer(order.spec().customerId()))
        .orElseThrow(() -> ApiProblem.notFound("No order " + orderId + "."));
  }
}
