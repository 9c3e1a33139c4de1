package org.aftersales.claims;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.testing.CrashingOrders;

/**
 * A Lambda that dies around a write, simulated on the real repositories: a claim write matching an
 * armed condition is not made (once, like a process killed before sending it); the order write is
 * armed through {@link CrashingOrders}. Every other call goes to the real store.
 */
final class Crashes {

  private final AtomicReference<Predicate<Claim>> claimWrite = new AtomicReference<>();
  private final AtomicReference<RuntimeException> claimAnswer = new AtomicReference<>();
  private final CrashingOrders orders = new CrashingOrders();

  /** The next claim replace matching {@code when} is not written: the process dies instead. */
  void beforeClaimReplace(Predicate<Claim> when) {
    claimWrite.set(when);
  }

  /**
   * The next claim replace is written and then fails with {@code lost}: an SDK timeout after the
   * table applied it, or the SDK's own retry of it failing its condition against it.
   */
  void claimAnswerLost(RuntimeException lost) {
    claimAnswer.set(lost);
  }

  /** The next order replace is not written: the process dies instead. */
  void beforeOrderReplace() {
    orders.beforeReplace();
  }

  /** The next order replace is written, then the process dies. */
  void afterOrderReplace() {
    orders.afterReplace();
  }

  /** Whether every armed crash has happened. */
  boolean allHappened() {
    return claimWrite.get() == null && claimAnswer.get() == null && orders.happened();
  }

  ClaimRepository claims(ClaimRepository real) {
    return new ForwardingClaimRepository(real) {
      @Override
      public Claim replace(Claim changed, Alongside alongside) {
        Predicate<Claim> armed = claimWrite.get();
        if (armed != null && armed.test(changed) && claimWrite.compareAndSet(armed, null)) {
          throw new CrashingOrders.SimulatedCrash("before writing claim " + changed.claimId());
        }
        Claim written = real.replace(changed, alongside);
        RuntimeException lost = claimAnswer.getAndSet(null);
        if (lost != null) {
          throw lost;
        }
        return written;
      }
    };
  }

  OrderRepository orders(OrderRepository real) {
    return orders.wrap(real);
  }
}
