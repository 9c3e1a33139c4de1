package org.aftersales.policy.state;

import java.util.EnumSet;
import java.util.Set;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.RefusalCode;

/**
 * A return's life: AUTHORIZED (RET-2) → RECEIVED → REFUNDED | REJECTED (RET-6), or AUTHORIZED →
 * WITHDRAWN (by the customer) | EXPIRED (not sent by its send-by date, RET-9). Any other move is
 * refused with {@code illegal-transition}.
 */
public enum ReturnStatus {
  AUTHORIZED,
  RECEIVED,
  REFUNDED,
  REJECTED,
  WITHDRAWN,
  EXPIRED;

  public Set<ReturnStatus> next() {
    return switch (this) {
      case AUTHORIZED -> EnumSet.of(RECEIVED, WITHDRAWN, EXPIRED);
      case RECEIVED -> EnumSet.of(REFUNDED, REJECTED);
      case REFUNDED, REJECTED, WITHDRAWN, EXPIRED -> EnumSet.noneOf(ReturnStatus.class);
    };
  }

  public boolean isFinal() {
    return next().isEmpty();
  }

  public boolean canMoveTo(ReturnStatus target) {
    return next().contains(target);
  }

  /** The move to {@code target}, or a typed refusal naming the current status. */
  public Decision<ReturnStatus> moveTo(ReturnStatus target) {
    if (canMoveTo(target)) {
      return Decision.accept(
          target, Explanation.of("RET-2", "Return moved from " + this + " to " + target + "."));
    }
    return Decision.refuse(
        RefusalCode.ILLEGAL_TRANSITION,
        "RET-9",
        "A return that is " + this + " can not become " + target + ".");
  }
}
