package org.aftersales.shared.store;

import java.util.List;
import java.util.Objects;
import org.aftersales.shared.events.Event;

/**
 * What an order write records beside the order, in the same conditional write (no transactions,
 * docs/design.md "Events"): the events announcing its decisions (the item's outbox, MSG-2), the
 * request's {@code Idempotency-Key} record ({@code requestKey} → {@code request}, both null when
 * the request has none), the expired records of other keys to drop, and the ids of the item's
 * latest writes this one included ({@code writes}, empty = left as stored; {@link StoredOrder}).
 */
public record Alongside(
    List<Event> events,
    String requestKey,
    RequestRecord request,
    List<String> expiredRequests,
    List<String> writes) {

  public static final Alongside NOTHING =
      new Alongside(List.of(), null, null, List.of(), List.of());

  public Alongside {
    events = List.copyOf(events);
    expiredRequests = List.copyOf(expiredRequests);
    writes = List.copyOf(writes);
    if ((requestKey == null) != (request == null)) {
      throw new IllegalArgumentException("a request record needs its key, and a key its record");
    }
  }

  /** Without write ids: the item's are left as stored. */
  public Alongside(
      List<Event> events, String requestKey, RequestRecord request, List<String> expiredRequests) {
    this(events, requestKey, request, expiredRequests, List.of());
  }

  public static Alongside events(List<Event> events) {
    return new Alongside(events, null, null, List.of(), List.of());
  }

  /** This, keeping {@code ids} as the item's latest writes. */
  public Alongside withWrites(List<String> ids) {
    return new Alongside(events, requestKey, request, expiredRequests, ids);
  }

  public boolean isEmpty() {
    return events.isEmpty() && requestKey == null && expiredRequests.isEmpty() && writes.isEmpty();
  }

  /** Checks that every event is about {@code orderId}. */
  public Alongside requireOrder(String orderId) {
    for (Event e : events) {
      if (!Objects.equals(e.orderId(), orderId)) {
        throw new IllegalArgumentException(
            "event " + e.eventId() + " is about order " + e.orderId() + ", not " + orderId);
      }
    }
    return this;
  }
}
