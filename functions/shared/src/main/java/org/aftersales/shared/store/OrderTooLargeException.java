package org.aftersales.shared.store;

/**
 * The order item would exceed DynamoDB's 400 KB item limit (for example after many changes before
 * processing, CHG-1). Nothing was written; the request that led to it is refused.
 */
public final class OrderTooLargeException extends RuntimeException {

  public OrderTooLargeException(String orderId, long bytes, long limit) {
    super(
        "order " + orderId + " would take " + bytes + " bytes, over the item limit of " + limit,
        null,
        false,
        false);
  }
}
