package org.aftersales.policy.money;

import java.util.Currency;

/** Thrown when two amounts of different currencies are combined (GEN-1): always a bug. */
public final class CurrencyMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CurrencyMismatchException(Currency a, Currency b) {
    super("GEN-1: can not combine " + a.getCurrencyCode() + " and " + b.getCurrencyCode());
  }
}
