package org.aftersales.returns;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.decision.ReturnPolicy;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;

/**
 * {@code POST /returns/unannounced} (warehouse): records a parcel that came back with no authorised
 * return, for customer care to handle by hand; it gets no automatic refund (RET-3). The id comes
 * from the {@code Idempotency-Key} when there is one, so a retry records the parcel once. A parcel
 * naming an order the store knows announces {@code UnannouncedReturnReceived} (MSG-1, MSG-4: the
 * help desk must act) in the item's create-only write, so once; the order is read for its customer
 * (one {@code GetItem}). A parcel naming no known order is in the care queue ({@code ByStatus}
 * {@code RETURNS#UNANNOUNCED}) only: an event names its order. Side effect: one unannounced-parcel
 * item, with its event.
 */
record RecordUnannouncedReturn(OrderRepository orders, ReturnRepository returns, Clock clock) {

  UnannouncedReturn record(
      Caller caller, ReturnRequests.UnannouncedRequest request, Optional<String> idempotencyKey) {
    String id =
        "un-"
            + AuthorizeReturn.returnId(caller, "unannounced", idempotencyKey)
                .substring("ret-".length());
    UnannouncedReturn parcel =
        new UnannouncedReturn(
            id,
            request.orderId().orElse(null),
            request.trackingNumber().orElse(null),
            request.units(),
            request.note().orElse(null),
            "warehouse",
            request.receivedAt());
    List<Event> announced =
        parcel.orderId() == null
            ? List.of()
            : orders
                .find(parcel.orderId())
                .map(order -> ReturnEvents.unannounced(parcel, order.spec().customerId()))
                .orElse(List.of());
    if (returns.createUnannounced(parcel, announced)) {
      return parcel;
    }
    return returns
        .findUnannounced(id)
        .orElseThrow(() -> new IllegalStateException("unannounced parcel " + id + " vanished"));
  }

  static org.aftersales.policy.decision.Explanation explanation() {
    return ReturnPolicy.unannounced();
  }
}
