package org.aftersales.claims;

import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.Page;

/**
 * The walk of a scheduled claim run ({@link ExpireOverdueClaims}, {@link FinishHalfDoneClaims})
 * over its candidates: for each status, the {@code ByStatus} pages of the claims whose {@code
 * statusSince} is in the run's range ({@link ClaimRepository#inStatusSince}), each claim id handed
 * to the run's step; a step that fails is logged and counted and the walk goes on; the walk stops
 * before a page when less than the margin is left of the invocation.
 */
record ClaimCandidates(ClaimRepository claims, JsonLog log, int pageSize, long minRemainingMillis) {

  /** What a walk did: ids handed to the step, those it acted on, failures, whether it saw all. */
  record Tally(int candidates, int acted, int failures, boolean complete) {}

  /**
   * Hands each candidate to {@code step} (whether it acted on the claim); {@code failure} is the
   * log message of a step that threw.
   */
  Tally walk(
      Iterable<ClaimStatus> statuses,
      Instant from,
      Instant before,
      LongSupplier remainingMillis,
      String failure,
      Predicate<String> step) {
    int candidates = 0;
    int acted = 0;
    int failures = 0;
    for (ClaimStatus status : statuses) {
      String cursor = null;
      do {
        if (remainingMillis.getAsLong() < minRemainingMillis) {
          return new Tally(candidates, acted, failures, false);
        }
        Page<String> page = claims.inStatusSince(status, from, before, cursor, pageSize);
        for (String claimId : page.items()) {
          candidates++;
          try {
            if (step.test(claimId)) {
              acted++;
            }
          } catch (RuntimeException e) {
            failures++;
            log.error(failure, Map.of("claimId", claimId), e);
          }
        }
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    return new Tally(candidates, acted, failures, true);
  }
}
