package org.aftersales.returns;

import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;

/**
 * The policy book bound to an order's terms, injected into the return steps: {@link
 * PolicyBook#judging} decides which version an order is judged by (GEN-7).
 */
record OrderPolicies(PolicyBook book) {

  PolicyDocument of(Order order) {
    return book.judging(order.policyVersion(), order.spec().placedAt());
  }
}
