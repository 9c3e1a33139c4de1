package org.aftersales.policy.state;

/** The problem a DOA claim reports (DOA-1). */
public enum ProblemType {
  DAMAGED,
  DIFFERENT,
  NOT_WORKING
}
