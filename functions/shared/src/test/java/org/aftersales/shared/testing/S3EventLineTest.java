package org.aftersales.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class S3EventLineTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINE =
      "{\"event\":{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
          + "\"object\":{\"key\":\"claims/c 1/PROBLEM/ü+x\",\"size\":12,\"sequencer\":\"18F\"}}}]}}";

  @Test
  void reads_the_first_record_and_encodes_keys_as_s3_does() throws Exception {
    S3EventLine event = new S3EventLine(JSON.readTree(LINE).get("event"));

    assertThat(event.eventName()).isEqualTo("ObjectCreated:Put");
    assertThat(event.bucket()).isEqualTo("b");
    assertThat(event.key()).isEqualTo("claims/c 1/PROBLEM/ü+x");
    assertThat(event.size()).isEqualTo(12);
    JsonNode asSent = JSON.readTree(event.notificationAsS3Sends());
    assertThat(asSent.at("/Records/0/s3/object/key").asText())
        .isEqualTo("claims/c+1/PROBLEM/%C3%BC%2Bx");
    assertThat(event.key()).as("the original is untouched").isEqualTo("claims/c 1/PROBLEM/ü+x");
  }

  @Test
  void await_finds_an_event_seen_before_the_wait() throws Exception {
    S3EventLines events = new S3EventLines();
    events.add(new S3EventLine(JSON.readTree(LINE).get("event")));

    assertThat(events.awaitCreated("b", "claims/c 1/PROBLEM/ü+x", Duration.ofMillis(1)).key())
        .contains("c 1");
    assertThat(events.queue()).hasSize(1);
    assertThat(events.seen()).hasSize(1);
  }

  @Test
  void await_wakes_for_an_event_that_arrives_while_it_waits() throws Exception {
    S3EventLines events = new S3EventLines();
    events.add(new S3EventLine(JSON.readTree(LINE).get("event")));
    String later = LINE.replace("c 1", "c2");
    CompletableFuture<S3EventLine> found = new CompletableFuture<>();
    Thread waiter =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    found.complete(
                        events.awaitCreated("b", "claims/c2/PROBLEM/ü+x", Duration.ofSeconds(30)));
                  } catch (Throwable e) {
                    found.completeExceptionally(e);
                  }
                });
    // The waiter has looked through what was seen, found nothing and waits for what comes next.
    Eventually.until(
        "the waiter waiting",
        Duration.ofSeconds(10),
        () -> waiter.getState() == Thread.State.TIMED_WAITING,
        () -> waiter.getState().toString());
    assertThat(found).isNotDone();

    events.add(new S3EventLine(JSON.readTree(later).get("event")));

    assertThat(found.get(10, TimeUnit.SECONDS).key())
        .as("found within 10 s of arriving, long before the waiter's 30 s timeout")
        .isEqualTo("claims/c2/PROBLEM/ü+x");
    assertThat(events.queue()).hasSize(2);
    assertThat(events.seen()).hasSize(2);
  }

  @Test
  void await_fails_listing_what_it_saw() throws Exception {
    S3EventLines events = new S3EventLines();
    events.add(new S3EventLine(JSON.readTree(LINE).get("event")));

    assertThatThrownBy(() -> events.awaitCreated("b", "claims/other", Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ObjectCreated:Put b/claims/c 1/PROBLEM/ü+x");
  }
}
