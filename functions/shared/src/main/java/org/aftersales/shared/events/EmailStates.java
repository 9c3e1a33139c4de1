package org.aftersales.shared.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port for the delivery state of the customer emails the emailer sends for events (MSG-3): one
 * EMAIL item per event, written by the emailer ({@code pk = EMAIL#{eventId}}, {@code sk = EMAIL},
 * {@code emailStatus}, {@code attempts}, {@code updatedAt}, {@code lastError}). Read here to show
 * it beside each event.
 */
public interface EmailStates {

  /**
   * An email's state: {@code SENT}, {@code FAILED}, … as the emailer records it, with why the last
   * attempt failed (the emailer keeps addresses out of it; null when none failed).
   */
  record EmailState(String status, int attempts, Instant updatedAt, String lastError) {}

  /** The states of the emails of {@code eventIds} that have one, by event id. */
  Map<String, EmailState> of(List<String> eventIds);

  /**
   * The state of one event's email, read alone and strongly consistent (a caller that shows one
   * acknowledgement, LAW-3); empty when the emailer has recorded none.
   */
  Optional<EmailState> of(String eventId);
}
