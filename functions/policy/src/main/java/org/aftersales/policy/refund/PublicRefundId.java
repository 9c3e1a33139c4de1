package org.aftersales.policy.refund;

import java.util.Objects;
import java.util.Optional;

/**
 * The id the API shows for a refund: {@code {orderId}~{refundId}}, where {@code refundId} is the
 * ledger id from {@link RefundIds} ({@code rf-<source>-<sourceId>}). The order id in front lets
 * {@code POST /refunds/{refundId}/settlement} read the one order item that holds the refund (GEN-4:
 * the order is the money authority) with no scan and no lookup item. A ledger id never contains
 * {@code ~}, so the id splits at its last {@code ~} whatever the order id holds.
 */
public record PublicRefundId(String orderId, String refundId) {

  public static final char SEPARATOR = '~';

  public PublicRefundId {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(refundId, "refundId");
    if (orderId.isEmpty() || refundId.isEmpty() || refundId.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("not a refund of an order: " + orderId + " / " + refundId);
    }
  }

  public static PublicRefundId of(Refund refund) {
    return new PublicRefundId(refund.orderId(), refund.refundId());
  }

  /** {@code orderId~refundId}. */
  public String value() {
    return orderId + SEPARATOR + refundId;
  }

  /** The public id of {@code refund}. */
  public static String valueOf(Refund refund) {
    return of(refund).value();
  }

  /** Splits a public id; empty when it has no order part or no ledger part. */
  public static Optional<PublicRefundId> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int at = value.lastIndexOf(SEPARATOR);
    if (at <= 0 || at == value.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new PublicRefundId(value.substring(0, at), value.substring(at + 1)));
  }

  @Override
  public String toString() {
    return value();
  }
}
