package org.aftersales.shared.store;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.aftersales.policy.state.Order;

/**
 * Applies a pure change to an order with optimistic concurrency: read, compute, write conditionally
 * on the version read; when another writer got there first, read again and compute again from the
 * new state. So a change decided on stale state is never written (a cancellation racing a SHIPPED
 * event is re-decided on the shipped parcel, CAN-7) and the ledger's ceilings (GEN-4) are checked
 * against what is really stored.
 */
public final class OrderUpdates {

  /** Enough for 20+ writers racing on one order; each retry backs off a little more. */
  static final int MAX_ATTEMPTS = 40;

  private final OrderRepository orders;

  public OrderUpdates(OrderRepository orders) {
    this.orders = Objects.requireNonNull(orders, "orders");
  }

  /** What to do with the order read: write {@code next} (or nothing), and what to answer. */
  public record Change<R>(Order next, R result) {

    public static <R> Change<R> of(Order next, R result) {
      return new Change<>(Objects.requireNonNull(next, "next"), result);
    }

    public static <R> Change<R> none(R result) {
      return new Change<>(null, result);
    }
  }

  /** The outcome: the order as stored afterwards, the change's result, and whether it wrote. */
  public record Applied<R>(Order order, R result, boolean written) {}

  /**
   * Runs {@code change} on the current order until its write wins, and returns its result.
   *
   * @throws NoSuchOrderException when there is no such order
   * @throws OrderContentionException when the order kept changing under every attempt
   */
  public <R> R apply(String orderId, Function<Order, Change<R>> change) {
    return applyAndGet(orderId, change).result();
  }

  /** Like {@link #apply} but also gives the order as stored after the change. */
  public <R> Applied<R> applyAndGet(String orderId, Function<Order, Change<R>> change) {
    return applyAndGet(orderId, null, change);
  }

  /**
   * Like {@link #applyAndGet(String, Function)}, starting from an order the caller has just read
   * (so a request that read the order to check access or decide does not read it twice). When that
   * read is stale, the write loses and the change runs again on a fresh read.
   */
  public <R> Applied<R> applyAndGet(Order firstRead, Function<Order, Change<R>> change) {
    return applyAndGet(firstRead.orderId(), firstRead, change);
  }

  /** Like {@link #apply(String, Function)}, starting from an order the caller has just read. */
  public <R> R apply(Order firstRead, Function<Order, Change<R>> change) {
    return applyAndGet(firstRead, change).result();
  }

  private <R> Applied<R> applyAndGet(
      String orderId, Order firstRead, Function<Order, Change<R>> change) {
    Order current = firstRead;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (current == null) {
        current = orders.find(orderId).orElseThrow(() -> new NoSuchOrderException(orderId));
      }
      Change<R> decided = change.apply(current);
      if (decided.next() == null) {
        return new Applied<>(current, decided.result(), false);
      }
      if (decided.next().version() != current.version()) {
        throw new IllegalStateException(
            "a change must keep the version it read; the repository bumps it");
      }
      try {
        return new Applied<>(orders.replace(decided.next()), decided.result(), true);
      } catch (StaleOrderException lost) {
        current = null;
        backOff(attempt);
      }
    }
    throw new OrderContentionException(orderId, MAX_ATTEMPTS);
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 5L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying an order update", e);
    }
  }
}
