package org.aftersales.returns;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.sweep.CandidateWalk;

/**
 * The sweep's second step: finishes the returns a crash left half done, so a GET (which never
 * writes) is not the only thing that would have. Candidates come from the {@code ByStatus} index,
 * no scan: every RECEIVED return since before the grace (its receipt is not applied yet, by
 * definition); WITHDRAWN, EXPIRED and REJECTED returns whose status changed in the lookback window
 * (their release may not have happened); AUTHORIZED returns authorised in that window (they may not
 * hold their units yet), found from their send-by date, which is at least the shortest send-by
 * period after it. The window reaches {@link #LOOKBACK} back, so hourly runs overlap, and stops
 * {@link #GRACE} before the run, so a request still finishing its own step is not raced (each step
 * is conditional anyway). Each candidate is read again with its order, and one the order shows half
 * done ({@link ReturnProgress#halfDone}) is finished by the request path's step ({@link
 * ReturnProgress#current}, deciding as of the run's time): it takes its units or is void and
 * deleted (RET-2), its receipt is applied with its refund once (RET-4…RET-6, GEN-4), its units are
 * let go, each decision's event recorded in the write that commits it (MSG-1). A return a crash
 * left half done before its key carried the instant of its status, or twice (a late receipt
 * applied, then its release interrupted), is finished by its next write request.
 */
final class FinishHalfDoneReturns {

  /** How far back a run looks for decisions whose order step may be missing: three runs. */
  static final Duration LOOKBACK = Duration.ofHours(3);

  /** How recent a step is left to the request making it (Lambda timeout 30 s, with margin). */
  static final Duration GRACE = Duration.ofMinutes(5);

  /** What a run did: candidates read, returns found half done and finished, failures. */
  record Summary(int candidates, int finished, int failures, boolean complete) {}

  private final OrderRepository orders;
  private final ReturnRepository returns;
  private final PolicyBook book;
  private final ReturnSweep sweep;

  FinishHalfDoneReturns(ReturnSweep sweep) {
    this.orders = sweep.orders();
    this.returns = sweep.returns();
    this.book = sweep.book();
    this.sweep = sweep;
  }

  /**
   * The earliest send-by date of a return authorised at {@code from} or later: its store-zone date
   * plus the shortest send-by period (RET-9's, or a withdrawal's, LAW-1) over the policy versions.
   */
  LocalDate earliestSendBy(Instant from) {
    LocalDate earliest = null;
    for (PolicyDocument version : book.versions()) {
      LocalDate sendBy =
          version
              .calendar()
              .dateOf(from)
              .plusDays(Math.min(version.returnSendByDays(), WithdrawalPolicy.SEND_BACK_DAYS));
      if (earliest == null || sendBy.isBefore(earliest)) {
        earliest = sendBy;
      }
    }
    return earliest;
  }

  /** Finishes what is half done as of {@code at}, stopping while more than the margin is left. */
  Summary run(Instant at, LongSupplier remainingMillis) {
    Instant from = at.minus(LOOKBACK);
    Instant to = at.minus(GRACE);
    ReturnProgress progress = ReturnProgress.asOf(at, orders, returns, book);
    List<Function<String, Page<StoredReturn>>> queries =
        List.of(
            cursor ->
                returns.inStatusSince(
                    ReturnStatus.RECEIVED, Instant.EPOCH, to, cursor, sweep.pageSize()),
            cursor ->
                returns.inStatusSince(ReturnStatus.WITHDRAWN, from, to, cursor, sweep.pageSize()),
            cursor ->
                returns.inStatusSince(ReturnStatus.EXPIRED, from, to, cursor, sweep.pageSize()),
            cursor ->
                returns.inStatusSince(ReturnStatus.REJECTED, from, to, cursor, sweep.pageSize()),
            // The send-by range holds returns authorised before the window too: only its own.
            CandidateWalk.keeping(
                cursor ->
                    returns.authorizedSendByFrom(earliestSendBy(from), cursor, sweep.pageSize()),
                indexed -> within(indexed.state().authorizedAt(), from, to)));
    CandidateWalk.Tally tally =
        new CandidateWalk(remainingMillis, sweep.minRemainingMillis())
            .walk(
                queries,
                indexed -> finish(progress, indexed.returnId()),
                (indexed, e) ->
                    sweep
                        .log()
                        .error(
                            "return left half done not finished",
                            Map.of("returnId", indexed.returnId()),
                            e));
    return new Summary(tally.candidates(), tally.acted(), tally.failures(), tally.complete());
  }

  private static boolean within(Instant at, Instant from, Instant to) {
    return at != null && !at.isBefore(from) && !at.isAfter(to);
  }

  /**
   * Whether the return, read again with its order, was half done and has been finished (the index
   * may be behind, and a request may have finished it meanwhile: then nothing is written).
   */
  private boolean finish(ReturnProgress progress, String returnId) {
    StoredReturn r = returns.find(returnId).orElse(null);
    if (r == null) {
      return false;
    }
    Order order = orders.find(r.orderId()).orElse(null);
    if (order == null || !ReturnProgress.halfDone(r, order)) {
      return false;
    }
    progress.current(r, order);
    return true;
  }
}
