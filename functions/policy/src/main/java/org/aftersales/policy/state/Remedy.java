package org.aftersales.policy.state;

/**
 * The first remedies of a warranty claim (WAR-3, 2019/771 Art. 13(2)): the customer chooses between
 * them, and the agent may set the chosen one aside only by stating why it is impossible or
 * disproportionate.
 */
public enum Remedy {
  REPAIR,
  REPLACEMENT
}
