package org.aftersales.shared.store;

/** The order does not exist (handlers answer 404, exactly as for another customer's order). */
public final class NoSuchOrderException extends RuntimeException {

  private final String orderId;

  public NoSuchOrderException(String orderId) {
    super("no order " + orderId, null, false, false);
    this.orderId = orderId;
  }

  public String orderId() {
    return orderId;
  }
}
