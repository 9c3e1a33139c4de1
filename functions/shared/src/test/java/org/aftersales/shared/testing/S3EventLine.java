package org.aftersales.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One S3 notification printed by the local S3 server ({@code {"event": {...}}}), as received.
 *
 * <p>{@link #notification()} is the server's own {@code Records[]} document: its key is raw. {@link
 * #notificationAsS3Sends()} encodes the keys the way S3 does in Lambda events ({@code URLEncoder}
 * form, {@code /} kept), so it can be given to a handler as it would arrive.
 */
public record S3EventLine(String line, JsonNode notification) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static S3EventLine parse(String line, JsonNode parsed) {
    return new S3EventLine(line, parsed.get("event"));
  }

  /** The first record's {@code eventName}, e.g. {@code ObjectCreated:Put}. */
  public String eventName() {
    return firstRecord().path("eventName").asText();
  }

  public String bucket() {
    return firstRecord().path("s3").path("bucket").path("name").asText();
  }

  /** The first record's object key, raw (not URL-encoded). */
  public String key() {
    return firstRecord().path("s3").path("object").path("key").asText();
  }

  public long size() {
    return firstRecord().path("s3").path("object").path("size").asLong(-1);
  }

  /** The notification with each record's key URL-encoded as S3 sends it to Lambda. */
  public String notificationAsS3Sends() {
    JsonNode copy = notification.deepCopy();
    for (JsonNode record : copy.path("Records")) {
      JsonNode object = record.path("s3").path("object");
      if (object instanceof ObjectNode objectNode && object.has("key")) {
        objectNode.put("key", encodeKeyAsS3Does(object.get("key").asText()));
      }
    }
    try {
      return JSON.writeValueAsString(copy);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * S3's encoding of keys in event notifications: form encoding ({@code +} for space), {@code /}
   * kept.
   */
  public static String encodeKeyAsS3Does(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  private JsonNode firstRecord() {
    return notification.path("Records").path(0);
  }
}
