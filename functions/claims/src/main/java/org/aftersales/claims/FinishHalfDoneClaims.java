package org.aftersales.claims;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.sweep.CandidateWalk;

/**
 * The hourly finishing of claim steps a crash interrupted. Each step is a claim write followed by
 * one conditional order write — opened, then its unit taken (or the claim found void and deleted,
 * DOA-1); EXPIRED, then its unit released (DOA-7); decided, then its refund and unit status (DOA-4,
 * DOA-5, WAR-3, WAR-4) — and the request that made the first may die before the second. A GET shows
 * such a claim as the finished step will leave it and writes nothing ({@link ClaimQueries}); a
 * write request acting on the claim finishes the step first; this run finishes it for the claims
 * nobody writes to, with the same code as a request ({@link ClaimProgress#refresh(Claim, Order)}).
 *
 * <p>Candidates come from the {@code ByStatus} index, never a scan: for each status a step leaves
 * before its order write ({@link #FINISHED_ON_ORDER}), the claims whose {@code statusSince} is
 * within [{@code at} − {@link #LOOKBACK}, {@code at} − {@link #GRACE}). The claim write of a step
 * sets {@code statusSince} to its request's instant, so a step interrupted at {@code t} is a
 * candidate of every run from {@code t} + 5 minutes to {@code t} + 7 days: 168 hourly runs. A
 * decision's order step grants its refund, due within 5 business days (GEN-5), so only an outage of
 * the schedule longer than that deadline leaves a decided claim without its refund — and its next
 * request still finishes it. The cost: each run reads again every claim of those statuses that
 * changed in the last week, and its order. The grace (longer than any claims or evidence invocation
 * runs) keeps the run off a step whose request is still under way; a race would do no harm anyway,
 * every write being conditional. Each candidate is read again with its order; one whose step is
 * done ({@link ClaimProgress#halfDone}) is left alone, so a second run writes nothing. A claim
 * opened longer ago than the window and still without its unit is finished by the DOA-7 run once it
 * is overdue ({@link ExpireOverdueClaims}); an older decision whose order step is still to do, by
 * the next request acting on the claim (the decision route re-applies it). Side effects: claim and
 * order writes, a void claim deleted.
 */
final class FinishHalfDoneClaims {

  /**
   * How far back a run looks: a week of hourly runs sees each interrupted step, longer than a
   * refund's deadline (GEN-5), so a few failed runs cannot leave a decision's refund ungranted.
   */
  static final Duration LOOKBACK = Duration.ofDays(7);

  /** How recent a step is left to its own request (claims and evidence invocations end sooner). */
  static final Duration GRACE = Duration.ofMinutes(5);

  /**
   * The statuses a claim write leaves with an order write to follow: an opened claim (its unit to
   * take), an expired one (its unit to release), a decided one (its order step, {@link
   * ClaimProgress#apply}). The other statuses are reached from a claim that held its unit, each
   * request having finished any earlier step first.
   */
  static final Set<ClaimStatus> FINISHED_ON_ORDER = finishedOnOrder();

  /** What a run did: the window, candidates read, steps finished, failures, whether complete. */
  record Summary(
      Instant since,
      Instant before,
      int candidates,
      int finished,
      int failures,
      boolean complete) {}

  private final ClaimPorts ports;
  private final ClaimCandidates candidates;

  FinishHalfDoneClaims(ClaimPorts ports, JsonLog log, int pageSize, long minRemainingMillis) {
    this.ports = ports;
    this.candidates = new ClaimCandidates(ports.claims(), log, pageSize, minRemainingMillis);
  }

  /** Finishes the steps interrupted within the window before {@code at}, stopping in time. */
  Summary run(Instant at, LongSupplier remainingMillis) {
    Instant since = at.minus(LOOKBACK);
    Instant before = at.minus(GRACE);
    ClaimProgress progress = new ClaimProgress(ports.asOf(at));
    CandidateWalk.Tally tally =
        candidates.walk(
            FINISHED_ON_ORDER,
            since,
            before,
            remainingMillis,
            "claim step not finished",
            claimId -> finish(progress, claimId));
    return new Summary(
        since, before, tally.candidates(), tally.acted(), tally.failures(), tally.complete());
  }

  /** Whether the claim had a step to finish (the index may be behind: it is read again). */
  private boolean finish(ClaimProgress progress, String claimId) {
    Optional<Claim> stored = ports.claims().find(claimId);
    if (stored.isEmpty()) {
      return false;
    }
    Claim claim = stored.get();
    Optional<Order> order = ports.orders().find(claim.orderId());
    if (order.isEmpty() || !progress.halfDone(claim, order.get())) {
      return false;
    }
    progress.refresh(claim, order.get());
    return true;
  }

  private static Set<ClaimStatus> finishedOnOrder() {
    Set<ClaimStatus> statuses = EnumSet.of(ClaimStatus.AWAITING_EVIDENCE, ClaimStatus.EXPIRED);
    for (ClaimStatus status : ClaimStatus.values()) {
      if (status.isDecided()) {
        statuses.add(status);
      }
    }
    return statuses;
  }
}
