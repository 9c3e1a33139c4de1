package org.aftersales.shared.changes;

import java.time.Clock;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.OrderUpdates;

/**
 * On read (CHG-3): changes awaiting payment whose {@code payBy} passed or whose parcel was
 * processed are stored as LAPSED before the order is shown, in one conditional write (nothing is
 * written when none lapsed). Every decision re-derives the same lapse itself, so this only keeps
 * the stored history current. Side effect: the order item.
 */
public final class FinishLapsedChanges {

  private final OrderUpdates updates;
  private final Clock clock;

  public FinishLapsedChanges(OrderUpdates updates, Clock clock) {
    this.updates = updates;
    this.clock = clock;
  }

  public Order finish(Order read) {
    if (ChangePolicy.lapseDue(read, clock.instant()).equals(read)) {
      return read;
    }
    return updates
        .applyAndGet(
            read,
            order -> {
              Order lapsed = ChangePolicy.lapseDue(order, clock.instant());
              return lapsed.equals(order)
                  ? OrderUpdates.Change.<Void>none(null)
                  : OrderUpdates.Change.<Void>of(lapsed, null);
            })
        .order();
  }
}
