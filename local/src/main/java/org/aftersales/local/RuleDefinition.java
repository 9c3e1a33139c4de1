package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * One EventBridge rule of the template on the stack's bus: a function's {@code EventBridgeRule}
 * event, or an {@code AWS::Events::Rule} whose target is a function or an API destination (the
 * store's webhook). {@code functionId} is null for a webhook target. The retry policy is the
 * target's ({@code RetryPolicy}; EventBridge's defaults, 185 attempts within 24 h, when absent).
 */
public record RuleDefinition(
    String name, JsonNode pattern, String functionId, int maxRetryAttempts, Duration maxEventAge) {

  public static final int DEFAULT_RETRY_ATTEMPTS = 185;
  public static final Duration DEFAULT_EVENT_AGE = Duration.ofHours(24);

  public boolean toWebhook() {
    return functionId == null;
  }

  /** Whether {@code event} (as delivered to targets) matches this rule's pattern. */
  public boolean matches(JsonNode event) {
    return EventPatterns.matches(pattern, event);
  }
}
