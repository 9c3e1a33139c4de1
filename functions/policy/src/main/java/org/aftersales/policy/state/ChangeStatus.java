package org.aftersales.policy.state;

/**
 * Where a change before processing stands (CHG-3): APPLIED (the order is as changed), or
 * AWAITING_PAYMENT of a dearer item's difference until {@code payBy}, or LAPSED (the parcel was
 * processed first, {@code payBy} passed, or the unit changed meanwhile: nothing was changed).
 */
public enum ChangeStatus {
  APPLIED,
  AWAITING_PAYMENT,
  LAPSED
}
