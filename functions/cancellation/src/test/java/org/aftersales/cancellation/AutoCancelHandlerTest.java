package org.aftersales.cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.testing.LambdaRun;
import org.junit.jupiter.api.Test;

/** The schedule's time and the index bound of a run (CAN-6), without servers. */
class AutoCancelHandlerTest {

  private final AutoCancelRun run =
      new AutoCancelRun(
          null,
          null,
          TestOrders.POLICIES,
          new LambdaRun(java.time.Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "t").log,
          25,
          5_000);

  @Test
  void reads_the_scheduled_time_of_the_sample_event() {
    assertThat(AutoCancelHandler.scheduledTime(LambdaRun.event("AutoCancelFunction", "schedule")))
        .isEqualTo(Instant.parse("2026-11-26T13:15:00Z"));
  }

  @Test
  void an_event_without_a_valid_time_is_refused() {
    assertThatThrownBy(
            () ->
                AutoCancelHandler.scheduledTime(
                    Json.object().put("detail-type", "Scheduled Event")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no time");
    assertThatThrownBy(
            () -> AutoCancelHandler.scheduledTime(Json.object().put("time", "26/Nov/2026")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RFC 3339");
  }

  @Test
  void candidates_are_the_orders_more_than_the_configured_business_days_late() {
    // 2026-06 policy: 2 business days. Thursday 26th: Monday 23rd + 2 = Wednesday 25th < 26th.
    assertThat(run.dueShipBy(Instant.parse("2026-11-26T13:15:00Z")))
        .isEqualTo(LocalDate.parse("2026-11-23"));
    // Monday 30th: Wednesday 25th + 2 = Friday 27th < 30th; Thursday 26th + 2 = Monday 30th is not.
    assertThat(run.dueShipBy(Instant.parse("2026-11-30T08:00:00Z")))
        .isEqualTo(LocalDate.parse("2026-11-25"));
    // GEN-5 holidays: Friday 2026-12-25 and Saturday 26th are holidays; Tuesday 29th: Wednesday
    // 23rd + 2 = Monday 28th.
    assertThat(run.dueShipBy(Instant.parse("2026-12-29T08:00:00Z")))
        .isEqualTo(LocalDate.parse("2026-12-23"));
  }
}
