package org.aftersales.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns one notification of the local S3 server into what real S3 delivers to a function: only the
 * records the subscriber wants, each key URL-encoded as S3 encodes it (the local server reports it
 * raw: a space must arrive as {@code +}, a slash stays). The one S3 key encoder of the project's
 * local tools and tests. Pure.
 */
public final class S3Notifications {

  private S3Notifications() {}

  /**
   * The notification with the records {@code wanted} accepts (tested on the raw record) and their
   * keys encoded, or empty when it accepts none.
   */
  public static Optional<ObjectNode> asS3Delivers(
      JsonNode notification, Predicate<JsonNode> wanted) {
    ArrayNode delivered = JsonNodeFactory.instance.arrayNode();
    for (JsonNode record : notification.path("Records")) {
      if (wanted.test(record)) {
        ObjectNode encoded = record.deepCopy();
        JsonNode object = encoded.path("s3").path("object");
        if (object instanceof ObjectNode fields && object.has("key")) {
          fields.put("key", encodeKey(object.get("key").asText()));
        }
        delivered.add(encoded);
      }
    }
    if (delivered.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.set("Records", delivered);
    return Optional.of(event);
  }

  /** A key as S3 puts it in event notifications: form-URL-encoded, with {@code /} left as is. */
  public static String encodeKey(String rawKey) {
    return URLEncoder.encode(rawKey, StandardCharsets.UTF_8).replace("%2F", "/");
  }
}
