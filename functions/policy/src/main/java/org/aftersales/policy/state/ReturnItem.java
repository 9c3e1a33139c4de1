package org.aftersales.policy.state;

import java.util.Objects;
import org.aftersales.policy.order.UnitRef;

/** One unit in a return, with the reason and declared condition it was authorised for. */
public record ReturnItem(UnitRef unit, ReturnReason reason, ItemCondition condition) {
  public ReturnItem {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(condition, "condition");
  }
}
