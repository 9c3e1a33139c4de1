package org.aftersales.local;

import java.time.Duration;
import java.util.Optional;
import org.aftersales.localaws.LocalNames;

/**
 * One {@code Schedule} event of a function: its rule name, expression as written and, for {@code
 * rate(…)} expressions, the period. {@code cron(…)} expressions have no period here: the local
 * stack fires them only on demand ({@code POST /_local/schedules/{FunctionLogicalId}}).
 */
public record ScheduleDefinition(
    String functionId, String eventName, String expression, boolean enabled) {

  /**
   * The period of a {@code rate(N minute|minutes|hour|hours|day|days)} expression; empty for {@code
   * cron(…)}.
   */
  public Optional<Duration> rate() {
    String text = expression.trim();
    if (!text.startsWith("rate(") || !text.endsWith(")")) {
      return Optional.empty();
    }
    String[] parts = text.substring(5, text.length() - 1).trim().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("invalid schedule expression " + expression);
    }
    long amount = Long.parseLong(parts[0]);
    Duration unit =
        switch (parts[1]) {
          case "minute", "minutes" -> Duration.ofMinutes(1);
          case "hour", "hours" -> Duration.ofHours(1);
          case "day", "days" -> Duration.ofDays(1);
          default -> throw new IllegalArgumentException("invalid rate unit in " + expression);
        };
    return Optional.of(unit.multipliedBy(amount));
  }

  /** The EventBridge rule's ARN on the local stack. */
  public String ruleArn() {
    return "arn:aws:events:"
        + LocalNames.REGION
        + ":"
        + LocalNames.ACCOUNT_ID
        + ":rule/"
        + LocalNames.STACK_NAME
        + "-"
        + functionId
        + eventName;
  }
}
