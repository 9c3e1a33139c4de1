package org.aftersales.policy.law;

/**
 * Who bought (API {@code PUT /orders} field {@code buyer}, default {@link #CONSUMER}): only a
 * consumer has the EU consumer rights of LAW-1…LAW-5.
 */
public enum Buyer {
  CONSUMER,
  BUSINESS
}
