package org.aftersales.shared.events;

import java.time.Instant;

/**
 * An event as an item's outbox keeps it until it is published (MSG-2): its id, type, order, when it
 * happened, its place among the item's events ({@code seq}: the item version that recorded it, then
 * its index in that write, so events of one item sort in the order of their decisions) and the
 * event JSON exactly as it will be published.
 */
public record PendingEvent(
    String eventId, String type, String orderId, Instant occurredAt, String seq, String json) {}
