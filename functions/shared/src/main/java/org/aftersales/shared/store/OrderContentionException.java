package org.aftersales.shared.store;

/**
 * An order changed under every one of the update's attempts. Nothing of this update was written;
 * the caller may retry (handlers answer 503 with Retry-After, an outage-like state).
 */
public final class OrderContentionException extends RuntimeException {

  public OrderContentionException(String orderId, int attempts) {
    super(
        "order " + orderId + " kept changing during " + attempts + " attempts", null, false, false);
  }
}
