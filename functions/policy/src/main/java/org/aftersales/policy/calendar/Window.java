package org.aftersales.policy.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A "within N days after receiving" window (GEN-6): open until the end of calendar day {@code
 * deliveredOn + N} in the store zone. {@code lastDay} is that day; {@code closesAt} the first
 * instant after it (exclusive end).
 */
public record Window(LocalDate deliveredOn, int days, LocalDate lastDay, Instant closesAt) {

  public Window {
    Objects.requireNonNull(deliveredOn, "deliveredOn");
    Objects.requireNonNull(lastDay, "lastDay");
    Objects.requireNonNull(closesAt, "closesAt");
  }

  /** The window of {@code days} days after a delivery on {@code deliveredOn}, in {@code zone}. */
  public static Window after(LocalDate deliveredOn, int days, ZoneId zone) {
    LocalDate last = deliveredOn.plusDays(days);
    return new Window(deliveredOn, days, last, last.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** GEN-6: no delivery date, no window. */
  public static Optional<Window> after(Optional<LocalDate> deliveredOn, int days, ZoneId zone) {
    return deliveredOn.map(d -> after(d, days, zone));
  }

  public boolean isOpenAt(Instant now) {
    return now.isBefore(closesAt);
  }
}
