package org.aftersales.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.cancellation.CancellationHandler;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.refunds.RefundsHandler;
import org.aftersales.shared.events.OutboxStore.ItemRef;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.dynamodb.DynamoDbEmailStates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.testing.CountedCalls;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB round trips per route (docs/benchmarks.md "DynamoDB round trips per route"), counted on
 * the functions' own client by {@link CountedCalls} against the local server: a decision is one
 * read and one conditional write (decision + events + idempotency record), a replay one read; the
 * publisher's cost per item is apart. Writes the table to {@code target/round-trips.md}.
 */
@ExtendWith(LocalAwsServers.class)
class RoundTripsIT {

  static final Instant NOW = Instant.parse("2026-11-03T09:00:00Z");

  private final LocalAws aws;
  private final CountedCalls calls = new CountedCalls();
  private final List<String> rows = new ArrayList<>();
  private LambdaRun.Response last;

  RoundTripsIT(LocalAws aws) {
    this.aws = aws;
  }

  private OrderItemFunction.Ports ports(DynamoDbClient dynamoDb, Instant at) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    LambdaRun run = new LambdaRun(clock, "bench");
    return new OrderItemFunction.Ports(
        new DynamoDbOrderRepository(dynamoDb, aws.tableName()),
        new DynamoDbIdempotencyStore(dynamoDb, aws.tableName()),
        PolicyBook.loadDefault(),
        run.log,
        run.metrics,
        clock);
  }

  private List<String> measure(
      String route,
      com.amazonaws.services.lambda.runtime.RequestStreamHandler handler,
      ObjectNode event,
      int status) {
    calls.take();
    LambdaRun.Response response = LambdaRun.http(handler, event);
    List<String> sent = calls.take();
    last = response;
    assertThat(response.status()).as(route + " " + response.body()).isEqualTo(status);
    rows.add("| " + route + " | " + sent.size() + " | " + String.join(", ", sent) + " |");
    return sent;
  }

  private static ObjectNode event(String function, String name, String orderId) {
    ObjectNode event = LambdaRun.forOrder(LambdaRun.event(function, name), orderId);
    if (event.path("headers").has("idempotency-key")) {
      LambdaRun.withHeader(event, "idempotency-key", orderId + "-" + name);
    }
    return event;
  }

  @Test
  void a_decision_is_one_read_and_one_write_and_a_replay_one_read() throws IOException {
    DynamoDbClient counted = calls.client(aws);
    String orderId = aws.uniqueId("o");
    OrdersHandler orders = new OrdersHandler(ports(counted, NOW));
    CancellationHandler cancellation = new CancellationHandler(ports(counted, NOW));
    measure("`PUT /orders/{orderId}`", orders, event("OrdersFunction", "put-order", orderId), 201);
    measure(
        "`GET /orders/{orderId}`",
        orders,
        event("OrdersFunction", "get-order-customer", orderId),
        200);

    assertThat(
            measure(
                "`POST /orders/{orderId}/changes` (cheaper item, with key)",
                cancellation,
                event("CancellationFunction", "change-cheaper-customer", orderId),
                200))
        .containsExactly("GetItem", "UpdateItem");
    assertThat(
            measure(
                "`POST /orders/{orderId}/cancellation` (with key)",
                cancellation,
                event("CancellationFunction", "cancel-all-customer", orderId),
                200))
        .containsExactly("GetItem", "UpdateItem");
    String refundId = last.body().path("refund").path("refundId").asText();
    assertThat(
            measure(
                "the same cancellation replayed (same key)",
                cancellation,
                event("CancellationFunction", "cancel-all-customer", orderId),
                200))
        .containsExactly("GetItem");

    String dearerOrder = aws.uniqueId("o");
    measure(
        "`PUT /orders/{orderId}` (second order)",
        orders,
        event("OrdersFunction", "put-order", dearerOrder),
        201);
    LambdaRun.Response dearer =
        LambdaRun.http(
            cancellation, event("CancellationFunction", "change-dearer-agent", dearerOrder));
    ObjectNode pay = event("CancellationFunction", "change-payment", dearerOrder);
    LambdaRun.withPathParameter(pay, "changeId", dearer.body().path("changeId").asText());
    assertThat(
            measure("`POST /orders/{orderId}/changes/{changeId}/payment`", cancellation, pay, 200))
        .containsExactly("GetItem", "UpdateItem");

    ObjectNode settle = LambdaRun.event("RefundsFunction", "settle-payment");
    LambdaRun.withPathParameter(settle, "refundId", refundId);
    LambdaRun.withHeader(settle, "idempotency-key", orderId + "-settle");
    {
      assertThat(
              measure(
                  "`POST /refunds/{refundId}/settlement`",
                  new RefundsHandler(ports(counted, NOW.plusSeconds(3600))),
                  settle,
                  200))
          .containsExactly("GetItem", "UpdateItem");
    }

    try (TestBus local = TestBus.start(aws)) {
      EventPublisher publisher =
          new EventPublisher(
              new DynamoDbOutboxStore(counted, aws.tableName()), local.bus(), Clock.systemUTC());
      calls.take();
      int events = publisher.publish(new ItemRef("ORDER#" + orderId, "ORDER")).events();
      List<String> sent = calls.take();
      rows.add(
          "| publisher, one order item with "
              + events
              + " events (apart from the request) | "
              + sent.size()
              + " | "
              + String.join(", ", sent)
              + " (+ 1 `PutEvents`) |");
    }
    OrderEventsHandler history =
        new OrderEventsHandler(
            new DynamoDbOrderRepository(counted, aws.tableName()),
            new DynamoDbOutboxStore(counted, aws.tableName()),
            new DynamoDbEmailStates(counted, aws.tableName()),
            new LambdaRun(Clock.fixed(NOW, ZoneOffset.UTC), "bench").log,
            new LambdaRun(Clock.fixed(NOW, ZoneOffset.UTC), "bench").metrics,
            Clock.fixed(NOW, ZoneOffset.UTC));
    measure(
        "`GET /orders/{orderId}/events`",
        history,
        LambdaRun.forOrder(LambdaRun.event("OrderEventsFunction", "get-events-customer"), orderId),
        200);

    Path out = Path.of("target", "round-trips.md");
    Files.writeString(
        out, "| route | round trips | which |\n|---|---|---|\n" + String.join("\n", rows) + "\n");
    System.err.println(Files.readString(out));
  }
}
