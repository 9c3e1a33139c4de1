package org.aftersales.cancellation;

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
 * SnapStart priming of {@code CancellationFunction} (issue 13, {@link ApiPriming}): a cancellation
 * of the sample order ({@code PrimingOrderRepository}: the change is answered, never sent). Writes
 * nothing.
 */
public final class CancellationPriming {

  /** The priming events, {@code priming/<name>.json} beside this class. */
  public static final List<String> EVENTS = List.of("cancel-all-customer");

  private CancellationPriming() {}

  /** The quiet twin of the handler. */
  public static CancellationHandler twin(OrderRepository orders, PolicyBook book, Clock clock) {
    return new CancellationHandler(
        new PrimingOrderRepository(orders, book, clock),
        null,
        book,
        ApiPriming.quietLog(),
        ApiPriming.quietMetrics(),
        clock);
  }

  /** Primes with the function's own clients: before the snapshot, or now when not SnapStart. */
  static void register() {
    String table = ResourceNames.fromEnvironment().tableName();
    Priming.beforeSnapshot(
        () ->
            ApiPriming.run(
                twin(
                    new DynamoDbOrderRepository(AwsClients.shared().dynamoDb(), table),
                    PolicyBook.loadDefault(),
                    Clock.systemUTC()),
                CancellationPriming.class,
                EVENTS));
  }
}
