package org.aftersales.returns;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.Refusal;
import org.aftersales.policy.decision.RefusalCode;
import org.aftersales.policy.decision.ReturnPolicy.ReturnLine;
import org.aftersales.policy.decision.ReturnUpdate;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Idempotency;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.UnitHolds;

/**
 * {@code POST /orders/{orderId}/returns} (owner, agent): authorises a 60 day conditional return
 * (RET-1, RET-2, RET-4, RET-5, RET-7, RET-8) and takes its units on the order. Where the EU right
 * of withdrawal covers the order and its period is open, the request is judged as the better of the
 * store's return and a withdrawal (LAW-4, {@link WithdrawalPolicy#returnOrWithdrawal}): when the
 * withdrawal refunds more, or the store's return would be refused, the return is of kind WITHDRAWAL
 * (id {@code wd-ret-…}, LAW-2's refund at receipt) and the explanation says why.
 *
 * <p>The return id comes from the caller's {@code Idempotency-Key} when there is one (so a retry
 * after a failure finds the return its first attempt wrote and finishes it), else it is random. The
 * item is written AUTHORIZED first, then the order's units become RETURN_OPEN held by it ({@link
 * UnitHolds}, one conditional write starting from the order read to check access); if the units
 * went elsewhere in between, the item is deleted and the return decided again on the current order
 * (another unit of the line, or the policy's refusal). The write that takes the units announces
 * {@code ReturnAuthorized}, or {@code WithdrawalReceived} for a withdrawal (MSG-1, {@link
 * ReturnEvents#authorised}). Side effects: the return item, the order's unit statuses.
 */
record AuthorizeReturn(
    OrderRepository orders,
    ReturnRepository returns,
    ReturnProgress progress,
    OrderPolicies policies,
    Clock clock) {

  /** The authorised return and why. */
  record Authorized(StoredReturn stored, Explanation explanation) {}

  private static final int ATTEMPTS = 4;

  Authorized authorize(
      Caller caller, String orderId, List<ReturnLine> lines, Optional<String> idempotencyKey) {
    Order order = new Orders(orders).visibleTo(caller, orderId);
    ReturnRequests.requireKnownLines(order, lines);
    String id = returnId(caller, orderId, idempotencyKey);
    // LAW-4: a request judged as a withdrawal is stored as wd-<id>; the order's holds say which
    // of the two a retry finds, with no extra read
    String asWithdrawal = WithdrawalPolicy.RETURN_ID_PREFIX + id;
    boolean heldAsWithdrawal =
        order.spec().units().stream()
            .anyMatch(u -> order.heldBy(u).filter(asWithdrawal::equals).isPresent());
    return open(
        order,
        heldAsWithdrawal ? asWithdrawal : id,
        (current, rid) ->
            WithdrawalPolicy.returnOrWithdrawal(
                current,
                policies.of(current),
                WithdrawalPolicy.factsOf(current),
                id,
                lines,
                clock.instant()),
        (stored, current) -> ReturnEvents.authorised(stored),
        "RET-2",
        "This return was already authorised.");
  }

  /**
   * Writes the return {@code decide} decides on the order (AUTHORIZED) and takes its units,
   * deciding again on a fresh read when they went elsewhere meanwhile; a return already written
   * under {@code returnId} that holds its units is answered as it is (a retry), with {@code
   * retryRuleId}'s line.
   */
  Authorized open(
      Order order,
      String returnId,
      BiFunction<Order, String, Decision<ReturnUpdate>> decide,
      BiFunction<StoredReturn, Order, List<Event>> announce,
      String retryRuleId,
      String retryText) {
    String orderId = order.orderId();
    Optional<StoredReturn> earlier = returns.find(returnId);
    if (earlier.isPresent() && holds(earlier.get(), order, announce)) {
      return new Authorized(earlier.get(), Explanation.of(retryRuleId, retryText));
    }
    Order current = order;
    long incarnation = 0;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (current == null) {
        current =
            orders
                .find(orderId)
                .orElseThrow(() -> ApiProblem.notFound("No order " + orderId + "."));
      }
      Decision<ReturnUpdate> decision = decide.apply(current, returnId);
      StoredReturn fresh =
          new StoredReturn(
              Refusals.valueOf(decision).returnCase(),
              order.spec().customerId(),
              null,
              incarnation);
      Optional<StoredReturn> stored =
          returns.create(fresh)
              ? Optional.of(fresh)
              : returns.find(fresh.returnId()); // the same key, sent twice at once
      if (stored.isPresent() && holds(stored.get(), current, announce)) {
        return new Authorized(stored.get(), decision.explanation());
      }
      // Void: the next attempt writes a new incarnation at a higher version, so a request that
      // read this one and finds it void too deletes nothing it did not read.
      incarnation = stored.map(StoredReturn::version).orElse(incarnation) + 1;
      current = null; // the units went to another return, a claim or a cancellation: decide again
    }
    throw Refusals.toProblem(
        Refusal.of(
            RefusalCode.NOT_RETURNABLE_NOW,
            retryRuleId,
            "These items kept being taken by other returns, claims or cancellations while this"
                + " request was being decided; nothing was recorded."));
  }

  /** Whether the stored return holds its units (or is past needing them); else it is void. */
  private boolean holds(
      StoredReturn stored, Order order, BiFunction<StoredReturn, Order, List<Event>> announce) {
    return stored.state().status() != ReturnStatus.AUTHORIZED
        || progress.holdsItsUnits(stored, order, announce.apply(stored, order));
  }

  /**
   * {@code ret-} + 24 hex digits of SHA-256 over the caller, the key and the order when the client
   * sent an {@code Idempotency-Key}; otherwise {@code ret-} + a random UUID's 32 digits.
   */
  static String returnId(Caller caller, String orderId, Optional<String> idempotencyKey) {
    return "ret-"
        + Idempotency.derivedId(
            caller,
            idempotencyKey,
            "",
            orderId,
            () -> UUID.randomUUID().toString().replace("-", ""));
  }
}
