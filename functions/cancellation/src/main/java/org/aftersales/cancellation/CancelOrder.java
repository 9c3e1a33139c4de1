package org.aftersales.cancellation;

import java.time.Clock;
import java.util.function.Function;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.OrderEvents;
import org.aftersales.shared.events.OrderEvents.CancelledBy;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.OrderAnswers;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.OrderUpdates;

/**
 * A customer's or agent's cancellation (CAN-1..CAN-5, CAN-8): {@link CancellationPolicy} decides
 * the scope and the refund, and the cancelled units and the refund are written together in ONE
 * conditional update of the order item (GEN-4, CAN-7). The cancellation id, and with it the refund
 * id, is {@code {orderId}-c{version}}: the order version the cancellation applied to, which no
 * other write can share, so a re-applied change after a lost race gets a fresh id only if it
 * cancels units the winner did not (otherwise it is a CAN-8 no-op). The same write records the
 * {@code OrderUnitsCancelled} event (MSG-1; {@code RefundGranted} follows from the ledger) and the
 * request's {@code Idempotency-Key} record ({@link OrderAnswers}): a read and a write. Side effect:
 * the order item.
 */
record CancelOrder(OrderAnswers answers, PolicyBook policies, Clock clock) {

  CancelOrder(OrderUpdates updates, PolicyBook policies, Clock clock) {
    this(new OrderAnswers(updates, clock), policies, clock);
  }

  /**
   * The answer to {@code request}: {@code view} of the cancellation, or the policy's refusal
   * ({@code 409 order-already-processed} / {@code nothing-to-cancel}, {@code 400} for lines the
   * order does not have); {@code 404} (thrown) for a missing or another customer's order.
   */
  ApiResponse cancel(
      ApiGatewayV2Request request,
      CancellationRequest body,
      Function<CancellationPolicy.Cancellation, ApiResponse> view) {
    Caller caller = request.caller();
    var now = clock.instant();
    CancelledBy by = caller.has(Caller.Role.AGENT) ? CancelledBy.AGENT : CancelledBy.CUSTOMER;
    return answers.answer(
        request,
        request.pathParameter("orderId"),
        order -> caller.canSeeCustomer(order.spec().customerId()),
        order -> {
          String id = cancellationId(order);
          Decision<CancellationPolicy.Cancellation> d =
              CancellationPolicy.cancel(
                  order,
                  policies.judging(order.policyVersion(), order.spec().placedAt()),
                  id,
                  body.lines(),
                  now);
          return d.accepted() && !d.value().units().isEmpty()
              ? OrderUpdates.Change.of(d.value().order(), d)
                  .announcing(OrderEvents.unitsCancelled(order, id, d.value(), by, now))
              : OrderUpdates.Change.none(d);
        },
        (decision, order) -> view.apply(Refusals.valueOf(decision)));
  }

  static String cancellationId(Order order) {
    return order.orderId() + "-c" + order.version();
  }
}
