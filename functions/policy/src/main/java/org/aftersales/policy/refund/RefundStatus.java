package org.aftersales.policy.refund;

/** PENDING until the payment integration settles it (GEN-5: due by {@code dueBy}). */
public enum RefundStatus {
  PENDING,
  SETTLED
}
