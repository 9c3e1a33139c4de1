package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.policy.calendar.BusinessCalendar;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelState;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.UnitStatus;

/**
 * CAN-6: the scheduled job cancels the unshipped parcels of every order whose expected shipping
 * date passed more than {@code autoCancelAfterBusinessDays} business days ago, refunding as CAN-5.
 * Decisions take the schedule's instant ({@code at}), not the wall clock, so a late or repeated run
 * decides the same way; an order already cancelled is a no-op, so running twice cancels and refunds
 * each parcel once (the repository's version check settles two concurrent runs).
 */
public final class AutoCancelPolicy {

  private AutoCancelPolicy() {}

  /**
   * The latest expected ship date that is due for auto-cancel at {@code at}: candidates are the
   * orders of the {@code Unshipped} index with {@code expectedShipBy <= latestDueShipBy(...)}.
   */
  public static LocalDate latestDueShipBy(PolicyDocument policy, Instant at) {
    BusinessCalendar calendar = policy.calendar();
    LocalDate today = calendar.dateOf(at);
    LocalDate d = today.minusDays(1);
    while (!calendar.addBusinessDays(d, policy.autoCancelAfterBusinessDays()).isBefore(today)) {
      d = d.minusDays(1);
    }
    return d;
  }

  /**
   * Whether the order's expected shipping date passed more than N business days before {@code at}.
   */
  public static boolean isOverdue(Order order, PolicyDocument policy, Instant at) {
    BusinessCalendar calendar = policy.calendar();
    return calendar
        .dateOf(at)
        .isAfter(
            calendar.addBusinessDays(
                order.spec().expectedShipBy(), policy.autoCancelAfterBusinessDays()));
  }

  /** The order's parcels that auto-cancel would cancel at {@code at} (empty: nothing to do). */
  public static List<String> dueParcels(Order order, PolicyDocument policy, Instant at) {
    if (!isOverdue(order, policy, at)) {
      return List.of();
    }
    List<String> due = new ArrayList<>();
    for (ParcelState p : order.parcels().values()) {
      boolean unshipped = p.status() == ParcelStatus.NEW || p.status() == ParcelStatus.PROCESSED;
      if (unshipped
          && order.unitsOf(p.parcelId()).stream()
              .anyMatch(u -> order.statusOf(u) == UnitStatus.ACTIVE)) {
        due.add(p.parcelId());
      }
    }
    return due;
  }

  /**
   * Cancels every due parcel's ACTIVE units and refunds them (CAN-6, CAN-5). The refund id derives
   * from the order and the parcels, so a replay finds its own refund. Nothing due → accepted with
   * no change.
   */
  public static Decision<CancellationPolicy.Cancellation> run(
      Order order, PolicyDocument policy, Instant at) {
    List<String> parcels = dueParcels(order, policy, at);
    if (parcels.isEmpty()) {
      Explanation e =
          Explanation.of(
              "CAN-6",
              "No unshipped parcel of this order is overdue by more than "
                  + policy.autoCancelAfterBusinessDays()
                  + " business days.");
      return Decision.accept(
          new CancellationPolicy.Cancellation(order, List.of(), List.of(), null, e), e);
    }
    List<UnitRef> scope = new ArrayList<>();
    for (String parcelId : parcels) {
      order.unitsOf(parcelId).stream()
          .filter(u -> order.statusOf(u) == UnitStatus.ACTIVE)
          .forEach(scope::add);
    }
    Explanation why =
        Explanation.of(
            "CAN-6",
            "The expected shipping date "
                + order.spec().expectedShipBy()
                + " passed more than "
                + policy.autoCancelAfterBusinessDays()
                + " business days ago and parcel(s) "
                + String.join(", ", parcels)
                + " had not shipped, so they were cancelled automatically.");
    String cancellationId = "auto-" + order.orderId() + "-" + String.join("-", parcels);
    CancellationPolicy.Cancellation result =
        CancellationPolicy.apply(order, policy, cancellationId, scope, at, why, "CAN-5");
    return Decision.accept(result, result.explanation());
  }
}
