package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code EventBridgeRule} event of a function: the bus it listens on (null: the account's
 * default bus) and its pattern's {@code source} and {@code detail-type} lists (an empty list
 * matches any), the only pattern fields this template uses. The local stack keeps them so that what
 * it publishes locally reaches the functions whose rule matches.
 */
public record EventRuleDefinition(
    String functionId,
    String eventName,
    String busName,
    List<String> sources,
    List<String> detailTypes) {

  public EventRuleDefinition {
    sources = List.copyOf(sources);
    detailTypes = List.copyOf(detailTypes);
  }

  static EventRuleDefinition read(
      String functionId, String eventName, String busName, JsonNode pattern) {
    return new EventRuleDefinition(
        functionId,
        eventName,
        busName,
        strings(pattern.path("source")),
        strings(pattern.path("detail-type")));
  }

  /** Whether an EventBridge event ({@code source}, {@code detail-type}) matches the pattern. */
  public boolean matches(JsonNode event) {
    return (sources.isEmpty() || sources.contains(event.path("source").asText()))
        && (detailTypes.isEmpty() || detailTypes.contains(event.path("detail-type").asText()));
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }
}
