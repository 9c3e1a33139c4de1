package org.aftersales.shared.store;

import static org.aftersales.shared.aws.DependencyFailures.isDependencyFailure;
import static org.aftersales.shared.aws.DependencyFailures.isSlowness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.events.OrderEvents;
import org.aftersales.shared.idempotency.IdempotencyStore.StoredResponse;

/**
 * Applies a pure change to an order with optimistic concurrency: read, compute, write conditionally
 * on the version read; when another writer got there first, read again and compute again from the
 * new state. So a change decided on stale state is never written (a cancellation racing a SHIPPED
 * event is re-decided on the shipped parcel, CAN-7) and the ledger's ceilings (GEN-4) are checked
 * against what is really stored.
 *
 * <p>Every write carries the events of its decision (MSG-2, docs/design.md "Events"): those the
 * change announces ({@link Change#announcing}) and those {@link OrderEvents#derived} finds in the
 * difference (a refund granted or settled, a change applied, awaiting payment or lapsed), so an
 * event is recorded exactly when its decision is. A request with an {@code Idempotency-Key} can
 * keep its answer in the same write ({@link #applyAnswering}).
 */
public record OrderUpdates(OrderRepository orders, Clock clock, Duration budget) {

  /**
   * Attempts of one update at most: a writer loses only to another writer's win, so among N racing
   * writers each wins within N attempts; a bound for an order that keeps changing for other
   * reasons, independent of the machine's speed.
   */
  static final int MAX_ATTEMPTS = 100;

  /**
   * How long one update keeps trying after losing a race before it gives up ({@link
   * OrderContentionException}, answered {@code 503 order-busy}): well inside the API functions' 20
   * s timeout with a last read and write of the SDK's call budget (2 × 2.8 s) after it.
   */
  public static final Duration BUDGET = Duration.ofSeconds(10);

  /** The ids of the latest writes an order item keeps ({@link StoredOrder#writes}). */
  static final int LATEST_WRITES = 32;

  static final long FIRST_BACK_OFF_MS = 10;
  static final long LONGEST_BACK_OFF_MS = 250;

  public OrderUpdates(OrderRepository orders) {
    this(orders, Clock.systemUTC());
  }

  /** {@code clock} stamps the events found in the difference of a write. */
  public OrderUpdates(OrderRepository orders, Clock clock) {
    this(orders, clock, BUDGET);
  }

  /**
   * With a time {@code budget} other than {@link #BUDGET} (tests of races that must not depend on
   * the machine's load give a long one; {@link #MAX_ATTEMPTS} still bounds each update).
   */
  public OrderUpdates {
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(budget, "budget");
  }

  /**
   * What to do with the order read: write {@code next} (or nothing), what to answer, and the events
   * announcing the decision (written with {@code next}; a change that writes nothing announces
   * nothing).
   */
  public record Change<R>(Order next, R result, List<Event> events) {

    public Change {
      events = List.copyOf(events);
      if (next == null && !events.isEmpty()) {
        throw new IllegalArgumentException("an event needs its decision written (MSG-2)");
      }
    }

    public static <R> Change<R> of(Order next, R result) {
      return new Change<>(Objects.requireNonNull(next, "next"), result, List.of());
    }

    public static <R> Change<R> none(R result) {
      return new Change<>(null, result, List.of());
    }

    /** This change announcing {@code more} too, recorded in the same write (MSG-2). */
    public Change<R> announcing(Event... more) {
      List<Event> all = new ArrayList<>(events);
      all.addAll(List.of(more));
      return new Change<>(next, result, all);
    }
  }

  /**
   * A request whose answer is kept on the order item in the write its change makes (openapi.yaml
   * "Conventions": the same key again answers the first response): the caller-scoped key, the
   * request's hash, when it arrived, and its answer to a result and the order it decided on.
   */
  public record Recording<R>(
      String key, String requestHash, Instant at, BiFunction<R, Order, StoredResponse> answer) {}

  /**
   * What {@link #applyAnswering} did: applied (with the answer it kept, when recording), or found
   * the key's record of an earlier request ({@code replay}) and did nothing.
   */
  public record Answered<R>(Applied<R> applied, StoredResponse answer, RequestRecord replay) {}

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
    return loop(
            orderId, firstRead == null ? null : StoredOrder.of(firstRead), o -> true, change, null)
        .applied();
  }

  /**
   * Reads the order itself (with its request records), checks {@code visible} (else {@link
   * NoSuchOrderException}), and when {@code recording} is given: answers the key's earlier record
   * if there is one (nothing written), or keeps this request's answer in the change's write — also
   * when the change writes nothing else (a refusal, a no-op), so the same key answers the same
   * again. One read and one write when nobody races.
   */
  public <R> Answered<R> applyAnswering(
      String orderId,
      Predicate<Order> visible,
      Function<Order, Change<R>> change,
      Recording<R> recording) {
    return loop(orderId, null, visible, change, recording);
  }

  private <R> Answered<R> loop(
      String orderId,
      StoredOrder firstRead,
      Predicate<Order> visible,
      Function<Order, Change<R>> change,
      Recording<R> recording) {
    long deadline = System.nanoTime() + budget.toNanos();
    StoredOrder stored = firstRead;
    // What each write of this request would answer, by its id: a write whose outcome this request
    // did not learn (a timeout after the server applied it, or the SDK's own retry of it losing
    // to it) is found by its id on a later read, and answered as written.
    Map<String, Answered<R>> mine = new HashMap<>();
    boolean contended = false;
    Unknown unknown = null;
    for (int attempt = 1; ; attempt++) {
      if (stored == null) {
        try {
          stored =
              orders
                  .findStored(orderId)
                  .filter(s -> visible.test(s.order()))
                  .orElseThrow(() -> new NoSuchOrderException(orderId));
        } catch (RuntimeException e) {
          // After a lost race a slow table is part of the contention; a table that is gone is not.
          if (!contended || !isSlowness(e) || System.nanoTime() - deadline > 0) {
            throw e;
          }
          backOff(attempt);
          continue;
        }
      }
      Order current = stored.order();
      for (String id : stored.writes()) {
        if (mine.containsKey(id)) {
          return mine.get(id);
        }
      }
      if (unknown != null && current.version() > unknown.read()) {
        unknown = null; // the order moved on without it: that write can no longer be applied
      }
      if (recording != null) {
        var earlier = stored.request(recording.key(), recording.at());
        if (earlier.isPresent()) {
          return new Answered<>(null, null, earlier.get());
        }
      }
      if (attempt > 1 && (attempt > MAX_ATTEMPTS || System.nanoTime() - deadline > 0)) {
        if (unknown != null) {
          throw unknown.failure(); // it may still be applied: not "nothing written"
        }
        throw new OrderContentionException(orderId, attempt - 1);
      }
      Change<R> decided = change.apply(current);
      if (decided.next() == null && recording == null) {
        return new Answered<>(new Applied<>(current, decided.result(), false), null, null);
      }
      Order next = decided.next() == null ? current : decided.next();
      if (next.version() != current.version()) {
        throw new IllegalStateException(
            "a change must keep the version it read; the repository bumps it");
      }
      List<Event> events = new ArrayList<>(decided.events());
      events.addAll(OrderEvents.derived(current, next, clock.instant()));
      StoredResponse answer = null;
      Alongside alongside;
      if (recording == null) {
        alongside = Alongside.events(events);
      } else {
        answer = recording.answer().apply(decided.result(), next);
        alongside =
            new Alongside(
                events,
                recording.key(),
                new RequestRecord(
                    recording.requestHash(),
                    answer,
                    recording.at().plus(RequestRecord.TIME_TO_LIVE)),
                expired(stored, recording.at()));
      }
      String writeId = newWriteId();
      if (stored != firstRead) {
        // A caller's own first read does not carry the item's write ids: none kept from it.
        alongside = alongside.withWrites(latestWrites(stored.writes(), writeId));
      }
      Order written = decided.next() == null ? current : next.withVersion(current.version() + 1);
      mine.put(
          writeId, new Answered<>(new Applied<>(written, decided.result(), true), answer, null));
      try {
        if (decided.next() == null) {
          orders.record(current, alongside.requireOrder(orderId));
        } else {
          orders.replace(next, alongside.requireOrder(orderId));
        }
        return mine.get(writeId);
      } catch (StaleOrderException lost) {
        contended = true;
      } catch (RuntimeException e) {
        if (!isDependencyFailure(e)) {
          throw e;
        }
        unknown = new Unknown(current.version(), e);
      }
      stored = null;
      backOff(attempt);
    }
  }

  /** A write whose outcome is unknown: the version it was guarded by, and how it failed. */
  private record Unknown(long read, RuntimeException failure) {}

  /** {@code stored} and then {@code id}, the last {@link #LATEST_WRITES} of them. */
  static List<String> latestWrites(List<String> stored, String id) {
    List<String> writes = new ArrayList<>(stored);
    writes.add(id);
    return List.copyOf(writes.subList(Math.max(0, writes.size() - LATEST_WRITES), writes.size()));
  }

  private static String newWriteId() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  private static List<String> expired(StoredOrder stored, Instant now) {
    return stored.requests().entrySet().stream()
        .filter(e -> !e.getValue().expiresAt().isAfter(now))
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Full jitter: a random pause up to {@value #FIRST_BACK_OFF_MS} ms doubling per lost attempt, at
   * most {@value #LONGEST_BACK_OFF_MS} ms, so racing writers spread out instead of meeting again.
   */
  private static void backOff(int attempt) {
    long ceiling = Math.min(LONGEST_BACK_OFF_MS, FIRST_BACK_OFF_MS << Math.min(attempt - 1, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying an order update", e);
    }
  }
}
