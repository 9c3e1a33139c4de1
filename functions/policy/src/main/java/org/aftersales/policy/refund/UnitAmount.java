package org.aftersales.policy.refund;

import java.util.Objects;
import org.aftersales.policy.order.UnitRef;

/** What a refund takes from one unit's ceiling (GEN-4), in minor units, {@code >= 0}. */
public record UnitAmount(UnitRef unit, long amount) {
  public UnitAmount {
    Objects.requireNonNull(unit, "unit");
    if (amount < 0) {
      throw new IllegalArgumentException(
          "GEN-4: a unit's refund share can not be negative: " + amount);
    }
  }
}
