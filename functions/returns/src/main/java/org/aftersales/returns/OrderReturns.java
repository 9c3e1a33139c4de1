package org.aftersales.returns;

import java.time.Clock;
import java.util.List;
import org.aftersales.policy.decision.ReturnPolicy;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StoredReturn;

/**
 * {@code GET /orders/{orderId}/returns} (owner, agent): the returns of the caller's order, so any
 * device of the customer sees them. One read of the order (another customer's is {@code 404}) and
 * one query of index {@code ByOrder}; writes nothing. A return still authorised whose units the
 * order does not show it holding is left out: its authorisation never finished (RET-2; the next
 * read of it deletes it). An authorised return past its send-by date shows as expired (RET-9, as
 * {@code GET /returns/{returnId}} would make it).
 */
record OrderReturns(
    OrderRepository orders, ReturnRepository returns, OrderPolicies policies, Clock clock) {

  /** A return as listed: as stored, its refund on the order (or null), whether RET-9 expired it. */
  record Listed(StoredReturn stored, Order order, PolicyDocument policy, boolean expiredNow) {}

  List<Listed> list(Caller caller, String orderId) {
    Order order = new Orders(orders).visibleTo(caller, orderId);
    PolicyDocument policy = policies.of(order);
    return returns.byOrder(orderId).stream()
        .filter(
            r ->
                r.state().status() != ReturnStatus.AUTHORIZED
                    || order.holds(r.hold().units(), r.hold().holder()))
        .map(
            r ->
                new Listed(
                    r, order, policy, ReturnPolicy.isExpired(r.state(), policy, clock.instant())))
        .toList();
  }
}
