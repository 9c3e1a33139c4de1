package org.aftersales.shared.store;

import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.Caller;

/**
 * The one place that reads an order for a caller: another customer's order is exactly like a
 * missing one (openapi.yaml "Conventions"), a {@link NoSuchOrderException} that the API function
 * answers {@code 404}. Agents and services see every order.
 */
public record Orders(OrderRepository orders) {

  public Orders {
    Objects.requireNonNull(orders, "orders");
  }

  /**
   * The order as last written, if the caller may see it.
   *
   * @throws NoSuchOrderException when there is no such order or it is another customer's
   */
  public Order visibleTo(Caller caller, String orderId) {
    return orders
        .find(orderId)
        .filter(order -> caller.canSeeCustomer(order.spec().customerId()))
        .orElseThrow(() -> new NoSuchOrderException(orderId));
  }

  /**
   * A refund a return or claim was granted, as it stands on its order's ledger now (GEN-5 status);
   * empty when {@code refundId} is null (none granted) or the order is gone.
   */
  public Optional<Refund> refund(String orderId, String refundId) {
    return refundId == null
        ? Optional.empty()
        : orders.find(orderId).flatMap(order -> order.refund(refundId));
  }
}
