package org.aftersales.shared.time;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * How far another system's clock may be behind ours. A time another system sends (a payment
 * provider's {@code settledAt}) is compared with one of ours (the refund's {@code grantedAt}) only
 * through {@link #isBefore}: ours is first truncated to whole seconds, because most systems stamp
 * times with second precision (so the same second is never "before"), then the allowance is taken
 * off, because their clock may be behind ours; a sender's retry carries the same time, so a refusal
 * here would be for ever.
 *
 * <p>Function configuration: {@value #VARIABLE} (an ISO-8601 duration, template Globals), {@link
 * #DEFAULT} when unset.
 */
public record ClockSkew(Duration allowance) {

  /** The environment variable of the allowance. */
  public static final String VARIABLE = "CLOCK_SKEW_ALLOWANCE";

  /** Five minutes: the clock skew AWS itself accepts on a signed request (SigV4). */
  public static final Duration DEFAULT = Duration.ofMinutes(5);

  public ClockSkew {
    Objects.requireNonNull(allowance, "allowance");
    if (allowance.isNegative()) {
      throw new IllegalArgumentException(VARIABLE + " must not be negative: " + allowance);
    }
  }

  /** The allowance the function is configured with. */
  public static ClockSkew fromEnvironment() {
    return fromVariables(System.getenv());
  }

  static ClockSkew fromVariables(Map<String, String> variables) {
    String value = variables.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return new ClockSkew(DEFAULT);
    }
    try {
      return new ClockSkew(Duration.parse(value.strip()));
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          VARIABLE + " must be an ISO-8601 duration such as PT5M, got '" + value + "'", e);
    }
  }

  /**
   * The earliest time another system may give for something that happened at or after {@code ours}:
   * {@code ours} truncated to whole seconds, less the allowance.
   */
  public Instant earliestAfter(Instant ours) {
    return ours.truncatedTo(ChronoUnit.SECONDS).minus(allowance);
  }

  /**
   * Whether {@code theirs} is before {@code ours} even allowing for their clock: before {@link
   * #earliestAfter(Instant) earliestAfter(ours)}.
   */
  public boolean isBefore(Instant theirs, Instant ours) {
    return theirs.isBefore(earliestAfter(ours));
  }
}
