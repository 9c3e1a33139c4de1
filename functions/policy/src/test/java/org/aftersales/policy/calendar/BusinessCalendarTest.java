package org.aftersales.policy.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  static final BusinessCalendar BERLIN =
      new BusinessCalendar(
          ZoneId.of("Europe/Berlin"),
          Set.of(
              LocalDate.parse("2026-12-25"),
              LocalDate.parse("2026-12-26"),
              LocalDate.parse("2027-01-01")),
          LocalDate.parse("2027-12-31"));

  @Test
  @DisplayName("GEN-5 business days skip weekends")
  void GEN_5_business_days_skip_weekends() {
    assertThat(BERLIN.addBusinessDays(LocalDate.parse("2026-11-27"), 1))
        .isEqualTo("2026-11-30"); // Fri → Mon
    assertThat(BERLIN.addBusinessDays(LocalDate.parse("2026-11-27"), 5)).isEqualTo("2026-12-04");
    assertThat(BERLIN.addBusinessDays(LocalDate.parse("2026-11-28"), 0)).isEqualTo("2026-11-28");
    assertThat(BERLIN.addBusinessDays(LocalDate.parse("2026-11-28"), 1))
        .isEqualTo("2026-11-30"); // Sat → Mon
  }

  @Test
  @DisplayName("GEN-5 business days skip store holidays")
  void GEN_5_business_days_skip_store_holidays() {
    // Thu 24 Dec + 5: 25 (holiday), 26/27 weekend, 28..31 = 4, 1 Jan holiday, 2/3 weekend, Mon 4
    // Jan = 5
    assertThat(BERLIN.addBusinessDays(LocalDate.parse("2026-12-24"), 5)).isEqualTo("2027-01-04");
    assertThat(BERLIN.isBusinessDay(LocalDate.parse("2026-12-25"))).isFalse();
    assertThat(BERLIN.isBusinessDay(LocalDate.parse("2026-12-24"))).isTrue();
  }

  @Test
  @DisplayName("GEN-5 due by counts from the grant date in the store zone")
  void GEN_5_due_by_counts_from_the_grant_date_in_the_store_zone() {
    // 23:30 UTC on Thursday is already Friday 00:30 in Berlin
    assertThat(BERLIN.dueBy(Instant.parse("2026-11-26T22:30:00Z"), 5)).isEqualTo("2026-12-03");
    assertThat(BERLIN.dueBy(Instant.parse("2026-11-26T23:30:00Z"), 5)).isEqualTo("2026-12-04");
  }

  @Test
  @DisplayName("GEN-5 business days between inverts add")
  void GEN_5_business_days_between_inverts_add() {
    LocalDate from = LocalDate.parse("2026-12-22");
    for (int n = 0; n < 15; n++) {
      assertThat(BERLIN.businessDaysBetween(from, BERLIN.addBusinessDays(from, n))).isEqualTo(n);
    }
    assertThat(
            BERLIN.businessDaysBetween(
                LocalDate.parse("2026-11-30"), LocalDate.parse("2026-11-27")))
        .isEqualTo(-1);
  }

  @Test
  @DisplayName("GEN-5 the calendar says how far its holidays are known and holds none beyond")
  void GEN_5_the_calendar_says_how_far_its_holidays_are_known() {
    assertThat(BERLIN.covers(LocalDate.parse("2027-12-31"))).isTrue();
    assertThat(BERLIN.covers(LocalDate.parse("2028-01-01"))).isFalse();
    // documented: past the known range only weekends are skipped (2028-01-03 is a Monday)
    assertThat(BERLIN.isBusinessDay(LocalDate.parse("2028-01-03"))).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new BusinessCalendar(
                    ZoneId.of("Europe/Berlin"),
                    Set.of(LocalDate.parse("2028-01-01")),
                    LocalDate.parse("2027-12-31")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GEN-5");
  }
}
