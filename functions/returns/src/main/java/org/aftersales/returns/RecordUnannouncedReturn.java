package org.aftersales.returns;

import java.time.Clock;
import java.util.Optional;
import org.aftersales.policy.decision.ReturnPolicy;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;

/**
 * {@code POST /returns/unannounced} (warehouse): records a parcel that came back with no authorised
 * return, for customer care to handle by hand; it gets no automatic refund (RET-3). The id comes
 * from the {@code Idempotency-Key} when there is one, so a retry records the parcel once. Side
 * effect: one unannounced-parcel item.
 */
record RecordUnannouncedReturn(ReturnRepository returns, Clock clock) {

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
    if (returns.createUnannounced(parcel)) {
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
