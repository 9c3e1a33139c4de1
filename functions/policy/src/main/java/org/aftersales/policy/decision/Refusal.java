package org.aftersales.policy.decision;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A typed "no" of the policy: the API {@code code}, a message for the customer (what happened and
 * what they can do instead), the rules applied, and for refusals pointing at the warranty its last
 * day ({@code warrantyEndsOn}, else null). An {@link RefusalCode#INVALID_REQUEST} names the request
 * {@code field} it is about ({@code lines[].quantity}), so the API lists it in a 400's {@code
 * errors}; null for other refusals.
 */
public record Refusal(
    RefusalCode code,
    String message,
    Explanation explanation,
    LocalDate warrantyEndsOn,
    String field) {
  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(explanation, "explanation");
    if (code == RefusalCode.INVALID_REQUEST && field == null) {
      throw new IllegalArgumentException("an invalid-request refusal names its field: " + message);
    }
  }

  public Refusal(
      RefusalCode code, String message, Explanation explanation, LocalDate warrantyEndsOn) {
    this(code, message, explanation, warrantyEndsOn, null);
  }

  /** Bad input the policy finds (a line the order does not have…): a 400 naming {@code field}. */
  public static Refusal invalid(String field, String ruleId, String message) {
    return new Refusal(
        RefusalCode.INVALID_REQUEST, message, Explanation.of(ruleId, message), null, field);
  }

  public static Refusal of(RefusalCode code, String ruleId, String message) {
    return new Refusal(code, message, Explanation.of(ruleId, message), null);
  }

  public static Refusal of(RefusalCode code, String message, Explanation explanation) {
    return new Refusal(code, message, explanation, null);
  }

  public List<String> ruleIds() {
    return explanation.ruleIds();
  }
}
