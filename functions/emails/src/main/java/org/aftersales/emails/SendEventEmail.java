package org.aftersales.emails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.aftersales.policy.order.Contact;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Emails the customer about one event (MSG-3; MSG-5 for {@code RefundPastDue}): reads the order's
 * contact (one GetItem) and sends to its address, or to the one the event names ({@link
 * CustomerEvent#recipient}: a withdrawal's acknowledgement goes where the consumer asked for it,
 * LAW-3); no address → no email and nothing written. Else claims the event's EMAIL record (a
 * conditional put) and only then sends: a second delivery of the same event finds the record and
 * sends nothing. The email is rendered in the order's language ({@link EmailTemplates}) and sent
 * with at most {@value #MAX_ATTEMPTS} attempts, {@link #FIRST_BACKOFF} apart and doubling; each
 * attempt is counted on the record, which ends {@code SENT} or {@code FAILED} with the last error
 * (the address cut out of it).
 *
 * <p><b>A crash after sending and before recording it</b> leaves the record {@code SENDING}. A
 * later delivery that finds it so, older than {@link #LEASE} (longer than a whole run of attempts),
 * does not send again: it records {@code FAILED} with "interrupted; whether the email went out is
 * not known". This errs towards one email too few rather than one too many: MSG-3 says the same
 * event never sends two emails, and the failure is where agents see it ({@code GET
 * /orders/{orderId}/events}), so a customer who got nothing can be told another way; a duplicate,
 * once sent, can not be taken back. A record still {@code SENDING} and younger than the lease
 * belongs to a delivery in progress and is left to it.
 */
record SendEventEmail(
    OrderContacts contacts,
    EmailLedger ledger,
    EmailSender sender,
    EmailTemplates templates,
    Clock clock,
    Pause pause) {

  static final int MAX_ATTEMPTS = 3;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  /**
   * Longer than a whole run of attempts (each under 3 s, backoff 0.6 s) and the function timeout.
   */
  static final Duration LEASE = Duration.ofMinutes(2);

  /** What became of the event's email. */
  enum Outcome {
    /** Not a type the customer is emailed about. */
    NOT_CUSTOMER_FACING,
    /** The order has no email address (or is unknown): nothing sent, nothing written. */
    NO_ADDRESS,
    SENT,
    FAILED,
    /** Another delivery of the event sent it, gave up, or is sending it now. */
    ALREADY_HANDLED,
    /** An earlier delivery was interrupted while sending: recorded FAILED, not sent again. */
    INTERRUPTED
  }

  /** How long to wait before the next attempt; tests pass one that does not sleep. */
  interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  record Result(Outcome outcome, int attempts, String language) {}

  Result send(CustomerEvent event) {
    if (!event.isCustomerFacing()) {
      return new Result(Outcome.NOT_CUSTOMER_FACING, 0, null);
    }
    Optional<Contact> contact = contacts.contactOf(event.orderId());
    String to = event.recipient().orElse(contact.map(Contact::email).orElse(null));
    if (to == null) {
      return new Result(Outcome.NO_ADDRESS, 0, null);
    }
    EmailTemplates.Rendered email =
        templates.render(event, contact.map(Contact::language).orElse(null));

    Instant now = clock.instant();
    Optional<EmailLedger.Entry> existing =
        ledger.claim(event.eventId(), event.orderId(), event.type(), now);
    if (existing.isPresent()) {
      EmailLedger.Entry entry = existing.get();
      if (entry.status() == EmailLedger.Status.SENDING
          && entry.updatedAt().plus(LEASE).isBefore(now)) {
        try {
          ledger.failed(
              event.eventId(),
              entry.attempts(),
              "interrupted after "
                  + entry.attempts()
                  + " attempt(s); whether the email went out is not known, so it is not sent"
                  + " again (MSG-3)",
              now,
              entry.updatedAt());
          return new Result(Outcome.INTERRUPTED, entry.attempts(), email.language());
        } catch (ConditionalCheckFailedException e) {
          return new Result(Outcome.ALREADY_HANDLED, entry.attempts(), email.language());
        }
      }
      return new Result(Outcome.ALREADY_HANDLED, entry.attempts(), email.language());
    }

    String lastError = null;
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        pause(backoff);
        backoff = backoff.multipliedBy(2);
      }
      try {
        ledger.attempt(event.eventId(), attempt, clock.instant());
      } catch (ConditionalCheckFailedException e) {
        // a later delivery declared this one interrupted: it must not send after all
        return new Result(Outcome.ALREADY_HANDLED, attempt - 1, email.language());
      }
      try {
        String messageId = sender.send(to, email.subject(), email.text());
        ledger.sent(event.eventId(), attempt, messageId, clock.instant());
        return new Result(Outcome.SENT, attempt, email.language());
      } catch (RuntimeException e) {
        lastError = withoutAddress(e, to);
      }
    }
    try {
      ledger.failed(event.eventId(), MAX_ATTEMPTS, lastError, clock.instant(), null);
    } catch (ConditionalCheckFailedException e) {
      return new Result(Outcome.ALREADY_HANDLED, MAX_ATTEMPTS, email.language());
    }
    return new Result(Outcome.FAILED, MAX_ATTEMPTS, email.language());
  }

  private void pause(Duration duration) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between attempts", e);
    }
  }

  /**
   * The failure as an agent may read it: its type and message with the recipient cut out (SES names
   * unverified addresses in its messages), at most 500 characters.
   */
  static String withoutAddress(RuntimeException e, String to) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    message =
        java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(to), java.util.regex.Pattern.CASE_INSENSITIVE)
            .matcher(message)
            .replaceAll("<recipient>");
    return message.length() > 500 ? message.substring(0, 500) : message;
  }
}
