package org.aftersales.returns;

import java.time.Clock;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.Production;
import org.aftersales.shared.http.ApiPriming;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.dynamodb.PrimingOrderRepository;

/**
 * SnapStart priming of {@code ReturnsFunction} (cold start, {@link ApiPriming}): a GET of a return
 * and an authorisation on an order that do not exist. Writes nothing.
 */
public final class ReturnsPriming {

  /** The priming events, {@code priming/<name>.json} beside this class. */
  public static final List<String> EVENTS = List.of("get-customer", "authorize-customer");

  private ReturnsPriming() {}

  /** The quiet twin of the handler. */
  public static ReturnsHandler twin(
      OrderRepository orders, ReturnRepository returns, PolicyBook book, Clock clock) {
    return new ReturnsHandler(
        new ReturnsHandler.Ports(
            new PrimingOrderRepository(orders, book, clock),
            returns,
            null, // no priming event reads or writes a withdrawal
            null,
            null,
            book,
            ApiPriming.quietLog(),
            ApiPriming.quietMetrics(),
            clock));
  }

  /** Primes with the function's own clients: before the snapshot, or now when not SnapStart. */
  static void register() {
    ApiPriming.register(
        ReturnsPriming.class,
        EVENTS,
        () ->
            twin(
                Production.orders(),
                Production.returns(),
                PolicyBook.loadDefault(),
                Clock.systemUTC()));
  }
}
