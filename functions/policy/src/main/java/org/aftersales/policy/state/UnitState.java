package org.aftersales.policy.state;

import java.util.Objects;

/**
 * One unit of an order: its after-sales {@link UnitStatus} and the return or claim that holds it
 * ({@code heldBy}, null when none). The order is the only place that says who holds a unit: a
 * return or claim takes its units by one conditional write of the order naming itself (RET-2,
 * DOA-1) and only the holder lets them go (RET-6, RET-9, DOA-5, DOA-7).
 */
public record UnitState(UnitStatus status, String heldBy) {

  public UnitState {
    Objects.requireNonNull(status, "status");
  }

  /** A unit nobody holds. */
  public static UnitState free(UnitStatus status) {
    return new UnitState(status, null);
  }

  public boolean isHeldBy(String holder) {
    return holder.equals(heldBy);
  }
}
