package org.aftersales.policy.state;

/**
 * An agent's decision on a claim under review: for a DOA claim (DOA-4, DOA-5) replacement part,
 * partial refund, full refund, full replacement; for a warranty claim (WAR-3) repair, replacement,
 * price reduction, refund against the unit's return; for both, more information or rejected.
 */
public enum ClaimOutcome {
  REPLACEMENT_PART,
  PARTIAL_REFUND,
  FULL_REFUND,
  FULL_REPLACEMENT,
  NEEDS_INFO,
  REJECTED,
  REPAIR,
  REPLACEMENT,
  PRICE_REDUCTION,
  REFUND_AGAINST_RETURN;

  /** The claim status the outcome leads to. */
  public ClaimStatus status() {
    return switch (this) {
      case REPLACEMENT_PART -> ClaimStatus.APPROVED_REPLACEMENT_PART;
      case PARTIAL_REFUND -> ClaimStatus.APPROVED_PARTIAL_REFUND;
      case FULL_REFUND -> ClaimStatus.APPROVED_FULL_REFUND;
      case FULL_REPLACEMENT -> ClaimStatus.APPROVED_FULL_REPLACEMENT;
      case NEEDS_INFO -> ClaimStatus.NEEDS_INFO;
      case REJECTED -> ClaimStatus.REJECTED;
      case REPAIR -> ClaimStatus.REPAIR_IN_PROGRESS;
      case REPLACEMENT -> ClaimStatus.APPROVED_REPLACEMENT;
      case PRICE_REDUCTION -> ClaimStatus.APPROVED_PRICE_REDUCTION;
      case REFUND_AGAINST_RETURN -> ClaimStatus.AWAITING_RETURN;
    };
  }

  /**
   * Whether a claim in {@code status} is where this outcome leads (a refund against a return of a
   * unit already at the store is refunded at once, WAR-3).
   */
  public boolean leadsTo(ClaimStatus status) {
    return status() == status
        || (this == REFUND_AGAINST_RETURN && status == ClaimStatus.REFUNDED_AGAINST_RETURN);
  }

  /** Whether the outcome is one of a DOA claim (DOA-4, DOA-5) or of a warranty claim (WAR-3). */
  public boolean appliesTo(ClaimCoverage.Kind coverage) {
    return switch (this) {
      case NEEDS_INFO, REJECTED -> true;
      case REPLACEMENT_PART, PARTIAL_REFUND, FULL_REFUND, FULL_REPLACEMENT ->
          coverage == ClaimCoverage.Kind.DOA;
      case REPAIR, REPLACEMENT, PRICE_REDUCTION, REFUND_AGAINST_RETURN ->
          coverage == ClaimCoverage.Kind.WARRANTY;
    };
  }
}
