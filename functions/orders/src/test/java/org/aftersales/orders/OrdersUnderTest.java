package org.aftersales.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    OrderRepository orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    LambdaRun lambda = new LambdaRun(clock, FN);
    OrdersHandler handler =
        new OrdersHandler(
            new OrderItemFunction.Ports(
                orders,
                new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
                PolicyBook.loadDefault(),
                lambda.log,
                lambda.metrics,
                clock));
    return new OrdersUnderTest(orders, lambda, handler);
  }
}
