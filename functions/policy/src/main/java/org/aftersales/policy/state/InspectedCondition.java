package org.aftersales.policy.state;

/** What the warehouse found on receipt (RET-6). */
public enum InspectedCondition {
  MINT,
  NOT_MINT
}
