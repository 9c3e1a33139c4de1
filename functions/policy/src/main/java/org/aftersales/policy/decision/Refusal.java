package org.aftersales.policy.decision;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A typed "no" of the policy: the API {@code code}, a message for the customer (what happened
 * and what they can do instead), the rules applied, and for refusals pointing at the warranty its
 * last day ({@code warrantyEndsOn}, else null).
 */
public record Refusal(RefusalCode code, String message, Explanation explanation, LocalDate warrantyEndsOn) {
    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(explanation, "explanation");
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
