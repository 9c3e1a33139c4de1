package org.aftersales.emails;

import java.time.Instant;
import java.util.Optional;

/**
 * The record of the email of each event (MSG-3: the same event never sends two emails): one item
 * per event id, written before sending and kept with its delivery state, listed under its order
 * (agents see it through {@code GET /orders/{orderId}/events}).
 */
interface EmailLedger {

  enum Status {
    SENDING,
    SENT,
    FAILED
  }

  /** The record as stored. */
  record Entry(Status status, int attempts, Instant updatedAt, String lastError) {}

  /**
   * Claims the event's email: creates its record as {@code SENDING} with 0 attempts if there is
   * none.
   *
   * @return empty when this call created it; else the record found
   */
  Optional<Entry> claim(String eventId, String orderId, String eventType, Instant now);

  /** Counts one more attempt of a {@code SENDING} record. */
  void attempt(String eventId, int attempts, Instant now);

  void sent(String eventId, int attempts, String messageId, Instant now);

  /**
   * Records that the email was not sent (or, after an interrupted delivery, may not have been).
   *
   * @param expected the record's {@code updatedAt} as read, or null: only that record is marked (a
   *     delivery that took over meanwhile is left alone)
   */
  void failed(String eventId, int attempts, String error, Instant now, Instant expected);
}
