package org.aftersales.policy.state;

import java.util.Objects;

/**
 * One unit of an order: its after-sales {@link UnitStatus} and the return or claim that holds it
 * ({@code heldBy}, null when none). The order is the only place that says who holds a unit: a
 * return or claim takes its units by one conditional write of the order naming itself (RET-2,
 * DOA-1) and only the holder lets them go (RET-6, RET-9, DOA-5, DOA-7). {@code
 * warrantyExtensionMonths}: what repairs added to the unit's warranty (WAR-4), 0 when none.
 */
public record UnitState(UnitStatus status, String heldBy, int warrantyExtensionMonths) {

  public UnitState {
    Objects.requireNonNull(status, "status");
    if (warrantyExtensionMonths < 0) {
      throw new IllegalArgumentException("WAR-4: an extension is never negative");
    }
  }

  /** A unit whose warranty no repair extended. */
  public UnitState(UnitStatus status, String heldBy) {
    this(status, heldBy, 0);
  }

  /** A unit nobody holds. */
  public static UnitState free(UnitStatus status) {
    return new UnitState(status, null);
  }

  /** This unit with its status and holder changed, its warranty extension kept. */
  public UnitState with(UnitStatus nextStatus, String nextHolder) {
    return new UnitState(nextStatus, nextHolder, warrantyExtensionMonths);
  }

  public boolean isHeldBy(String holder) {
    return holder.equals(heldBy);
  }
}
