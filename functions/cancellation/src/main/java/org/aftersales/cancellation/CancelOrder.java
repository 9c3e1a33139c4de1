package org.aftersales.cancellation;

import java.time.Clock;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.Orders;

/**
 * A customer's or agent's cancellation (CAN-1..CAN-5, CAN-8): {@link CancellationPolicy} decides
 * the scope and the refund, and the cancelled units and the refund are written together in ONE
 * conditional update of the order item (GEN-4, CAN-7). The cancellation id, and with it the refund
 * id, is {@code {orderId}-c{version}}: the order version the cancellation applied to, which no
 * other write can share, so a re-applied change after a lost race gets a fresh id only if it
 * cancels units the winner did not (otherwise it is a CAN-8 no-op). Side effect: the order item.
 */
final class CancelOrder {

  private final Orders orders;
  private final OrderUpdates updates;
  private final PolicyBook policies;
  private final Clock clock;

  CancelOrder(OrderRepository orders, OrderUpdates updates, PolicyBook policies, Clock clock) {
    this.orders = new Orders(orders);
    this.updates = updates;
    this.policies = policies;
    this.clock = clock;
  }

  /**
   * @throws NoSuchOrderException for a missing or another customer's order ({@code 404})
   * @throws ApiProblem the policy's refusal ({@code 409 order-already-processed} / {@code
   *     nothing-to-cancel}, {@code 400} for lines the order does not have)
   */
  CancellationPolicy.Cancellation cancel(
      String orderId, Caller caller, CancellationRequest request) {
    var now = clock.instant();
    Decision<CancellationPolicy.Cancellation> decision =
        updates.apply(
            orders.visibleTo(caller, orderId),
            order -> {
              Decision<CancellationPolicy.Cancellation> d =
                  CancellationPolicy.cancel(
                      order,
                      policies.judging(order.policyVersion(), order.spec().placedAt()),
                      cancellationId(order),
                      request.lines(),
                      now);
              return d.accepted() && !d.value().units().isEmpty()
                  ? OrderUpdates.Change.of(d.value().order(), d)
                  : OrderUpdates.Change.none(d);
            });
    return Refusals.valueOf(decision);
  }

  static String cancellationId(Order order) {
    return order.orderId() + "-c" + order.version();
  }
}
