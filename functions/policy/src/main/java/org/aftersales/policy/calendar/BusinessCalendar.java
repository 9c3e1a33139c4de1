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
 */
public record BusinessCalendar(ZoneId zone, Set<LocalDate> holidays) {

  public BusinessCalendar {
    Objects.requireNonNull(zone, "zone");
    holidays = Set.copyOf(holidays);
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
