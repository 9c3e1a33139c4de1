package org.aftersales.policy.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GEN-5: the store's holidays (German public holidays, federal) are right and known far enough
 * ahead. The first test reads the real clock on purpose: it fails when the calendar of the policy
 * in force runs out within 18 months, so the data is extended in time.
 */
class StoreHolidaysTest {

  @Test
  @DisplayName("GEN-5 the holidays of the policy in force are known through today + 18 months")
  void GEN_5_the_policy_in_force_knows_its_holidays_18_months_ahead() {
    Instant now = Instant.now();
    PolicyDocument inForce = StorePolicies.book().current(now);
    LocalDate horizon = inForce.calendar().dateOf(now).plusMonths(18);

    assertThat(inForce.calendar().covers(horizon))
        .as(
            "policy %s knows its holidays through %s only; add the holidays through %s to"
                + " StorePolicies",
            inForce.version(), inForce.holidaysKnownThrough(), horizon)
        .isTrue();
  }

  static Stream<PolicyDocument> versions() {
    return StorePolicies.book().versions().stream();
  }

  @ParameterizedTest
  @MethodSource("versions")
  @DisplayName("GEN-5 every year a version knows holds exactly the German federal holidays")
  void GEN_5_every_known_year_holds_the_german_federal_holidays(PolicyDocument policy) {
    int first = policy.holidays().stream().min(LocalDate::compareTo).orElseThrow().getYear();
    int last = policy.holidaysKnownThrough().getYear();
    Set<LocalDate> expected = new TreeSet<>();
    for (int year = first; year <= last; year++) {
      expected.addAll(federalHolidays(year));
    }

    assertThat(policy.holidaysKnownThrough()).isEqualTo(LocalDate.of(last, 12, 31));
    assertThat(policy.holidays()).containsExactlyElementsOf(expected);
  }

  @Test
  void easter_sunday_is_computed_right() {
    assertThat(easterSunday(2026)).isEqualTo("2026-04-05");
    assertThat(easterSunday(2027)).isEqualTo("2027-03-28");
    assertThat(easterSunday(2028)).isEqualTo("2028-04-16");
  }

  /** New Year, Good Friday, Easter Monday, Labour Day, Ascension, Whit Monday, 3 Oct, 25/26 Dec. */
  private static Set<LocalDate> federalHolidays(int year) {
    LocalDate easter = easterSunday(year);
    return Set.of(
        LocalDate.of(year, 1, 1),
        easter.minusDays(2),
        easter.plusDays(1),
        LocalDate.of(year, 5, 1),
        easter.plusDays(39),
        easter.plusDays(50),
        LocalDate.of(year, 10, 3),
        LocalDate.of(year, 12, 25),
        LocalDate.of(year, 12, 26));
  }

  /** The Gregorian Easter Sunday (anonymous Gregorian algorithm). */
  private static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }
}
