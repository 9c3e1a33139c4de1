package org.aftersales.cancellation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.StaleOrderException;
import org.aftersales.shared.store.StoredOrder;

/**
 * The real repository, counting conditional writes and the ones that lost a race (stale version),
 * so a race test can show the race happened; reading an order of {@code failing} throws, to test
 * that one bad order does not stop a run. With {@link #rivalWritesFirst} another writer changes the
 * order (a real write) just before each of ours, so every one of ours loses.
 */
final class CountingOrderRepository implements OrderRepository {

  final AtomicInteger writes = new AtomicInteger();
  final AtomicInteger staleWrites = new AtomicInteger();
  volatile boolean rivalWritesFirst;
  private final OrderRepository delegate;
  private final Set<String> failing;

  CountingOrderRepository(OrderRepository delegate, Set<String> failing) {
    this.delegate = delegate;
    this.failing = Set.copyOf(failing);
  }

  @Override
  public Optional<Order> find(String orderId) {
    if (failing.contains(orderId)) {
      throw new IllegalStateException("test: order " + orderId + " can not be read");
    }
    return delegate.find(orderId);
  }

  @Override
  public Optional<StoredOrder> findStored(String orderId) {
    if (failing.contains(orderId)) {
      throw new IllegalStateException("test: order " + orderId + " can not be read");
    }
    return delegate.findStored(orderId);
  }

  @Override
  public boolean create(Order order) {
    return delegate.create(order);
  }

  @Override
  public Order replace(Order changed, Alongside alongside) {
    writes.incrementAndGet();
    if (rivalWritesFirst) {
      delegate.replace(delegate.find(changed.orderId()).orElseThrow());
    }
    try {
      return delegate.replace(changed, alongside);
    } catch (StaleOrderException e) {
      staleWrites.incrementAndGet();
      throw e;
    }
  }

  @Override
  public Order record(Order read, Alongside alongside) {
    writes.incrementAndGet();
    try {
      return delegate.record(read, alongside);
    } catch (StaleOrderException e) {
      staleWrites.incrementAndGet();
      throw e;
    }
  }

  @Override
  public Page<String> unshippedDueBy(LocalDate lastExpectedShipBy, String cursor, int limit) {
    return delegate.unshippedDueBy(lastExpectedShipBy, cursor, limit);
  }

  @Override
  public Page<String> withChangesUnpaidAt(Instant at, String cursor, int limit) {
    return delegate.withChangesUnpaidAt(at, cursor, limit);
  }

  @Override
  public Page<Order> withPendingRefunds(String cursor, int limit) {
    return delegate.withPendingRefunds(cursor, limit);
  }
}
