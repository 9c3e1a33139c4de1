package org.aftersales.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;

/** An {@link OrdersHandler} on the local DynamoDB server at a fixed clock, for the handler ITs. */
record OrdersUnderTest(OrderRepository orders, LambdaRun lambda, OrdersHandler handler) {

  static final String FN = "OrdersFunction";

  static OrdersUnderTest at(LocalAws aws, Instant now) {
    return at(aws, now, UnaryOperator.identity());
  }

  /** The handler works on {@code around} the repository (a crashing one, say). */
  static OrdersUnderTest at(LocalAws aws, Instant now, UnaryOperator<OrderRepository> around) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    OrderRepository orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    LambdaRun lambda = new LambdaRun(clock, FN);
    OrdersHandler handler =
        new OrdersHandler(
            new OrderItemFunction.Ports(
                around.apply(orders),
                new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
                PolicyBook.loadDefault(),
                lambda.log,
                lambda.metrics,
                clock));
    return new OrdersUnderTest(orders, lambda, handler);
  }
}
