package org.aftersales.policy.state;

/** The condition the customer declares when asking for a return (RET-1 needs MINT_UNUSED). */
public enum ItemCondition {
  MINT_UNUSED,
  OPENED,
  USED,
  /** A withdrawal (LAW-1) asks no condition: the unit is taken back whatever its state. */
  NOT_ASKED
}
