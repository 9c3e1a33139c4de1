package org.aftersales.cancellation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.RefusalCode;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.FieldError;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.NoSuchOrderException;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderTooLargeException;
import org.aftersales.shared.store.OrderUpdates;

/**
 * Changes before processing (CHG-1…CHG-6): {@link ChangePolicy} decides, and everything one request
 * changes (units replaced, addresses, the change in the history, a cheaper change's refund) is
 * written in ONE conditional update of the order item (GEN-4, CHG-4); a lost race is re-decided on
 * the fresh order. The change id, and with it a refund id, is {@code {orderId}-ch{version}}: the
 * order version the change applied to, which no other write shares. Side effect: the order item.
 */
final class ChangeOrder {

  private final OrderRepository orders;
  private final OrderUpdates updates;
  private final PolicyBook policies;
  private final Clock clock;

  ChangeOrder(OrderRepository orders, OrderUpdates updates, PolicyBook policies, Clock clock) {
    this.orders = orders;
    this.updates = updates;
    this.policies = policies;
    this.clock = clock;
  }

  /** A decided change and the order as stored after it. */
  record Result(ChangePolicy.ChangeOutcome outcome, Order order) {}

  /**
   * @throws ApiProblem {@code 404} for a missing or another customer's order, {@code 400} with
   *     every bad field, the policy's refusal ({@code 409 order-already-processed}, CHG-1), {@code
   *     422 order-too-large} when the order item could not hold the change
   */
  Result change(
      String orderId,
      Caller caller,
      ChangePolicy.ChangeRequest request,
      List<org.aftersales.shared.http.FieldError> bodyErrors) {
    Order first = readable(orderId, caller);
    // one 400 with every bad field: the body's (types, formats) and the order's (lines, indexes,
    // caps); a field the body already reported is not reported twice
    List<org.aftersales.shared.http.FieldError> errors = new ArrayList<>(bodyErrors);
    Set<String> reported = new HashSet<>();
    bodyErrors.forEach(e -> reported.add(e.field()));
    for (FieldError e : ChangePolicy.validate(first, request)) {
      if (reported.add(e.field())) {
        errors.add(new org.aftersales.shared.http.FieldError(e.field(), e.message()));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    Instant now = clock.instant();
    String by = requestedBy(caller);
    return write(
        first,
        order -> ChangePolicy.request(order, policy(order), changeId(order), by, request, now));
  }

  /**
   * The payment integration confirms a dearer change's difference (CHG-3).
   *
   * @throws ApiProblem {@code 404} for an unknown order or change, {@code 400} for a wrong amount,
   *     {@code 409 change-lapsed} when it lapsed (the lapse is written first)
   */
  Result pay(String orderId, String changeId, String paymentReference, Money amount) {
    Order first = orders.find(orderId).orElseThrow(() -> noSuchOrder(orderId));
    OrderChange awaited =
        first
            .change(changeId)
            .orElseThrow(
                () -> ApiProblem.notFound("Order " + orderId + " has no change " + changeId + "."));
    Instant now = clock.instant();
    Result result =
        write(first, order -> ChangePolicy.pay(order, awaited, paymentReference, amount, now));
    OrderChange change = result.outcome().change();
    if (change.status() == ChangeStatus.LAPSED) {
      throw Refusals.toProblem(
          org.aftersales.policy.decision.Refusal.of(
              RefusalCode.CHANGE_LAPSED,
              "CHG-3",
              "This change lapsed and was not made: " + change.lapseReason()));
    }
    return result;
  }

  /**
   * CHG-6: always refused, with where to change it; 404 first for an order the caller can't see.
   */
  ApiProblem billingAddress(String orderId, Caller caller) {
    Order order = readable(orderId, caller);
    return Refusals.toProblem(ChangePolicy.billingAddress(policy(order)));
  }

  private Result write(
      Order first,
      java.util.function.Function<Order, Decision<ChangePolicy.ChangeOutcome>> decide) {
    OrderUpdates.Applied<Decision<ChangePolicy.ChangeOutcome>> applied;
    try {
      applied =
          updates.applyAndGet(
              first,
              order -> {
                Decision<ChangePolicy.ChangeOutcome> d = decide.apply(order);
                return d.accepted() && d.value().changed()
                    ? OrderUpdates.Change.of(d.value().order(), d)
                    : OrderUpdates.Change.none(d);
              });
    } catch (NoSuchOrderException e) {
      throw noSuchOrder(first.orderId());
    } catch (OrderTooLargeException e) {
      throw ApiProblem.unprocessable(
          "order-too-large",
          "Order too large",
          "This order can not hold more changes; please contact customer care.",
          List.of("CHG-1"));
    }
    Decision<ChangePolicy.ChangeOutcome> decision = applied.result();
    return new Result(Refusals.valueOf(decision), applied.order());
  }

  private Order readable(String orderId, Caller caller) {
    return orders
        .find(orderId)
        .filter(o -> caller.canSeeCustomer(o.spec().customerId()))
        .orElseThrow(() -> noSuchOrder(orderId));
  }

  private PolicyDocument policy(Order order) {
    return policies.judging(order.policyVersion(), order.spec().placedAt());
  }

  static String changeId(Order order) {
    return order.orderId() + "-ch" + order.version();
  }

  private static String requestedBy(Caller caller) {
    return caller.has(Caller.Role.AGENT)
        ? "agent " + caller.subject()
        : "customer " + caller.subject();
  }

  private static ApiProblem noSuchOrder(String orderId) {
    return ApiProblem.notFound("No order " + orderId + ".");
  }
}
