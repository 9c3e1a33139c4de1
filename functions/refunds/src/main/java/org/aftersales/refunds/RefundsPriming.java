package org.aftersales.refunds;

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
 * SnapStart priming of {@code RefundsFunction} (issue 13, {@link ApiPriming}): the ledger and a
 * cancellation quote of the sample order ({@code PrimingOrderRepository}), and the pending-refunds
 * page (an index query). Writes nothing.
 */
public final class RefundsPriming {

  /** The priming events, {@code priming/<name>.json} beside this class. */
  public static final List<String> EVENTS =
      List.of("ledger-customer", "quote-cancellation-customer", "pending-payment");

  private RefundsPriming() {}

  /** The quiet twin of the handler. */
  public static RefundsHandler twin(OrderRepository orders, PolicyBook book, Clock clock) {
    return new RefundsHandler(
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
                RefundsPriming.class,
                EVENTS));
  }
}
