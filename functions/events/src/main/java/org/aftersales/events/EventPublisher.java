package org.aftersales.events;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.OutboxStore.ItemRef;
import org.aftersales.shared.events.OutboxStore.OutboxItem;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.sweep.CandidateWalk;

/**
 * Moves events from the items' outboxes onto the bus (MSG-2): for one item, read its outbox
 * (consistently), put its events on the bus in the order of their decisions, then mark them
 * published ({@link OutboxStore#markPublished}); again while a decision added more meanwhile. A
 * crash or a failed put anywhere leaves the events in the outbox: published later, perhaps twice
 * (consumers dedupe by {@code eventId}), never lost.
 *
 * <p>The sweep takes the items of the sparse {@code Outbox} index, the one with the oldest
 * unpublished event first, page by page until none is left or the time runs short. An order whose
 * item failed is skipped for the rest of the sweep, so its later events never overtake the stuck
 * one.
 */
public record EventPublisher(OutboxStore outbox, EventBus bus, Clock clock) {

  /** Rounds for one item: a decision that keeps adding events is finished by the next trigger. */
  static final int MAX_ROUNDS = 5;

  public EventPublisher {
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(clock, "clock");
  }

  /** What one item's publication did: the events put on the bus, and the item's order. */
  public record Published(int events, String orderId) {}

  /** Publishes every pending event of {@code ref}; the count put on the bus. */
  public Published publish(ItemRef ref) {
    return publish(ref, Set.of());
  }

  /** Like {@link #publish(ItemRef)}, but leaves an item of an order in {@code skip} as it is. */
  private Published publish(ItemRef ref, Set<String> skip) {
    int events = 0;
    String orderId = null;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Optional<OutboxItem> read = outbox.read(ref);
      if (read.isEmpty()) {
        break;
      }
      OutboxItem item = read.get();
      List<PendingEvent> pending = item.events();
      if (!pending.isEmpty()) {
        orderId = pending.getFirst().orderId();
        if (skip.contains(orderId)) {
          break;
        }
        bus.put(pending);
        events += pending.size();
      }
      outbox.markPublished(item, pending, clock.instant());
      if (pending.isEmpty()) {
        break;
      }
    }
    return new Published(events, orderId);
  }

  /** What a sweep did. */
  public record Sweep(int items, int events, int failures, boolean complete) {}

  /**
   * Publishes what the index lists, oldest first, while {@code remainingMillis} stays above {@code
   * marginMillis}.
   */
  public Sweep sweep(int pageSize, LongSupplier remainingMillis, long marginMillis, Failures log) {
    AtomicInteger events = new AtomicInteger();
    Set<String> stuckOrders = new HashSet<>();
    CandidateWalk.Tally tally =
        new CandidateWalk(remainingMillis, marginMillis)
            .walk(
                cursor -> outbox.withUnpublished(cursor, pageSize),
                ref -> {
                  events.addAndGet(publish(ref, stuckOrders).events());
                  return true;
                },
                (ref, e) -> {
                  log.failed(ref, e);
                  try {
                    outbox
                        .read(ref)
                        .flatMap(item -> item.events().stream().findFirst())
                        .ifPresent(first -> stuckOrders.add(first.orderId()));
                  } catch (RuntimeException unreadable) {
                    e.addSuppressed(unreadable);
                  }
                });
    return new Sweep(tally.acted(), events.get(), tally.failures(), tally.complete());
  }

  /** Where a sweep reports an item it could not publish (it goes on with the others). */
  @FunctionalInterface
  public interface Failures {
    void failed(ItemRef ref, RuntimeException e);
  }
}
