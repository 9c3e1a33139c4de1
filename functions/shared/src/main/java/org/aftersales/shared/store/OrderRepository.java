package org.aftersales.shared.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.aftersales.policy.state.Order;

/**
 * Port for the order aggregate, the money authority (docs/design.md "Data"): the spec, parcel and
 * unit states and the refund ledger live on one item, and every change is one conditional write
 * guarded by {@link Order#version()} so GEN-4 and CAN-7 hold under any interleaving.
 *
 * <p>Use {@link OrderUpdates} to change an order: it re-reads and re-applies on a stale version.
 */
public interface OrderRepository {

  /** The order as last written (strongly consistent read), or empty. */
  Optional<Order> find(String orderId);

  /**
   * The order with the request records its item keeps ({@link StoredOrder}), read like {@link
   * #find}. A store that keeps none answers the order alone.
   */
  default Optional<StoredOrder> findStored(String orderId) {
    return find(orderId).map(StoredOrder::of);
  }

  /** Writes a new order at version 1; false (and nothing written) when the id already exists. */
  boolean create(Order order);

  /**
   * Writes {@code changed} if the stored version is still {@code changed.version()}, as version +
   * 1; returns the order as stored.
   *
   * @throws StaleOrderException when another writer got there first (nothing written)
   * @throws OrderTooLargeException when the item would exceed the 400 KB limit (nothing written)
   */
  default Order replace(Order changed) {
    return replace(changed, Alongside.NOTHING);
  }

  /**
   * Like {@link #replace(Order)}, recording {@code alongside} (events in the item's outbox, the
   * request's record) in the same conditional write: all of it is written, or none.
   */
  Order replace(Order changed, Alongside alongside);

  /**
   * Records {@code alongside}'s request record (no events) on the order read, leaving the order and
   * its version as they are (a refusal or a no-op answered under an {@code Idempotency-Key}), if
   * the stored version is still {@code read.version()}; returns the order as stored.
   *
   * @throws StaleOrderException when another writer got there first (nothing written)
   */
  default Order record(Order read, Alongside alongside) {
    return replace(read, alongside);
  }

  /**
   * Ids of orders with a parcel neither shipped nor cancelled whose expected ship date is on or
   * before {@code lastExpectedShipBy}, oldest first, from the sparse {@code Unshipped} index
   * (CAN-6: cost grows with the overdue orders, not with all orders).
   */
  Page<String> unshippedDueBy(LocalDate lastExpectedShipBy, String cursor, int limit);

  /**
   * Ids of orders with a change awaiting payment whose {@code payBy} is at or before {@code at} (to
   * the second; CHG-3), earliest first, from the sparse {@code UnpaidChanges} index (keys only;
   * index reads are eventually consistent): a scheduled run finds the lapses nobody acted on at a
   * cost that grows with them, not with all orders.
   */
  Page<String> withChangesUnpaidAt(Instant at, String cursor, int limit);

  /**
   * Orders with at least one PENDING refund, the one with the earliest {@code dueBy} first, from
   * the {@code ByStatus} index (GEN-5). Index reads are eventually consistent.
   */
  Page<Order> withPendingRefunds(String cursor, int limit);
}
