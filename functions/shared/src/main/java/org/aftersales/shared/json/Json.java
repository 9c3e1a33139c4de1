package org.aftersales.shared.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson {@link ObjectMapper} of the JVM (cold start rule: one JSON path per function).
 *
 * <p>Reading: numbers with a fraction become {@code BigDecimal} (so a money amount like {@code
 * 19.99} is seen as not an integer instead of being rounded, GEN-1), duplicate keys are refused,
 * unknown properties are ignored (forward-compatible clients), and parser errors never quote the
 * source document (so a log line can't carry a body). Instants and dates are written as strings by
 * the code that owns them ({@code Instant.toString()} is RFC 3339 UTC), so no java.time module is
 * needed.
 */
public final class Json {

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Serialises a tree or a value; a failure here is a programming error, not bad input. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("value cannot be written as JSON: " + value.getClass(), e);
    }
  }

  /**
   * A copy of {@code node} whose object fields are sorted by name at every depth, so two documents
   * that differ only in key order have the same serialisation (request hashing).
   */
  public static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Map.Entry.comparingByKey());
      ObjectNode sorted = object();
      for (Map.Entry<String, JsonNode> field : fields) {
        sorted.set(field.getKey(), canonical(field.getValue()));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode copy = array();
      node.forEach(item -> copy.add(canonical(item)));
      return copy;
    }
    return node;
  }
}
