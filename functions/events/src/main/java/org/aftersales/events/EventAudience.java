package org.aftersales.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.OutboxStore.PublishedEvent;
import org.aftersales.shared.store.Page;

/**
 * Who may read which events of an order's history (docs/events.md "Audience"): an agent every
 * event, the order's owner every event but the store-only ones. The one place that rule is kept;
 * the bus publishes every event either way.
 */
final class EventAudience {

  /**
   * Events for the store's systems and agents only. {@code UnannouncedReturnReceived} (RET-3): the
   * order it names is what the warehouse read off a parcel that came back without an authorised
   * return, not something the customer confirmed; misread, it would show one customer a note about
   * another customer's parcel, and nobody reads another customer's data. Care contacts the customer
   * once it has checked the parcel.
   */
  static final Set<String> STORE_ONLY = Set.of("UnannouncedReturnReceived");

  private EventAudience() {}

  /** Whether the order's owner may read an event of {@code type}. */
  static boolean ownerSees(String type) {
    return !STORE_ONLY.contains(type);
  }

  /**
   * The owner's page of the order's history from {@code cursor}: up to {@code limit} events the
   * owner may read, oldest first. It reads on past store-only events until the page is full or the
   * history ends, never asking for more than the page still lacks, so each event read is either on
   * the page or hidden and the next page starts right after the last one read: a hidden event
   * neither shortens a page that has a next one nor makes a later event fall between two pages.
   */
  static Page<PublishedEvent> ownersPage(
      OutboxStore events, String orderId, String cursor, int limit) {
    List<PublishedEvent> shown = new ArrayList<>();
    String next = cursor;
    do {
      Page<PublishedEvent> read = events.history(orderId, next, limit - shown.size());
      read.items().stream().filter(e -> ownerSees(e.type())).forEach(shown::add);
      next = read.nextCursor();
    } while (next != null && shown.size() < limit);
    return new Page<>(shown, next);
  }
}
