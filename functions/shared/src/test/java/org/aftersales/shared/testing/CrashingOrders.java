package org.aftersales.shared.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.StoredOrder;

/**
 * A Lambda that dies around its order write, simulated on the real repository: armed once, the next
 * {@code replace} is not made (the process died before sending it) or is made and then the process
 * dies (before it could write anything else or answer), or is made and its answer lost (the call
 * fails as given though the table applied it). Every other call goes to the real store.
 */
public final class CrashingOrders {

  /** Thrown where the simulated process dies. */
  public static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulatedCrash(String where) {
      super("simulated crash " + where);
    }
  }

  private enum When {
    BEFORE,
    AFTER
  }

  private record Armed(When when, RuntimeException failure) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();

  /** The next order replace is not written: the process dies instead. */
  public void beforeReplace() {
    armed.set(new Armed(When.BEFORE, null));
  }

  /** The next order replace is written, then the process dies. */
  public void afterReplace() {
    armed.set(new Armed(When.AFTER, null));
  }

  /**
   * The next order replace is written and then fails with {@code lost}: an SDK timeout after the
   * table applied it, or the SDK's own retry of it failing its condition against it.
   */
  public void answerLost(RuntimeException lost) {
    armed.set(new Armed(When.AFTER, lost));
  }

  /** Whether the armed crash has happened. */
  public boolean happened() {
    return armed.get() == null;
  }

  public OrderRepository wrap(OrderRepository real) {
    return new OrderRepository() {
      @Override
      public Optional<Order> find(String orderId) {
        return real.find(orderId);
      }

      @Override
      public boolean create(Order order) {
        return real.create(order);
      }

      @Override
      public Optional<StoredOrder> findStored(String orderId) {
        return real.findStored(orderId);
      }

      @Override
      public Order replace(Order changed, Alongside alongside) {
        Armed now = armed.getAndSet(null);
        if (now != null && now.when() == When.BEFORE) {
          throw new SimulatedCrash("before writing order " + changed.orderId());
        }
        Order written = real.replace(changed, alongside);
        if (now != null) {
          throw now.failure() != null
              ? now.failure()
              : new SimulatedCrash("after writing order " + changed.orderId());
        }
        return written;
      }

      @Override
      public Order record(Order read, Alongside alongside) {
        return real.record(read, alongside);
      }

      @Override
      public Page<String> unshippedDueBy(LocalDate lastExpectedShipBy, String cursor, int limit) {
        return real.unshippedDueBy(lastExpectedShipBy, cursor, limit);
      }

      @Override
      public Page<String> withChangesUnpaidAt(Instant at, String cursor, int limit) {
        return real.withChangesUnpaidAt(at, cursor, limit);
      }

      @Override
      public Page<Order> withPendingRefunds(String cursor, int limit) {
        return real.withPendingRefunds(cursor, limit);
      }
    };
  }
}
