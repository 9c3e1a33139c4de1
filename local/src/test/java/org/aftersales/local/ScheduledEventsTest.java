package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduledEventsTest {

  private static final ScheduleDefinition AUTO_CANCEL =
      new ScheduleDefinition("AutoCancelFunction", "Every15Minutes", "rate(15 minutes)", true);

  @Test
  void the_payload_is_an_eventbridge_scheduled_event_with_the_scheduled_instant() {
    JsonNode event =
        ScheduledEvents.payload(AUTO_CANCEL, Instant.parse("2026-11-26T14:15:00.731Z"));

    assertThat(event.path("version").asText()).isEqualTo("0");
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("time").asText()).isEqualTo("2026-11-26T14:15:00Z");
    assertThat(event.path("region").asText()).isEqualTo("us-east-1");
    assertThat(event.path("account").asText()).isEqualTo("000000000000");
    assertThat(event.path("resources").get(0).asText())
        .isEqualTo(
            "arn:aws:events:us-east-1:000000000000:rule/aftersales-local-AutoCancelFunctionEvery15Minutes");
    assertThat(event.path("detail").isObject()).isTrue();
    assertThat(event.path("detail").isEmpty()).isTrue();
    assertThat(event.path("id").asText()).hasSize(36);
  }

  @Test
  void rate_expressions_give_their_period_and_cron_gives_none() {
    assertThat(AUTO_CANCEL.rate()).contains(Duration.ofMinutes(15));
    assertThat(new ScheduleDefinition("F", "E", "rate(1 hour)", true).rate())
        .contains(Duration.ofHours(1));
    assertThat(new ScheduleDefinition("F", "E", "rate(2 days)", true).rate())
        .contains(Duration.ofDays(2));
    assertThat(new ScheduleDefinition("F", "E", "cron(0 3 * * ? *)", true).rate()).isEmpty();
    assertThatThrownBy(() -> new ScheduleDefinition("F", "E", "rate(5 fortnights)", true).rate())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
