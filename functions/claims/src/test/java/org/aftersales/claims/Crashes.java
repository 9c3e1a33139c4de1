package org.aftersales.claims;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Page;

/**
 * A Lambda that dies between two writes, simulated on the real repositories: a wrapper that throws
 * instead of the next write matching an armed condition (once: the write is not made, like a
 * process killed before sending it), every other call goes to the real store.
 */
final class Crashes {

  /** Thrown where the simulated process dies. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String where) {
      super("simulated crash before " + where);
    }
  }

  private final AtomicReference<Predicate<Claim>> claimWrite = new AtomicReference<>();
  private final AtomicReference<Predicate<Order>> orderWrite = new AtomicReference<>();

  /** The next claim replace matching {@code when} is not written: the process dies instead. */
  void beforeClaimReplace(Predicate<Claim> when) {
    claimWrite.set(when);
  }

  /** The next order replace is not written: the process dies instead. */
  void beforeOrderReplace() {
    orderWrite.set(order -> true);
  }

  /** Whether every armed crash has happened. */
  boolean allHappened() {
    return claimWrite.get() == null && orderWrite.get() == null;
  }

  ClaimRepository claims(ClaimRepository real) {
    return new ClaimRepository() {
      @Override
      public Optional<Claim> find(String claimId) {
        return real.find(claimId);
      }

      @Override
      public boolean create(Claim claim) {
        return real.create(claim);
      }

      @Override
      public Claim replace(Claim changed) {
        Predicate<Claim> armed = claimWrite.get();
        if (armed != null && armed.test(changed) && claimWrite.compareAndSet(armed, null)) {
          throw new SimulatedCrash("writing claim " + changed.claimId());
        }
        return real.replace(changed);
      }

      @Override
      public boolean delete(Claim claim) {
        return real.delete(claim);
      }

      @Override
      public List<Claim> ofOrder(String orderId) {
        return real.ofOrder(orderId);
      }

      @Override
      public Page<Claim> withStatus(ClaimStatus status, String cursor, int limit) {
        return real.withStatus(status, cursor, limit);
      }
    };
  }

  OrderRepository orders(OrderRepository real) {
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
      public Order replace(Order changed) {
        Predicate<Order> armed = orderWrite.get();
        if (armed != null && armed.test(changed) && orderWrite.compareAndSet(armed, null)) {
          throw new SimulatedCrash("writing order " + changed.orderId());
        }
        return real.replace(changed);
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
