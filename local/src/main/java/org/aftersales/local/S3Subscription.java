package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One {@code S3} event of a function: the bucket (local name), the event patterns ({@code
 * s3:ObjectCreated:*}, {@code s3:ObjectCreated:Put}…) and the key filter (prefix/suffix, empty =
 * any), as the template declares them.
 */
public record S3Subscription(
    String functionId, String bucket, List<String> events, String prefix, String suffix) {

  public S3Subscription {
    events = List.copyOf(events);
  }

  /** Whether one record of the local S3 server's notification (key raw) is for this function. */
  public boolean wants(JsonNode record) {
    return record.path("s3").path("bucket").path("name").asText().equals(bucket)
        && matchesEvent(record.path("eventName").asText())
        && matchesKey(record.path("s3").path("object").path("key").asText());
  }

  /**
   * Whether an S3 record's {@code eventName} (like {@code ObjectCreated:Put}, no {@code s3:}) is
   * one of {@link #events}.
   */
  public boolean matchesEvent(String eventName) {
    String qualified = "s3:" + eventName;
    for (String pattern : events) {
      if (pattern.endsWith("*")
          ? qualified.startsWith(pattern.substring(0, pattern.length() - 1))
          : qualified.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an object key (raw, not URL-encoded) passes the prefix and suffix filter rules. */
  public boolean matchesKey(String rawKey) {
    return rawKey.startsWith(prefix) && rawKey.endsWith(suffix);
  }
}
