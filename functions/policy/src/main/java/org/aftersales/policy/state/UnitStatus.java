package org.aftersales.policy.state;

/**
 * What has happened to one unit after sale.
 *
 * <ul>
 *   <li>{@link #ACTIVE}: the customer has it or will get it; cancel, return or claim may apply.
 *   <li>{@link #CANCELLED}: cancelled before shipping and refunded (CAN-1, CAN-3, CAN-5, CAN-6).
 *       Terminal.
 *   <li>{@link #RETURN_OPEN}: a return is authorised and not yet received (RET-2); withdrawal or
 *       expiry (RET-9) and a refused inspection (RET-6) put it back to ACTIVE.
 *   <li>{@link #RETURNED}: received, accepted and refunded (RET-4). Terminal.
 *   <li>{@link #CLAIM_OPEN}: a DOA claim is open for it (DOA-2); a decision other than a full
 *       refund puts it back to ACTIVE (a partial refund stays on the ledger).
 *   <li>{@link #REFUNDED_BY_CLAIM}: fully refunded by a DOA claim (DOA-5). Terminal.
 * </ul>
 */
public enum UnitStatus {
  ACTIVE,
  CANCELLED,
  RETURN_OPEN,
  RETURNED,
  CLAIM_OPEN,
  REFUNDED_BY_CLAIM;

  public boolean isTerminal() {
    return this == CANCELLED || this == RETURNED || this == REFUNDED_BY_CLAIM;
  }
}
