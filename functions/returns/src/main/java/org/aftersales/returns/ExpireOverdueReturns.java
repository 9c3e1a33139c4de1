package org.aftersales.returns;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.sweep.CandidateWalk;

/**
 * The RET-9 sweep: records as EXPIRED every AUTHORIZED return whose send-by date has passed at a
 * given instant, so its units go back and its {@code ReturnExpired} is announced (MSG-1) even if
 * nobody reads it. Candidates come from the {@code ByStatus} index ({@code RETURNS#AUTHORIZED},
 * send-by before the latest store-zone date of any policy version); each is read again and brought
 * up to date by the same step as a request's ({@link ReturnProgress#current}), which decides the
 * expiry by the order's own policy (RET-9's day rule) and writes it conditionally: a return
 * withdrawn, received or expired meanwhile is left as its rival made it, its event recorded once.
 */
final class ExpireOverdueReturns {

  /** What a run did: candidates read, returns now EXPIRED, failures, whether it saw them all. */
  record Summary(
      Instant at,
      LocalDate sendByBefore,
      int candidates,
      int expired,
      int failures,
      boolean complete) {}

  private final OrderRepository orders;
  private final ReturnRepository returns;
  private final PolicyBook book;
  private final ReturnSweep sweep;

  ExpireOverdueReturns(ReturnSweep sweep) {
    this.orders = sweep.orders();
    this.returns = sweep.returns();
    this.book = sweep.book();
    this.sweep = sweep;
  }

  /**
   * The latest store-zone date of {@code at} over the policy versions: a send-by date before it may
   * have passed (each return is then judged by its order's version).
   */
  LocalDate sendByBefore(Instant at) {
    LocalDate latest = null;
    for (PolicyDocument version : book.versions()) {
      LocalDate today = version.calendar().dateOf(at);
      if (latest == null || today.isAfter(latest)) {
        latest = today;
      }
    }
    return latest;
  }

  /** Expires what is due at {@code at}, stopping while more than the margin is left. */
  Summary run(Instant at, LongSupplier remainingMillis) {
    LocalDate before = sendByBefore(at);
    ReturnProgress progress = ReturnProgress.asOf(at, orders, returns, book);
    CandidateWalk.Tally tally =
        new CandidateWalk(remainingMillis, sweep.minRemainingMillis())
            .walk(
                cursor -> returns.authorizedSendByBefore(before, cursor, sweep.pageSize()),
                returnId -> expire(progress, returnId),
                (returnId, e) ->
                    sweep
                        .log()
                        .error("RET-9: return not expired", Map.of("returnId", returnId), e));
    return new Summary(
        at, before, tally.candidates(), tally.acted(), tally.failures(), tally.complete());
  }

  /**
   * Whether the return stands EXPIRED after its step (the index may be behind: it is read again).
   */
  private boolean expire(ReturnProgress progress, String returnId) {
    Optional<StoredReturn> stored = returns.find(returnId);
    if (stored.isEmpty() || stored.get().state().status() != ReturnStatus.AUTHORIZED) {
      return false;
    }
    StoredReturn r = stored.get();
    Order order = orders.find(r.orderId()).orElse(null);
    if (order == null || !order.holds(r.hold().units(), r.hold().holder())) {
      // A crash left it without its units: FinishHalfDoneReturns or a request finishes that
      // (RET-2).
      return false;
    }
    return progress
        .current(r, order)
        .filter(now -> now.state().status() == ReturnStatus.EXPIRED)
        .isPresent();
  }
}
