package org.aftersales.orders;

import java.time.Clock;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.priming.Priming;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.ResourceNames;
import org.aftersales.shared.http.ApiPriming;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.PrimingOrderRepository;

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

  /** The quiet twin of the handler over {@code orders}. */
  public static OrdersHandler twin(OrderRepository orders, PolicyBook book, Clock clock) {
    return new OrdersHandler(
        new PrimingOrderRepository(orders, book, clock),
        null,
        book,
        ApiPriming.quietLog(),
        ApiPriming.quietMetrics(),
        clock);
  }

  /** Primes with the function's own clients: before the snapshot, or now when not SnapStart. */
  static void register() {
    Priming.beforeSnapshot(
        () ->
            ApiPriming.run(
                twin(
                    new DynamoDbOrderRepository(
                        AwsClients.shared().dynamoDb(),
                        ResourceNames.fromEnvironment().tableName()),
                    PolicyBook.loadDefault(),
                    Clock.systemUTC()),
                OrdersPriming.class,
                EVENTS));
  }
}
