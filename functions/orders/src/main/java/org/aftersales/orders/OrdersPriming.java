package org.aftersales.orders;

import java.time.Clock;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiPriming;
import org.aftersales.shared.store.OrderRepository;

/**
 * SnapStart priming of {@code OrdersFunction} (issue 13, {@link ApiPriming}): a GET of the sample
 * order ({@code PrimingOrderRepository}) and of an order that does not exist, and a parcel event on
 * the sample order (the change is answered, never sent). Writes nothing.
 */
public final class OrdersPriming {

  /** The priming events, {@code priming/<name>.json} beside this class. */
  public static final List<String> EVENTS =
      List.of("get-order-sample", "get-order-absent", "parcel-shipped-warehouse");

  private OrdersPriming() {}

  /** The quiet twin of the handler ({@link ApiPriming#orderTwin}). */
  public static ApiFunction twin(OrderRepository orders, PolicyBook book, Clock clock) {
    return ApiPriming.orderTwin(OrdersHandler::new, orders, book, clock);
  }

  /** Primes with the function's own clients: before the snapshot, or now when not SnapStart. */
  static void register() {
    ApiPriming.register(
        OrdersPriming.class,
        EVENTS,
        () -> twin(ApiPriming.orderTable(), PolicyBook.loadDefault(), Clock.systemUTC()));
  }
}
