package org.aftersales.shared.store;

/** A return or a claim as stored: one item under its id, read at the version writes compare. */
public interface StoredCase<T extends StoredCase<T>> {

  String id();

  long version();

  T withVersion(long newVersion);

  /** The units it holds on its order while live ({@link UnitHolds}). */
  UnitHolds.Hold hold();

  /**
   * Whether it has finished without its units (withdrawn, expired…): units taken for it now are let
   * go again ({@link UnitHolds#takeOrVoid}).
   */
  boolean doneWithUnits();
}
