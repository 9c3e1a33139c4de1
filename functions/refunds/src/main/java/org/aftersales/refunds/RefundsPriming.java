package org.aftersales.refunds;

import java.time.Clock;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiPriming;
import org.aftersales.shared.store.OrderRepository;

/**
 * SnapStart priming of {@code RefundsFunction} (issue 13, {@link ApiPriming}): the ledger and a
 * cancellation quote of the sample order ({@code PrimingOrderRepository}), and the pending-refunds
 * page (an index query). Writes nothing.
 */
public final class RefundsPriming {

  /** The priming events, {@code priming/<name>.json} beside this class. */
  public static final List<String> EVENTS =
      List.of("ledger-customer", "quote-cancellation-customer", "pending-payment");

  private RefundsPriming() {}

  /** The quiet twin of the handler ({@link ApiPriming#orderTwin}). */
  public static ApiFunction twin(OrderRepository orders, PolicyBook book, Clock clock) {
    return ApiPriming.orderTwin(RefundsHandler::new, orders, book, clock);
  }

  /** Primes with the function's own clients: before the snapshot, or now when not SnapStart. */
  static void register() {
    ApiPriming.register(
        RefundsPriming.class,
        EVENTS,
        () -> twin(ApiPriming.orderTable(), PolicyBook.loadDefault(), Clock.systemUTC()));
  }
}
