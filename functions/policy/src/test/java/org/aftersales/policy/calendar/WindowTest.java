package org.aftersales.policy.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WindowTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  @DisplayName("GEN-6 window is open until the end of day delivered on plus n in the store zone")
  void GEN_6_window_is_open_until_the_end_of_day_delivered_on_plus_n_in_the_store_zone() {
    Window w = Window.after(LocalDate.parse("2026-09-01"), 60, BERLIN);
    assertThat(w.lastDay()).isEqualTo("2026-10-31");
    // 31 Oct 23:59 in Berlin (CET, UTC+1) is 22:59 UTC
    assertThat(w.isOpenAt(Instant.parse("2026-10-31T22:59:59Z"))).isTrue();
    assertThat(w.isOpenAt(Instant.parse("2026-10-31T23:00:00Z"))).isFalse();
    assertThat(w.closesAt()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
  }

  @Test
  @DisplayName("GEN-6 no delivery date means no window")
  void GEN_6_no_delivery_date_means_no_window() {
    assertThat(Window.after(Optional.empty(), 60, BERLIN)).isEmpty();
  }

  @Test
  @DisplayName("GEN-6 window end follows daylight saving")
  void GEN_6_window_end_follows_daylight_saving() {
    // 1 Jul + 14 = 15 Jul, summer time (UTC+2): closes 15 Jul 22:00 UTC
    assertThat(Window.after(LocalDate.parse("2026-07-01"), 14, BERLIN).closesAt())
        .isEqualTo(Instant.parse("2026-07-15T22:00:00Z"));
  }
}
