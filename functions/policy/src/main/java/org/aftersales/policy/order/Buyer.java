package org.aftersales.policy.order;

/**
 * Who bought the order (API {@code buyer}): a consumer, whom consumer law protects (LAW-*), or a
 * business. An order registered without saying is a consumer's.
 */
public enum Buyer {
  CONSUMER,
  BUSINESS
}
