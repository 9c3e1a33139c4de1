package org.aftersales.policy.refund;

import java.util.List;

/**
 * GEN-4 refused a refund: it would take an order or a unit above what was paid for it. Policies cap
 * their amounts first, so this signals a bug or a stale read, never a customer error.
 */
public final class RefundCeilingExceededException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final List<String> violations;

  public RefundCeilingExceededException(String refundId, List<String> violations) {
    super("GEN-4: refund " + refundId + " refused: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }

  public String ruleId() {
    return "GEN-4";
  }
}
