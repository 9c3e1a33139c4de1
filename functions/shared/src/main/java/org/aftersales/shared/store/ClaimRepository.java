package org.aftersales.shared.store;

import java.time.Instant;
import org.aftersales.policy.state.ClaimStatus;

/**
 * Port for DOA claims (one item per claim, its evidence on it); a stale {@link #replace} throws
 * {@link StaleClaimException}.
 */
public interface ClaimRepository extends CaseRepository<Claim> {

  /**
   * Writes a new claim at {@code claim.version() + 1} (1 for a claim just opened; a claim
   * re-created under the same id after it was found void starts higher, so a stale delete misses
   * it); {@code false} when the id exists (nothing written).
   */
  @Override
  boolean create(Claim claim, Alongside alongside);

  /**
   * One page of the claims in {@code status}, oldest {@code statusSince} first (index {@code
   * ByStatus}); {@code cursor} is the previous page's {@code nextCursor}, or null.
   *
   * @throws InvalidCursorException when the cursor is not one this listing gave
   */
  Page<Claim> withStatus(ClaimStatus status, String cursor, int limit);

  /**
   * One page of the ids of the claims in {@code status} whose {@code statusSince} is at or after
   * {@code from} (no lower bound when null) and before {@code before}, oldest first (index {@code
   * ByStatus}, eventually consistent: read each again before acting). The candidates of the
   * scheduled claim steps: the DOA-7 expiry sweep (a waiting status, no lower bound) and the
   * finishing of steps a crash interrupted (a recent window, {@code FinishHalfDoneClaims}).
   */
  Page<String> inStatusSince(
      ClaimStatus status, Instant from, Instant before, String cursor, int limit);
}
