package org.aftersales.changes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.decision.ChangeValidation;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.RefusalCode;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.FieldError;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.OrderAnswers;
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
 * order version the change applied to, which no other write shares. The same write records the
 * events ({@code ChangeApplied} / {@code ChangeAwaitingPayment} / {@code ChangeLapsed} and {@code
 * RefundGranted}, found in the difference by {@code OrderUpdates}) and the request's {@code
 * Idempotency-Key} record ({@link OrderAnswers}). Side effect: the order item.
 */
public record ChangeOrder(
    OrderRepository orders, OrderAnswers answers, PolicyBook policies, Clock clock) {

  public ChangeOrder(
      OrderRepository orders, OrderUpdates updates, PolicyBook policies, Clock clock) {
    this(orders, new OrderAnswers(updates, clock), policies, clock);
  }

  /** A decided change and the order it was decided on. */
  public record Result(ChangePolicy.ChangeOutcome outcome, Order order) {}

  /**
   * The answer to a change request: {@code view} of the result; {@code 400} with every bad field
   * (the body's and the order's), the policy's refusal ({@code 409 order-already-processed},
   * CHG-1), {@code 422 order-too-large} when the order item could not hold the change; {@code 404}
   * for a missing or another customer's order.
   */
  public ApiResponse change(
      ApiGatewayV2Request request,
      ChangePolicy.ChangeRequest change,
      List<org.aftersales.shared.http.FieldError> bodyErrors,
      Function<Result, ApiResponse> view) {
    Caller caller = request.caller();
    Instant now = clock.instant();
    String by = requestedBy(caller);
    return write(
        request,
        order -> caller.canSeeCustomer(order.spec().customerId()),
        order -> {
          requireValid(order, change, bodyErrors);
          return ChangePolicy.request(order, policy(order), changeId(order), by, change, now);
        },
        view);
  }

  /**
   * The payment integration confirms a dearer change's difference (CHG-3): {@code view} of the
   * change applied; {@code 404} for an unknown order or change, {@code 400} for a wrong amount,
   * {@code 409 change-lapsed} when it lapsed (the lapse is written first).
   */
  public ApiResponse pay(
      ApiGatewayV2Request request,
      String changeId,
      String paymentReference,
      Money amount,
      Function<Result, ApiResponse> view) {
    Instant now = clock.instant();
    return write(
        request,
        order -> true,
        order -> {
          OrderChange awaited =
              order
                  .change(changeId)
                  .orElseThrow(
                      () ->
                          ApiProblem.notFound(
                              "Order " + order.orderId() + " has no change " + changeId + "."));
          return ChangePolicy.pay(order, awaited, paymentReference, amount, now);
        },
        result -> {
          OrderChange change = result.outcome().change();
          if (change.status() == ChangeStatus.LAPSED) {
            throw Refusals.toProblem(
                org.aftersales.policy.decision.Refusal.of(
                    RefusalCode.CHANGE_LAPSED,
                    "CHG-3",
                    "This change lapsed and was not made: " + change.lapseReason()));
          }
          return view.apply(result);
        });
  }

  /** One 400 with every bad field: the body's (types, formats) and the order's (lines, caps). */
  private static void requireValid(
      Order order,
      ChangePolicy.ChangeRequest request,
      List<org.aftersales.shared.http.FieldError> bodyErrors) {
    // a field the body already reported is not reported twice
    List<org.aftersales.shared.http.FieldError> errors = new ArrayList<>(bodyErrors);
    Set<String> reported = new HashSet<>();
    bodyErrors.forEach(e -> reported.add(e.field()));
    for (FieldError e : ChangeValidation.validate(order, request)) {
      if (reported.add(e.field())) {
        errors.add(new org.aftersales.shared.http.FieldError(e.field(), e.message()));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  /**
   * CHG-6: always refused, with where to change it; 404 first for an order the caller can't see.
   */
  public ApiProblem billingAddress(String orderId, Caller caller) {
    Order order = readable(orderId, caller);
    return Refusals.toProblem(ChangePolicy.billingAddress(policy(order)));
  }

  private ApiResponse write(
      ApiGatewayV2Request request,
      Predicate<Order> visible,
      Function<Order, Decision<ChangePolicy.ChangeOutcome>> decide,
      Function<Result, ApiResponse> view) {
    try {
      return answers.answer(
          request,
          request.pathParameter("orderId"),
          visible,
          order -> {
            Decision<ChangePolicy.ChangeOutcome> d = decide.apply(order);
            return d.accepted() && d.value().changed()
                ? OrderUpdates.Change.of(d.value().order(), d)
                : OrderUpdates.Change.none(d);
          },
          (decision, order) ->
              view.apply(new Result(Refusals.valueOf(decision), decision.value().order())));
    } catch (NoSuchOrderException e) {
      throw noSuchOrder(request.pathParameter("orderId"));
    } catch (OrderTooLargeException e) {
      throw ApiProblem.unprocessable(
          "order-too-large",
          "Order too large",
          "This order can not hold more changes; please contact customer care.",
          List.of("CHG-1"));
    }
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
