package org.aftersales.shared.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aftersales.shared.store.Page;

/**
 * Port for the events the items keep until they are published (docs/design.md "Events"): the sparse
 * {@code Outbox} index of items with unpublished events, an item's outbox, moving published events
 * out of it into one EVENT item each (under the order in {@code ByOrder}, which is also the order's
 * event history), and that history.
 */
public interface OutboxStore {

  /** An item holding an outbox: its table key. */
  record ItemRef(String pk, String sk) {}

  /** An item's unpublished events, in the order of its decisions, and the version read. */
  record OutboxItem(ItemRef ref, long version, List<PendingEvent> events) {}

  /** A published event as the order's history keeps it. */
  record PublishedEvent(
      String eventId, String type, Instant occurredAt, Instant publishedAt, String json) {}

  /**
   * Items with unpublished events, the one whose oldest event is oldest first (eventually
   * consistent: an item may already be done).
   */
  Page<ItemRef> withUnpublished(String cursor, int limit);

  /** The item's outbox, read consistently; empty when the item is gone. */
  Optional<OutboxItem> read(ItemRef ref);

  /**
   * Records {@code published} (events of {@code item} just put on the bus) as published at {@code
   * at}: their EVENT items first, then their removal from the outbox; when they were the whole
   * outbox of the version read, the item leaves the index too. A crash in between leaves them in
   * the outbox, to be published again (consumers dedupe by id), never lost.
   */
  void markPublished(OutboxItem item, List<PendingEvent> published, Instant at);

  /** Whether the event {@code eventId} was published (its EVENT item exists). */
  boolean published(String eventId);

  /** The order's published events, oldest first, a page at a time. */
  Page<PublishedEvent> history(String orderId, String cursor, int limit);
}
