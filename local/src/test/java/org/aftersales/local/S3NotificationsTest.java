package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.aftersales.localaws.S3Notifications;
import org.junit.jupiter.api.Test;

class S3NotificationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final S3Subscription EVIDENCE =
      new S3Subscription(
          "EvidenceFunction", "evidence", List.of("s3:ObjectCreated:*"), "claims/", "");

  /** A notification as s3rver prints it: the key raw. */
  private static JsonNode notification(String eventName, String bucket, String rawKey) {
    return JSON.createObjectNode()
        .set(
            "Records",
            JSON.createArrayNode()
                .add(
                    JSON.createObjectNode()
                        .put("eventVersion", "2.0")
                        .put("eventSource", "aws:s3")
                        .put("eventName", eventName)
                        .set(
                            "s3",
                            JSON.createObjectNode()
                                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                                    "bucket", JSON.createObjectNode().put("name", bucket))
                                .set(
                                    "object",
                                    JSON.createObjectNode()
                                        .put("key", rawKey)
                                        .put("size", 5)
                                        .put("sequencer", "19ABC")))));
  }

  @Test
  void a_created_object_under_the_prefix_is_delivered_with_its_key_encoded() {
    JsonNode delivered =
        S3Notifications.asS3Delivers(
                notification("ObjectCreated:Put", "evidence", "claims/c 1/PROBLEM/u-1"),
                EVIDENCE::wants)
            .orElseThrow();

    assertThat(delivered.path("Records")).hasSize(1);
    assertThat(delivered.at("/Records/0/s3/object/key").asText())
        .isEqualTo("claims/c+1/PROBLEM/u-1");
    assertThat(delivered.at("/Records/0/s3/object/size").asInt()).isEqualTo(5);
    assertThat(delivered.at("/Records/0/eventName").asText()).isEqualTo("ObjectCreated:Put");
  }

  @Test
  void objects_outside_the_prefix_other_buckets_and_removals_are_not_delivered() {
    assertThat(
            S3Notifications.asS3Delivers(
                notification("ObjectCreated:Put", "evidence", "other/claims/x"), EVIDENCE::wants))
        .isEmpty();
    assertThat(
            S3Notifications.asS3Delivers(
                notification("ObjectCreated:Put", "another-bucket", "claims/x"), EVIDENCE::wants))
        .isEmpty();
    assertThat(
            S3Notifications.asS3Delivers(
                notification("ObjectRemoved:Delete", "evidence", "claims/x"), EVIDENCE::wants))
        .isEmpty();
  }

  @Test
  void multipart_completion_counts_as_object_created_and_exact_event_names_match_only_themselves() {
    S3Subscription putsOnly =
        new S3Subscription("F", "evidence", List.of("s3:ObjectCreated:Put"), "", ".jpg");

    assertThat(
            S3Notifications.asS3Delivers(
                notification("ObjectCreated:Post", "evidence", "claims/x"), EVIDENCE::wants))
        .isPresent();
    assertThat(
            S3Notifications.asS3Delivers(
                notification("ObjectCreated:Post", "evidence", "a.jpg"), putsOnly::wants))
        .isEmpty();
    assertThat(
            S3Notifications.asS3Delivers(
                notification("ObjectCreated:Put", "evidence", "a.jpg"), putsOnly::wants))
        .isPresent();
    assertThat(
            S3Notifications.asS3Delivers(
                notification("ObjectCreated:Put", "evidence", "a.png"), putsOnly::wants))
        .isEmpty();
  }
}
