package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns one notification of the local S3 server into what real S3 would deliver to a function
 * subscribed with an {@code S3} event: only the records for the subscription's bucket, event types
 * and key prefix/suffix, each key URL-encoded as S3 encodes it (the local server reports it raw: a
 * space must arrive as {@code +}, a slash stays). Pure.
 */
public final class S3Notifications {

  private S3Notifications() {}

  /**
   * The notification to deliver to {@code subscription}, or empty when none of its records concern
   * it.
   */
  public static Optional<ObjectNode> forSubscription(
      JsonNode notification, S3Subscription subscription) {
    ArrayNode delivered = JsonNodeFactory.instance.arrayNode();
    for (JsonNode record : notification.path("Records")) {
      String bucket = record.path("s3").path("bucket").path("name").asText();
      String rawKey = record.path("s3").path("object").path("key").asText();
      if (bucket.equals(subscription.bucket())
          && subscription.matchesEvent(record.path("eventName").asText())
          && subscription.matchesKey(rawKey)) {
        ObjectNode fixed = record.deepCopy();
        ((ObjectNode) fixed.path("s3").path("object")).put("key", encodeKey(rawKey));
        delivered.add(fixed);
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
