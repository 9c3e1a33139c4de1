package org.aftersales.returns;

import java.time.Clock;
import java.util.List;
import org.aftersales.policy.decision.ReturnPolicy;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StoredReturn;

/**
 * {@code GET /orders/{orderId}/returns} (owner, agent): the returns of the caller's order, so any
 * device of the customer sees them. One read of the order (another customer's is {@code 404}) and
 * one query of index {@code ByOrder}; writes nothing. Each return is shown as {@code GET
 * /returns/{returnId}} shows it ({@link ReturnProgress#shown}): a step a crash left half done as
 * its repair would leave it — a void return (RET-2) left out, a received one as its receipt decides
 * — and an authorised return past its send-by date as expired (RET-9).
 */
record OrderReturns(
    OrderRepository orders,
    ReturnRepository returns,
    ReturnProgress progress,
    OrderPolicies policies,
    Clock clock) {

  /** A return as listed: as stored, its refund on the order (or null), whether RET-9 expired it. */
  record Listed(StoredReturn stored, Order order, PolicyDocument policy, boolean expiredNow) {}

  List<Listed> list(Caller caller, String orderId) {
    Order order = new Orders(orders).visibleTo(caller, orderId);
    PolicyDocument policy = policies.of(order);
    return returns.byOrder(orderId).stream()
        .flatMap(r -> progress.finished(r, order).stream())
        .map(
            shown ->
                new Listed(
                    shown.stored(),
                    shown.order(),
                    policy,
                    ReturnPolicy.isExpired(shown.stored().state(), policy, clock.instant())))
        .toList();
  }
}
