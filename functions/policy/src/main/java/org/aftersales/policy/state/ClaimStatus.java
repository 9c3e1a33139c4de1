package org.aftersales.policy.state;

import java.util.EnumSet;
import java.util.Set;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.RefusalCode;

/**
 * A DOA claim's life: AWAITING_EVIDENCE (DOA-2) → UNDER_REVIEW once all evidence is in, ⇄
 * NEEDS_INFO (the agent asks for more, new evidence reopens review), UNDER_REVIEW or NEEDS_INFO →
 * one decided status (DOA-4, DOA-5: the agent may decide without waiting for the answer);
 * AWAITING_EVIDENCE or NEEDS_INFO → EXPIRED after the evidence deadline (DOA-7). Any other move is
 * refused with {@code illegal-transition}.
 */
public enum ClaimStatus {
  AWAITING_EVIDENCE,
  UNDER_REVIEW,
  NEEDS_INFO,
  APPROVED_REPLACEMENT_PART,
  APPROVED_PARTIAL_REFUND,
  APPROVED_FULL_REFUND,
  APPROVED_FULL_REPLACEMENT,
  REJECTED,
  EXPIRED;

  public Set<ClaimStatus> next() {
    return switch (this) {
      case AWAITING_EVIDENCE -> EnumSet.of(UNDER_REVIEW, EXPIRED);
      case UNDER_REVIEW ->
          EnumSet.of(
              NEEDS_INFO,
              APPROVED_REPLACEMENT_PART,
              APPROVED_PARTIAL_REFUND,
              APPROVED_FULL_REFUND,
              APPROVED_FULL_REPLACEMENT,
              REJECTED);
      case NEEDS_INFO ->
          EnumSet.of(
              UNDER_REVIEW,
              EXPIRED,
              APPROVED_REPLACEMENT_PART,
              APPROVED_PARTIAL_REFUND,
              APPROVED_FULL_REFUND,
              APPROVED_FULL_REPLACEMENT,
              REJECTED);
      default -> EnumSet.noneOf(ClaimStatus.class);
    };
  }

  public boolean isDecided() {
    return next().isEmpty() && this != EXPIRED;
  }

  public boolean isFinal() {
    return next().isEmpty();
  }

  /** Waiting for uploads from the customer (DOA-2, DOA-7). */
  public boolean awaitsUploads() {
    return this == AWAITING_EVIDENCE || this == NEEDS_INFO;
  }

  public boolean canMoveTo(ClaimStatus target) {
    return next().contains(target);
  }

  public Decision<ClaimStatus> moveTo(ClaimStatus target) {
    if (canMoveTo(target)) {
      return Decision.accept(
          target, Explanation.of("DOA-4", "Claim moved from " + this + " to " + target + "."));
    }
    return Decision.refuse(
        RefusalCode.ILLEGAL_TRANSITION,
        "DOA-4",
        "A claim that is " + this + " can not become " + target + ".");
  }
}
