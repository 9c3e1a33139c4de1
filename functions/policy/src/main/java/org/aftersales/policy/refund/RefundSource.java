package org.aftersales.policy.refund;

/**
 * What caused a refund: a cancellation (CAN-5), a return (RET-4), a DOA claim (DOA-4, DOA-5) or a
 * change to a cheaper item (CHG-3), or a withdrawal under EU consumer law (LAW-2).
 */
public enum RefundSource {
  CANCELLATION,
  RETURN,
  CLAIM,
  CHANGE,
  WITHDRAWAL
}
