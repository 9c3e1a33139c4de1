package org.aftersales.policy.order;

import java.util.Optional;

/**
 * How the customer of an order is told about it (MSG-3, API {@code contact}): an email address
 * (none: no email is sent, nothing else changes) and a language, a BCP 47 tag (none given: the
 * policy's language, filled in at registration). {@link OrderValidation} checks both.
 *
 * @param email an address, or {@code null}
 * @param language a BCP 47 tag, or {@code null}
 */
public record Contact(String email, String language) {

  public Optional<String> optionalEmail() {
    return Optional.ofNullable(email);
  }

  /** Never the address: a contact may end up in a log line (MSG-3: addresses are not logged). */
  @Override
  public String toString() {
    return "Contact[email=" + (email == null ? "none" : "present") + ", language=" + language + "]";
  }

  /** This contact with {@code language} when it names none. */
  public Contact withLanguageOr(String defaultLanguage) {
    return language == null ? new Contact(email, defaultLanguage) : this;
  }
}
