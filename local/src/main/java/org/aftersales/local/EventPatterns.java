package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of EventBridge's event patterns the template's rules use: a field names an array of
 * allowed values (exact strings, numbers or booleans, {@code {"prefix": "…"}}, {@code {"exists":
 * true|false}}, {@code {"anything-but": …}}), or an object to match one level down; every field
 * must match. An empty pattern matches everything.
 */
final class EventPatterns {

  private EventPatterns() {}

  static boolean matches(JsonNode pattern, JsonNode event) {
    if (pattern == null || pattern.isMissingNode() || pattern.isNull()) {
      return true;
    }
    var fields = pattern.properties().iterator();
    while (fields.hasNext()) {
      var field = fields.next();
      JsonNode expected = field.getValue();
      JsonNode actual = event == null ? null : event.get(field.getKey());
      if (expected.isObject()) {
        if (actual == null || !actual.isObject() || !matches(expected, actual)) {
          return false;
        }
      } else if (expected.isArray()) {
        if (!anyMatches(expected, actual)) {
          return false;
        }
      } else {
        throw new IllegalArgumentException(
            "not an event pattern: " + field.getKey() + " " + expected);
      }
    }
    return true;
  }

  private static boolean anyMatches(JsonNode allowed, JsonNode actual) {
    for (JsonNode value : allowed) {
      if (value.isObject()) {
        if (value.has("exists") && value.get("exists").asBoolean() == (actual != null)) {
          return true;
        }
        if (value.has("prefix")
            && actual != null
            && actual.isTextual()
            && actual.asText().startsWith(value.get("prefix").asText())) {
          return true;
        }
        if (value.has("anything-but") && actual != null && !anyMatches(asArray(value), actual)) {
          return true;
        }
      } else if (actual != null
          && (actual.isArray() ? contains(actual, value) : same(value, actual))) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode asArray(JsonNode anythingBut) {
    JsonNode but = anythingBut.get("anything-but");
    if (but.isArray()) {
      return but;
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add(but);
  }

  private static boolean contains(JsonNode array, JsonNode value) {
    for (JsonNode item : array) {
      if (same(value, item)) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }
}
