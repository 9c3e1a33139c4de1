package org.aftersales.claims;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.sweep.CandidateWalk;

/**
 * The DOA-7 sweep: records as EXPIRED every claim that has waited for evidence (AWAITING_EVIDENCE
 * or NEEDS_INFO) longer than its policy's evidence window at a given instant, releasing its unit,
 * even if nobody reads it. Candidates come from the {@code ByStatus} index (each waiting status,
 * {@code statusSince} before the instant less the smallest window of any policy version); each is
 * read again and brought up to date by the same step as a request's ({@link
 * ClaimProgress#refresh(Claim, Order)}), which decides the expiry by the claim's own policy version
 * (DOA-7's rule) and writes it conditionally: a claim that got its evidence, was decided or expired
 * meanwhile is left as its rival made it; one whose opening a crash interrupted takes its unit or
 * is found void and deleted first (DOA-1), as on a request, so an interrupted opening older than
 * {@link FinishHalfDoneClaims}' window is finished here at the latest. The claim write that stores
 * the expiry announces it ({@code ClaimExpired}, MSG-1), here as on a request: the one whose write
 * lands announces it, once.
 */
final class ExpireOverdueClaims {

  /** The statuses DOA-7 expires ({@link ClaimStatus#awaitsUploads}). */
  private static final List<ClaimStatus> WAITING =
      List.of(ClaimStatus.AWAITING_EVIDENCE, ClaimStatus.NEEDS_INFO);

  /** What a run did: candidates read, claims now EXPIRED, failures, whether it saw them all. */
  record Summary(
      Instant at,
      Instant sinceBefore,
      int candidates,
      int expired,
      int failures,
      boolean complete) {}

  private final ClaimPorts ports;
  private final ClaimCandidates candidates;

  ExpireOverdueClaims(ClaimPorts ports, JsonLog log, int pageSize, long minRemainingMillis) {
    this.ports = ports;
    this.candidates = new ClaimCandidates(ports.claims(), log, pageSize, minRemainingMillis);
  }

  /**
   * {@code at} less the smallest evidence window of any policy version: a claim waiting since
   * before it may have expired (each is then judged by its own version).
   */
  Instant sinceBefore(Instant at) {
    int smallest = Integer.MAX_VALUE;
    for (PolicyDocument version : ports.policies().versions()) {
      smallest = Math.min(smallest, version.evidenceExpiryDays());
    }
    return at.minus(Duration.ofDays(smallest));
  }

  /** Expires what is due at {@code at}, stopping while more than the margin is left. */
  Summary run(Instant at, LongSupplier remainingMillis) {
    Instant before = sinceBefore(at);
    ClaimProgress progress = new ClaimProgress(ports.asOf(at));
    CandidateWalk.Tally tally =
        candidates.walk(
            WAITING,
            null,
            before,
            remainingMillis,
            "DOA-7: claim not expired",
            claimId -> expire(progress, claimId));
    return new Summary(
        at, before, tally.candidates(), tally.acted(), tally.failures(), tally.complete());
  }

  /**
   * Whether the claim stands EXPIRED after its step (the index may be behind: it is read again).
   */
  private boolean expire(ClaimProgress progress, String claimId) {
    Optional<Claim> stored = ports.claims().find(claimId);
    if (stored.isEmpty() || !stored.get().status().awaitsUploads()) {
      return false;
    }
    Claim claim = stored.get();
    Order order = ports.orders().find(claim.orderId()).orElse(null);
    if (order == null) {
      return false;
    }
    // One a crash left without its unit takes it or is found void first (DOA-1), as on a request.
    return progress
        .refresh(claim, order)
        .filter(now -> now.status() == ClaimStatus.EXPIRED)
        .isPresent();
  }
}
