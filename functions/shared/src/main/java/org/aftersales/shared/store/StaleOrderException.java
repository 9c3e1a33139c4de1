package org.aftersales.shared.store;

/** A conditional write lost: the order changed since it was read. Nothing was written. */
public final class StaleOrderException extends RuntimeException {

  public StaleOrderException(String orderId, long expectedVersion) {
    super("order " + orderId + " is no longer at version " + expectedVersion, null, false, false);
  }
}
