package org.aftersales.policy.state;

import java.util.EnumSet;
import java.util.Set;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.RefusalCode;

/**
 * A claim's life: AWAITING_EVIDENCE (DOA-2, WAR-2) → UNDER_REVIEW once all evidence is in, ⇄
 * NEEDS_INFO (the agent asks for more, new evidence reopens review), UNDER_REVIEW or NEEDS_INFO →
 * one decided status (DOA-4, DOA-5; WAR-3 for a warranty claim: the agent may decide without
 * waiting for the answer); AWAITING_EVIDENCE or NEEDS_INFO → EXPIRED after the evidence deadline
 * (DOA-7). A warranty repair is tracked (WAR-4): REPAIR_IN_PROGRESS → REPAIRED once shipped back,
 * or back to UNDER_REVIEW when the unit is unrepairable (the next remedy of WAR-3); a refund
 * against the return waits in AWAITING_RETURN until the unit is received (REFUNDED_AGAINST_RETURN).
 * Any other move is refused with {@code illegal-transition}.
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
  EXPIRED,
  REPAIR_IN_PROGRESS,
  REPAIRED,
  APPROVED_REPLACEMENT,
  APPROVED_PRICE_REDUCTION,
  AWAITING_RETURN,
  REFUNDED_AGAINST_RETURN;

  private static final Set<ClaimStatus> DECISIONS =
      EnumSet.of(
          APPROVED_REPLACEMENT_PART,
          APPROVED_PARTIAL_REFUND,
          APPROVED_FULL_REFUND,
          APPROVED_FULL_REPLACEMENT,
          REJECTED,
          REPAIR_IN_PROGRESS,
          APPROVED_REPLACEMENT,
          APPROVED_PRICE_REDUCTION,
          AWAITING_RETURN,
          REFUNDED_AGAINST_RETURN);

  public Set<ClaimStatus> next() {
    return switch (this) {
      case AWAITING_EVIDENCE -> EnumSet.of(UNDER_REVIEW, EXPIRED);
      case UNDER_REVIEW -> {
        EnumSet<ClaimStatus> next = EnumSet.copyOf(DECISIONS);
        next.add(NEEDS_INFO);
        yield next;
      }
      case NEEDS_INFO -> {
        EnumSet<ClaimStatus> next = EnumSet.copyOf(DECISIONS);
        next.add(UNDER_REVIEW);
        next.add(EXPIRED);
        yield next;
      }
      case REPAIR_IN_PROGRESS -> EnumSet.of(REPAIRED, UNDER_REVIEW);
      case AWAITING_RETURN -> EnumSet.of(REFUNDED_AGAINST_RETURN);
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

  /** WAR-4: the warranty claim's unit is on its way to or at the store. */
  public boolean tracksUnit() {
    return this == REPAIR_IN_PROGRESS || this == AWAITING_RETURN;
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
