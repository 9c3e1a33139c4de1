package org.aftersales.shared.store;

/** A return or a claim as stored: one item under its id, read at the version writes compare. */
public interface StoredCase<T extends StoredCase<T>> {

  String id();

  long version();

  T withVersion(long newVersion);
}
