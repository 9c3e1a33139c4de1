package org.aftersales.shared.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The S3 notifications the local S3 server has emitted, in arrival order. Thread-safe.
 *
 * <p>Two views: {@link #queue()} for a consumer that takes each event once (e.g. a forwarder that
 * delivers it to the evidence handler), and {@link #await} / {@link #seen()} over the full history,
 * which never removes anything, so several tests can look for their own keys.
 */
public final class S3EventLines {

  private final BlockingQueue<S3EventLine> queue = new LinkedBlockingQueue<>();
  private final List<S3EventLine> history = new ArrayList<>();

  void add(S3EventLine event) {
    synchronized (history) {
      // Queue first, so a waiter woken by this event also finds it in the queue.
      queue.add(event);
      history.add(event);
      history.notifyAll();
    }
  }

  /** Events not yet taken by a consumer. */
  public BlockingQueue<S3EventLine> queue() {
    return queue;
  }

  /** Every event seen so far. */
  public List<S3EventLine> seen() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  /**
   * The first event (seen before or during the wait) that matches, waiting up to {@code timeout};
   * fails with {@link AssertionError} listing what was seen when none arrives.
   */
  public S3EventLine await(Predicate<S3EventLine> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (history) {
      int checked = 0;
      while (true) {
        for (; checked < history.size(); checked++) {
          if (matching.test(history.get(checked))) {
            return history.get(checked);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching S3 event within " + timeout + "; seen: " + keysOf(history));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(history, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for an S3 event", e);
        }
      }
    }
  }

  /** The first {@code ObjectCreated:*} event for {@code key} in {@code bucket}. */
  public S3EventLine awaitCreated(String bucket, String key, Duration timeout) {
    return await(
        e ->
            e.bucket().equals(bucket)
                && e.key().equals(key)
                && e.eventName().startsWith("ObjectCreated:"),
        timeout);
  }

  private static List<String> keysOf(List<S3EventLine> events) {
    List<String> keys = new ArrayList<>();
    events.forEach(e -> keys.add(e.eventName() + " " + e.bucket() + "/" + e.key()));
    return keys;
  }
}
