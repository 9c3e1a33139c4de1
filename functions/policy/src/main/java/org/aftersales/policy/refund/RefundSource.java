package org.aftersales.policy.refund;

/** What caused a refund: a cancellation (CAN-5), a return (RET-4) or a DOA claim (DOA-4, DOA-5). */
public enum RefundSource {
  CANCELLATION,
  RETURN,
  CLAIM
}
