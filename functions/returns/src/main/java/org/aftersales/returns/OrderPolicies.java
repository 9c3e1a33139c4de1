package org.aftersales.returns;

import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;

/**
 * The policy version an order is judged by (GEN-7): the one recorded on the order at
 * registration, else the one in force when it was placed.
 */
final class OrderPolicies {

  private final PolicyBook book;

  OrderPolicies(PolicyBook book) {
    this.book = book;
  }

  PolicyDocument of(Order order) {
    return book.byVersion(order.policyVersion()).orElseGet(() -> book.inForceAt(order.spec().placedAt()));
  }
}
