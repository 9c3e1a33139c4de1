package org.aftersales.claims;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.sweep.CandidateWalk;

/**
 * The candidates of a scheduled claim run ({@link ExpireOverdueClaims}, {@link
 * FinishHalfDoneClaims}): for each status, the {@code ByStatus} pages of the claims whose {@code
 * statusSince} is in the run's range ({@link ClaimRepository#inStatusSince}), walked by {@link
 * CandidateWalk} (a failing step logged by claim id, the walk stopping within the margin).
 */
record ClaimCandidates(ClaimRepository claims, JsonLog log, int pageSize, long minRemainingMillis) {

  /**
   * Hands each candidate's id to {@code step} (whether it acted on the claim); {@code failure} is
   * the log message of a step that threw.
   */
  CandidateWalk.Tally walk(
      Collection<ClaimStatus> statuses,
      Instant from,
      Instant before,
      LongSupplier remainingMillis,
      String failure,
      Predicate<String> step) {
    List<Function<String, Page<String>>> queries =
        statuses.stream()
            .<Function<String, Page<String>>>map(
                status -> cursor -> claims.inStatusSince(status, from, before, cursor, pageSize))
            .toList();
    return new CandidateWalk(remainingMillis, minRemainingMillis)
        .walk(queries, step, (claimId, e) -> log.error(failure, Map.of("claimId", claimId), e));
  }
}
