package org.aftersales.refunds;

import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;

/** GEN-7: the policy version an order is judged by (its recorded version, else the one in force when placed). */
final class OrderPolicies {

    private OrderPolicies() {
    }

    static PolicyDocument of(PolicyBook book, Order order) {
        return book.byVersion(order.policyVersion()).orElseGet(() -> book.inForceAt(order.spec().placedAt()));
    }
}
