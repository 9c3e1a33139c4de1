package org.aftersales.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class S3NotificationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keys_are_url_encoded_like_s3_a_space_becomes_plus_and_slashes_stay() {
    assertThat(S3Notifications.encodeKey("claims/c-1/PROBLEM/my photo (1).jpg"))
        .isEqualTo("claims/c-1/PROBLEM/my+photo+%281%29.jpg");
    assertThat(S3Notifications.encodeKey("claims/a+b/é")).isEqualTo("claims/a%2Bb/%C3%A9");
  }

  @Test
  void only_the_wanted_records_are_delivered_and_the_original_is_untouched() throws Exception {
    JsonNode notification =
        JSON.readTree(
            """
            {"Records": [
              {"eventName": "ObjectCreated:Put", "s3": {"object": {"key": "a b/ü+x", "size": 1}}},
              {"eventName": "ObjectRemoved:Delete", "s3": {"object": {"key": "gone"}}}]}
            """);

    JsonNode delivered =
        S3Notifications.asS3Delivers(
                notification, r -> r.path("eventName").asText().startsWith("ObjectCreated:"))
            .orElseThrow();

    assertThat(delivered.path("Records")).hasSize(1);
    assertThat(delivered.at("/Records/0/s3/object/key").asText()).isEqualTo("a+b/%C3%BC%2Bx");
    assertThat(delivered.at("/Records/0/s3/object/size").asInt()).isEqualTo(1);
    assertThat(notification.at("/Records/0/s3/object/key").asText()).isEqualTo("a b/ü+x");
    assertThat(S3Notifications.asS3Delivers(notification, r -> false)).isEmpty();
  }
}
