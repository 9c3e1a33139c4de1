package org.aftersales.shared.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests for something another thread or process does: poll a condition until it holds or
 * a deadline passes, instead of sleeping a fixed time and hoping it was long enough (too short is a
 * flaky test, too long a slow one). The pause between polls starts at 1 ms and doubles up to 50 ms;
 * on timeout the {@link AssertionError} says what was awaited and, if given, what was seen.
 */
public final class Eventually {

  private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(1).toNanos();
  private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(50).toNanos();

  private Eventually() {}

  /** Polls {@code condition} until it is true; fails after {@code timeout} naming {@code what}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, condition, () -> "");
  }

  /**
   * As {@link #until(String, Duration, BooleanSupplier)}; the failure message ends with {@code
   * seen} (read once, at the timeout), e.g. the state that never became the awaited one.
   */
  public static void until(
      String what, Duration timeout, BooleanSupplier condition, Supplier<String> seen) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_NANOS;
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        String state = seen.get();
        throw new AssertionError(
            what
                + " did not happen within "
                + timeout
                + (state.isEmpty() ? "" : "; seen: " + state));
      }
      try {
        Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
  }
}
