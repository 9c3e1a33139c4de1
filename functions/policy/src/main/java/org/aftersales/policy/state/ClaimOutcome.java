package org.aftersales.policy.state;

/** An agent's decision on a claim under review (DOA-4, DOA-5). */
public enum ClaimOutcome {
  REPLACEMENT_PART,
  PARTIAL_REFUND,
  FULL_REFUND,
  FULL_REPLACEMENT,
  NEEDS_INFO,
  REJECTED;

  /** The claim status the outcome leads to. */
  public ClaimStatus status() {
    return switch (this) {
      case REPLACEMENT_PART -> ClaimStatus.APPROVED_REPLACEMENT_PART;
      case PARTIAL_REFUND -> ClaimStatus.APPROVED_PARTIAL_REFUND;
      case FULL_REFUND -> ClaimStatus.APPROVED_FULL_REFUND;
      case FULL_REPLACEMENT -> ClaimStatus.APPROVED_FULL_REPLACEMENT;
      case NEEDS_INFO -> ClaimStatus.NEEDS_INFO;
      case REJECTED -> ClaimStatus.REJECTED;
    };
  }
}
