package org.aftersales.returns;

import java.time.Instant;
import java.util.Optional;
import org.aftersales.policy.order.Contact;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.EmailStates;
import org.aftersales.shared.events.EmailStates.EmailState;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.store.ReturnRepository.WithdrawalRecord;

/**
 * The acknowledgement email of a withdrawal (LAW-3, Art. 11a: on a durable medium, without undue
 * delay) as the emailer recorded it: {@code sentTo} the address it goes to (the one given with the
 * withdrawal, else the order's contact; null: none), {@code status} {@code SENT} with {@code
 * sentAt} the time the email went out, {@code PENDING} while the emailer has not sent it (not yet
 * delivered the {@code WithdrawalReceived} event, or sending now), {@code FAILED} when it gave up
 * (agents see why in {@code GET /orders/{orderId}/events}), {@code NO_ADDRESS} when there is no
 * address to send it to (the stored record is then the acknowledgement). {@code sentAt} is null
 * unless {@code SENT}.
 */
record Acknowledgement(String sentTo, String status, Instant sentAt) {

  static final String SENT = "SENT";
  static final String PENDING = "PENDING";
  static final String FAILED = "FAILED";
  static final String NO_ADDRESS = "NO_ADDRESS";

  /**
   * The state of {@code record}'s email: one consistent read of the EMAIL item of its {@code
   * WithdrawalReceived} event when there is an address; writes nothing.
   */
  static Acknowledgement of(WithdrawalRecord record, Order order, EmailStates emails) {
    String to = recipient(record.email(), order);
    if (to == null) {
      return new Acknowledgement(null, NO_ADDRESS, null);
    }
    Optional<EmailState> state = emails.of(eventId(record.withdrawalId()));
    return state
        .map(
            s ->
                switch (s.status()) {
                  case SENT -> new Acknowledgement(to, SENT, s.updatedAt());
                  case FAILED -> new Acknowledgement(to, FAILED, null);
                  default -> new Acknowledgement(to, PENDING, null);
                })
        .orElseGet(() -> new Acknowledgement(to, PENDING, null));
  }

  /** Just received: nothing can have been sent yet; reads nothing. */
  static Acknowledgement justReceived(WithdrawalRecord record, Order order) {
    String to = recipient(record.email(), order);
    return new Acknowledgement(to, to == null ? NO_ADDRESS : PENDING, null);
  }

  /** The address given with the withdrawal, else the order's contact; null when neither. */
  static String recipient(String given, Order order) {
    return given != null
        ? given
        : order.spec().contact().flatMap(Contact::optionalEmail).orElse(null);
  }

  /** The id of the withdrawal's {@code WithdrawalReceived} event (its EMAIL item's key). */
  static String eventId(String withdrawalId) {
    return Event.idOf(ReceiveWithdrawal.EVENT, ReceiveWithdrawal.SUBJECT, withdrawalId);
  }
}
