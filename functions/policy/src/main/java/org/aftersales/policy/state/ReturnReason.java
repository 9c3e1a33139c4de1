package org.aftersales.policy.state;

/** Why the customer wants to return a unit; all but UNWANTED are RET-7 cases (DOA or warranty). */
public enum ReturnReason {
  UNWANTED,
  DAMAGED,
  DIFFERENT,
  NOT_WORKING;

  /** Damaged, different or not working: not a conditional return (RET-7). */
  public boolean isFault() {
    return this != UNWANTED;
  }
}
