package org.aftersales.orders;

import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.document.StorePolicies;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.store.OrderRepository;

/**
 * Registers an order ({@code PUT /orders/{orderId}}) with the policy version in force at its {@code
 * placedAt} (GEN-7). Creating is one conditional put: the same spec again is a no-op ({@code
 * created == false}); a different spec for an existing order is a {@code 409} {@code order-exists}.
 * Side effect: the order item on first registration.
 */
record RegisterOrder(OrderRepository orders, PolicyBook policies) {

  /** The order as stored, and whether this call created it. */
  record Registration(Order order, boolean created) {}

  Registration register(OrderSpec given) {
    PolicyDocument policy = policyAt(given);
    // MSG-3: a contact without a language gets the store's, so a re-PUT that omits it is identical
    OrderSpec spec = given.withContactLanguageOr(StorePolicies.LANGUAGE);
    Order order = Order.register(spec, policy.version());
    if (orders.create(order)) {
      return new Registration(order, true);
    }
    Order existing =
        orders
            .find(spec.orderId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "order " + spec.orderId() + " exists but can not be read"));
    if (!existing.spec().equals(spec)) {
      throw ApiProblem.conflict(
          "order-exists",
          "Order already registered",
          "Order "
              + spec.orderId()
              + " is already registered with a different body; an order can not be changed"
              + " by registering it again.",
          List.of());
    }
    return new Registration(existing, false);
  }

  private PolicyDocument policyAt(OrderSpec spec) {
    try {
      return policies.inForceAt(spec.placedAt());
    } catch (IllegalStateException e) {
      throw ApiProblem.badRequest(
          "placedAt", "is before the first policy version took effect (GEN-7)");
    }
  }
}
