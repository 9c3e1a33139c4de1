package org.aftersales.shared.testing;

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
 * dies (before it could write anything else or answer). Every other call goes to the real store.
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

  private final AtomicReference<When> armed = new AtomicReference<>();

  /** The next order replace is not written: the process dies instead. */
  public void beforeReplace() {
    armed.set(When.BEFORE);
  }

  /** The next order replace is written, then the process dies. */
  public void afterReplace() {
    armed.set(When.AFTER);
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
        When when = armed.getAndSet(null);
        if (when == When.BEFORE) {
          throw new SimulatedCrash("before writing order " + changed.orderId());
        }
        Order written = real.replace(changed, alongside);
        if (when == When.AFTER) {
          throw new SimulatedCrash("after writing order " + changed.orderId());
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
      public Page<Order> withPendingRefunds(String cursor, int limit) {
        return real.withPendingRefunds(cursor, limit);
      }
    };
  }
}
