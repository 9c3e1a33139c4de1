package org.aftersales.cancellation;

import java.time.Clock;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiPriming;
import org.aftersales.shared.store.OrderRepository;

/**
 * SnapStart priming of {@code CancellationFunction} (issue 13, {@link ApiPriming}): a cancellation
 * of the sample order ({@code PrimingOrderRepository}: the change is answered, never sent). Writes
 * nothing.
 */
public final class CancellationPriming {

  /** The priming events, {@code priming/<name>.json} beside this class. */
  public static final List<String> EVENTS = List.of("cancel-all-customer");

  private CancellationPriming() {}

  /** The quiet twin of the handler ({@link ApiPriming#orderTwin}). */
  public static ApiFunction twin(OrderRepository orders, PolicyBook book, Clock clock) {
    return ApiPriming.orderTwin(CancellationHandler::new, orders, book, clock);
  }

  /** Primes with the function's own clients: before the snapshot, or now when not SnapStart. */
  static void register() {
    ApiPriming.register(
        CancellationPriming.class,
        EVENTS,
        () -> twin(ApiPriming.orderTable(), PolicyBook.loadDefault(), Clock.systemUTC()));
  }
}
