package org.aftersales.policy.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * The store's business days (GEN-5): every day except Saturday, Sunday and the store's holidays,
 * with dates taken in the store's time zone. Pure.
 *
 * <p>The holidays are known through {@code holidaysKnownThrough}. A day after it is a business day
 * unless it falls on a weekend: its holidays are unknown, so a refund due date counted across it
 * may fall a holiday early (never late). The policy version in force must therefore be known well
 * ahead: a test fails when it does not cover today + 18 months ({@link #covers}).
 *
 * @param zone the store's time zone
 * @param holidays the store's holidays, none after {@code holidaysKnownThrough}
 * @param holidaysKnownThrough the last day whose holiday status is known
 */
public record BusinessCalendar(
    ZoneId zone, Set<LocalDate> holidays, LocalDate holidaysKnownThrough) {

  public BusinessCalendar {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(holidaysKnownThrough, "holidaysKnownThrough");
    holidays = Set.copyOf(holidays);
    for (LocalDate holiday : holidays) {
      if (holiday.isAfter(holidaysKnownThrough)) {
        throw new IllegalArgumentException(
            "GEN-5: holiday " + holiday + " is after holidaysKnownThrough " + holidaysKnownThrough);
      }
    }
  }

  /** Whether the holidays of {@code date} are known (it is not after holidaysKnownThrough). */
  public boolean covers(LocalDate date) {
    return !date.isAfter(holidaysKnownThrough);
  }

  /** The calendar date of {@code instant} in the store zone. */
  public LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, zone);
  }

  public boolean isBusinessDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
  }

  /**
   * The date {@code days} business days after {@code start} ({@code start} itself not counted):
   * Friday + 1 = Monday; {@code days == 0} is {@code start}.
   */
  public LocalDate addBusinessDays(LocalDate start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("business days must be >= 0: " + days);
    }
    LocalDate date = start;
    int left = days;
    while (left > 0) {
      date = date.plusDays(1);
      if (isBusinessDay(date)) {
        left--;
      }
    }
    return date;
  }

  /**
   * GEN-5: a refund granted at {@code granted} is due by its store-zone date + {@code days}
   * business days.
   */
  public LocalDate dueBy(Instant granted, int days) {
    return addBusinessDays(dateOf(granted), days);
  }

  /**
   * Business days in {@code (from, to]}: {@code businessDaysBetween(d, addBusinessDays(d, n)) ==
   * n}; negative when {@code to} is before {@code from}.
   */
  public int businessDaysBetween(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      return -businessDaysBetween(to, from);
    }
    int count = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isBusinessDay(d)) {
        count++;
      }
    }
    return count;
  }
}
