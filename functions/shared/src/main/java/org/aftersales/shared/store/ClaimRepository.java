package org.aftersales.shared.store;

import java.util.List;
import java.util.Optional;
import org.aftersales.policy.state.ClaimStatus;

/**
 * Port for DOA claims (one item per claim, its evidence on it). Every write is conditional: a
 * create never overwrites, a replace only applies to the version it was read at. Store failures
 * propagate.
 */
public interface ClaimRepository {

  /** The claim as last written (strongly consistent read), or empty. */
  Optional<Claim> find(String claimId);

  /** Writes a new claim at version 1; {@code false} when the id exists (nothing written). */
  boolean create(Claim claim);

  /**
   * Writes {@code changed} if the stored version is still {@code changed.version()}, as version +
   * 1; returns the claim as stored.
   *
   * @throws StaleClaimException when another write came first (nothing written)
   */
  Claim replace(Claim changed);

  /**
   * Deletes the claim if the stored version is still {@code claim.version()}; {@code false} when
   * another write came first or it is gone (nothing deleted). For a claim that never took its unit.
   */
  boolean delete(Claim claim);

  /** The claims of one order (index {@code ByOrder}; index reads are eventually consistent). */
  List<Claim> byOrder(String orderId);

  /**
   * One page of the claims in {@code status}, oldest {@code statusSince} first (index {@code
   * ByStatus}); {@code cursor} is the previous page's {@code nextCursor}, or null.
   *
   * @throws InvalidCursorException when the cursor is not one this listing gave
   */
  Page<Claim> withStatus(ClaimStatus status, String cursor, int limit);
}
