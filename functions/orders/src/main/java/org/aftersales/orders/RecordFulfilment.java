package org.aftersales.orders;

import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.OrderUpdates;

/**
 * Records warehouse progress on a parcel as one conditional write on the order item, so a
 * fulfilment event and a cancellation racing on the same parcel can not both win (CAN-7): forward
 * only, a repeat changes nothing, an event for a CANCELLED parcel is refused with {@code 409
 * parcel-cancelled}. DELIVERED sets the delivery date that opens the return and DOA windows
 * (GEN-6). Side effect: the order item (and with it the sparse {@code Unshipped} key).
 */
record RecordFulfilment(OrderUpdates updates) {

  /** The order after the event (unchanged for a repeat). */
  Order record(String orderId, String parcelId, FulfilmentEvent event) {
    Decision<Order.FulfilmentResult> decision =
        updates.apply(
            orderId,
            order -> {
              if (order.findParcel(parcelId).isEmpty()) {
                throw ApiProblem.notFound("Order " + orderId + " has no parcel " + parcelId + ".");
              }
              Decision<Order.FulfilmentResult> d = order.recordFulfilment(parcelId, event);
              // CHG-3: a change awaiting payment lapses in the write that processes its parcel
              return d.accepted() && d.value().changed()
                  ? OrderUpdates.Change.of(ChangePolicy.lapseDue(d.value().order(), event.at()), d)
                  : OrderUpdates.Change.none(d);
            });
    return Refusals.valueOf(decision).order();
  }
}
