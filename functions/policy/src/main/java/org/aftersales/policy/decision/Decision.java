package org.aftersales.policy.decision;

import java.util.Objects;
import java.util.function.Function;

/**
 * The answer of a policy: {@link Accepted} with its value and explanation, or {@link Refused} with
 * a typed {@link Refusal}. Both carry the rule ids applied (GEN-8).
 */
public sealed interface Decision<T> {

  Explanation explanation();

  default boolean accepted() {
    return this instanceof Accepted<T>;
  }

  /** The accepted value. @throws IllegalStateException if refused */
  default T value() {
    if (this instanceof Accepted<T>(T value, Explanation ignored)) {
      return value;
    }
    throw new IllegalStateException(
        "refused: "
            + ((Refused<T>) this).refusal().code().code()
            + " "
            + ((Refused<T>) this).refusal().message());
  }

  /** The refusal. @throws IllegalStateException if accepted */
  default Refusal refusal() {
    if (this instanceof Refused<T>(Refusal refusal)) {
      return refusal;
    }
    throw new IllegalStateException("accepted, not refused");
  }

  default java.util.List<String> ruleIds() {
    return explanation().ruleIds();
  }

  default <R> Decision<R> map(Function<? super T, ? extends R> f) {
    if (this instanceof Accepted<T>(T value, Explanation explanation)) {
      return new Accepted<>(f.apply(value), explanation);
    }
    return new Refused<>(refusal());
  }

  static <T> Decision<T> accept(T value, Explanation explanation) {
    return new Accepted<>(value, explanation);
  }

  static <T> Decision<T> refuse(Refusal refusal) {
    return new Refused<>(refusal);
  }

  static <T> Decision<T> refuse(RefusalCode code, String ruleId, String message) {
    return new Refused<>(Refusal.of(code, ruleId, message));
  }

  /** Bad input found by the policy: {@code invalid-request} naming the request field (a 400). */
  static <T> Decision<T> refuseInput(String field, String ruleId, String message) {
    return new Refused<>(Refusal.invalid(field, ruleId, message));
  }

  record Accepted<T>(T value, Explanation explanation) implements Decision<T> {
    public Accepted {
      Objects.requireNonNull(explanation, "explanation");
    }
  }

  record Refused<T>(Refusal refusal) implements Decision<T> {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
    }

    @Override
    public Explanation explanation() {
      return refusal.explanation();
    }
  }
}
