package org.aftersales.cancellation;

import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;

/** The policy version an order is judged by: the one stored with it at registration (GEN-7). */
final class Policies {

  private Policies() {}

  static PolicyDocument of(PolicyBook book, Order order) {
    return book.byVersion(order.policyVersion()).orElseThrow(() -> new IllegalStateException(
        "GEN-7: order " + order.orderId() + " names unknown policy version " + order.policyVersion()));
  }
}
