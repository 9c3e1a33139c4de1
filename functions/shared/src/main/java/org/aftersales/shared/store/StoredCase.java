package org.aftersales.shared.store;

/**
 * A return or a claim as stored ({@link StoredReturn}, {@link Claim}): one item under its id, on
 * one order, holding units of it while open ({@link UnitHolds}), read at a {@code version} the
 * store's conditional writes compare.
 */
public interface StoredCase<T extends StoredCase<T>> {

  String id();

  String orderId();

  long version();

  T withVersion(long newVersion);

  /** What the case holds on its order while open. */
  UnitHolds.Hold hold();
}
