package org.aftersales.shared.store;

/** A conditional claim write found another version stored than the one it was based on. */
public final class StaleClaimException extends RuntimeException {
  public StaleClaimException(String claimId, long expectedVersion) {
    super("claim " + claimId + " is no longer at version " + expectedVersion);
  }
}
