package org.aftersales.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.aftersales.localaws.S3Notifications;

/**
 * One S3 notification of the local S3 server, as received.
 *
 * <p>{@link #notification()} is the server's own {@code Records[]} document: its key is raw. {@link
 * #notificationAsS3Sends()} encodes the keys the way S3 does in Lambda events ({@link
 * S3Notifications}), so it can be given to a handler as it would arrive.
 */
public record S3EventLine(JsonNode notification) {

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
    return S3Notifications.asS3Delivers(notification, record -> true).orElseThrow().toString();
  }

  private JsonNode firstRecord() {
    return notification.path("Records").path(0);
  }
}
