package org.aftersales.shared.aws;

import java.time.Duration;
import java.util.Map;

/**
 * How long one SDK call may take: to connect, per attempt, in all, and how many attempts. {@link
 * #LAMBDA} is the functions' fail-fast budget ({@link AwsClients}): a request with a dependency
 * down ends within 3 s. A process may scale it with {@code SDK_CALL_BUDGET_MS}, the whole call in
 * milliseconds (connect and attempt keep their proportions): the local stack and the tests' clients
 * do, because their servers share a developer's or CI's few cores with everything else and a loaded
 * machine can hold one request for seconds; a test that is about the budget builds its clients with
 * {@link #LAMBDA}. Unset, as in AWS, the budget is {@link #LAMBDA}.
 */
public record CallBudget(Duration connect, Duration attempt, Duration call, int maxAttempts) {

  /** The variable that scales the budget for a process (whole call, milliseconds). */
  public static final String VARIABLE = "SDK_CALL_BUDGET_MS";

  /** The functions' budget in Lambda. */
  public static final CallBudget LAMBDA =
      new CallBudget(
          Duration.ofMillis(AwsClients.CONNECT_MS),
          Duration.ofMillis(AwsClients.ATTEMPT_MS),
          Duration.ofMillis(AwsClients.CALL_MS),
          AwsClients.MAX_ATTEMPTS);

  /**
   * The budget of local servers on a shared machine (the local stack, the tests' clients): ten
   * times Lambda's.
   */
  public static final CallBudget LOCAL_SERVERS = ofCallMillis(10L * AwsClients.CALL_MS);

  public CallBudget {
    if (connect.isNegative()
        || connect.isZero()
        || attempt.compareTo(connect) < 0
        || call.compareTo(attempt) < 0
        || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "a call budget needs 0 < connect <= attempt <= call and at least one attempt");
    }
  }

  /** {@link #LAMBDA} scaled to a whole call of {@code callMillis}, the same attempts. */
  public static CallBudget ofCallMillis(long callMillis) {
    return new CallBudget(
        Duration.ofMillis(callMillis * AwsClients.CONNECT_MS / AwsClients.CALL_MS),
        Duration.ofMillis(callMillis * AwsClients.ATTEMPT_MS / AwsClients.CALL_MS),
        Duration.ofMillis(callMillis),
        AwsClients.MAX_ATTEMPTS);
  }

  /**
   * The budget {@code env} asks for: {@link #ofCallMillis} of {@code SDK_CALL_BUDGET_MS}, or {@link
   * #LAMBDA} when it is unset or blank.
   *
   * @throws IllegalArgumentException when it is set to anything but a whole number of milliseconds
   *     from 100 to 600,000 (a typo must not leave a function without a budget)
   */
  public static CallBudget fromEnvironment(Map<String, String> env) {
    String value = env.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return LAMBDA;
    }
    long millis;
    try {
      millis = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      millis = -1;
    }
    if (millis < 100 || millis > 600_000) {
      throw new IllegalArgumentException(
          VARIABLE
              + " must be a whole number of milliseconds from 100 to 600000, not '"
              + value
              + "'");
    }
    return ofCallMillis(millis);
  }
}
