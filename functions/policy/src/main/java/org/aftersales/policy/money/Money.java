package org.aftersales.policy.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in the minor unit of its currency (GEN-1): {@code amount} is an integer number
 * of cents/yen/fils, with as many decimal digits as ISO 4217 gives the currency ({@link
 * Currency#getDefaultFractionDigits()}: JPY 0, EUR 2, KWD 3). No floating point. Arithmetic refuses
 * to mix currencies and to overflow.
 */
public record Money(long amount, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (currency.getDefaultFractionDigits() < 0) {
      throw new IllegalArgumentException("GEN-1: currency " + currency + " has no minor unit");
    }
  }

  public static Money of(long amount, Currency currency) {
    return new Money(amount, currency);
  }

  public static Money of(long amount, String currencyCode) {
    return new Money(amount, Currency.getInstance(currencyCode));
  }

  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /** Number of decimal digits of the minor unit (GEN-1). */
  public int fractionDigits() {
    return currency.getDefaultFractionDigits();
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(amount, other.amount), currency);
  }

  public Money plus(long minorUnits) {
    return new Money(Math.addExact(amount, minorUnits), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.subtractExact(amount, other.amount), currency);
  }

  public Money minus(long minorUnits) {
    return new Money(Math.subtractExact(amount, minorUnits), currency);
  }

  public Money times(long factor) {
    return new Money(Math.multiplyExact(amount, factor), currency);
  }

  public Money negate() {
    return new Money(Math.negateExact(amount), currency);
  }

  public boolean isZero() {
    return amount == 0;
  }

  public boolean isNegative() {
    return amount < 0;
  }

  public boolean isPositive() {
    return amount > 0;
  }

  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** {@code max(this, 0)}. */
  public Money floorAtZero() {
    return amount < 0 ? new Money(0, currency) : this;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return Long.compare(amount, other.amount);
  }

  /** The amount in major units, e.g. {@code 19.99} for 1999 EUR cents; exact (display only). */
  public BigDecimal toMajorUnits() {
    return BigDecimal.valueOf(amount, fractionDigits());
  }

  /** "19.99 EUR", "1500 JPY", "1.250 KWD". */
  @Override
  public String toString() {
    return toMajorUnits().toPlainString() + " " + currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException(currency, other.currency);
    }
  }
}
