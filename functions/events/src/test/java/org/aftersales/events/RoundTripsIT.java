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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB round trips per route (docs/benchmarks.md "DynamoDB round trips per route"), counted on
 * the functions' own client by {@link CountedCalls} against the local server: a decision is one
 * read and one conditional write (decision + events + idempotency record), a replay one read; the
 * publisher's cost per item is apart; a return decision announces in the writes it makes anyway.
 * Writes the table to {@code target/round-trips.md}.
 */
@ExtendWith(LocalAwsServers.class)
class RoundTripsIT {

  static final Instant NOW = Instant.parse("2026-11-03T09:00:00Z");

  private final LocalAws aws;
  private final CountedCalls calls = new CountedCalls();

  /** The rows of every test, written to {@code target/round-trips.md} after the last one. */
  private static final List<String> ROWS = new ArrayList<>();

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
    ROWS.add("| " + route + " | " + sent.size() + " | " + String.join(", ", sent) + " |");
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
    assertThat(
            measure(
                "`GET /orders/{orderId}` with a change past its `payBy` (CHG-3: shown LAPSED,"
                    + " stored by the schedule)",
                new OrdersHandler(ports(counted, NOW.plusSeconds(25 * 3600))),
                event("OrdersFunction", "get-order-customer", dearerOrder),
                200))
        .as("a GET never writes")
        .containsExactly("GetItem");
    assertThat(last.body().path("changes").get(0).path("status").asText()).isEqualTo("LAPSED");
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
      ROWS.add(
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
            new OrderEventsHandler.Ports(
                new DynamoDbOrderRepository(counted, aws.tableName()),
                new DynamoDbOutboxStore(counted, aws.tableName()),
                new DynamoDbEmailStates(counted, aws.tableName()),
                new LambdaRun(Clock.fixed(NOW, ZoneOffset.UTC), "bench").log,
                new LambdaRun(Clock.fixed(NOW, ZoneOffset.UTC), "bench").metrics,
                Clock.fixed(NOW, ZoneOffset.UTC)));
    measure(
        "`GET /orders/{orderId}/events`",
        history,
        LambdaRun.forOrder(LambdaRun.event("OrderEventsFunction", "get-events-customer"), orderId),
        200);
  }

  @AfterAll
  static void writeRows() throws IOException {
    Path out = Path.of("target", "round-trips.md");
    Files.writeString(
        out, "| route | round trips | which |\n|---|---|---|\n" + String.join("\n", ROWS) + "\n");
    System.err.println(Files.readString(out));
  }

  /** When the return requests are made: the order's parcels were delivered on 6 Nov. */
  static final Instant RETURN_AT = Instant.parse("2026-11-10T10:00:00Z");

  /** A delivered order (both parcels, 6 Nov), made with the uncounted client. */
  private String deliveredOrder() {
    String orderId = aws.uniqueId("o");
    OrdersHandler orders = new OrdersHandler(ports(aws.dynamoDb(), NOW));
    assertThat(LambdaRun.http(orders, event("OrdersFunction", "put-order", orderId)).status())
        .isEqualTo(201);
    for (String parcel : List.of("P1", "P2")) {
      ObjectNode delivered = event("OrdersFunction", "parcel-delivered-service", orderId);
      LambdaRun.withPathParameter(delivered, "parcelId", parcel);
      assertThat(LambdaRun.http(orders, delivered).status()).isEqualTo(200);
    }
    return orderId;
  }

  /** A ReturnsFunction sample about {@code returnId} (or the sample's order when null). */
  private static ObjectNode returnEvent(String name, String orderId, String returnId) {
    ObjectNode event = LambdaRun.event("ReturnsFunction", name);
    LambdaRun.withPathParameter(
        event, returnId == null ? "orderId" : "returnId", returnId == null ? orderId : returnId);
    if (event.path("headers").has("idempotency-key")) {
      LambdaRun.withHeader(event, "idempotency-key", orderId + "-" + name);
    }
    return event;
  }

  /**
   * The returns routes (MSG-1: each decision's event rides on the order write it already made): a
   * return is written, then its units taken on the order; a receipt writes the return, then the
   * order (refund, or the units let go); a read only reads, also of a return past its send-by date
   * (shown EXPIRED, recorded by the sweep or the next POST).
   */
  static final PolicyBook BOOK = PolicyBook.loadDefault();

  /** The counting client the returns handler measured uses. */
  private DynamoDbClient returnsClient;

  /**
   * {@link #measure} of a ReturnsFunction request decided at {@code at}: it answers {@code status}
   * after exactly the {@code expected} calls.
   */
  private void measureReturns(
      String route, Instant at, ObjectNode event, int status, String... expected) {
    assertThat(measure(route, TestReturns.handler(aws, returnsClient, BOOK, at), event, status))
        .as(route)
        .containsExactly(expected);
  }

  @Test
  void a_return_decision_announces_in_the_writes_it_makes_anyway() {
    returnsClient = calls.client(aws);
    String orderId = deliveredOrder();

    // key claimed, order, earlier return, return, units + event, return again, answer
    measureReturns(
        "`POST /orders/{orderId}/returns` (with key)",
        RETURN_AT,
        returnEvent("authorize-customer", orderId, null),
        201,
        "PutItem",
        "GetItem",
        "GetItem",
        "PutItem",
        "UpdateItem",
        "GetItem",
        "UpdateItem");
    String returnId = last.body().path("returnId").asText();
    measureReturns(
        "the same return request replayed (same key)",
        RETURN_AT,
        returnEvent("authorize-customer", orderId, null),
        201,
        "PutItem",
        "GetItem");
    measureReturns(
        "`GET /returns/{returnId}` (nothing to finish)",
        RETURN_AT,
        returnEvent("get-customer", orderId, returnId),
        200,
        "GetItem",
        "GetItem");
    measureReturns(
        "`POST /returns/{returnId}/receipt` (refunded)",
        RETURN_AT.plusSeconds(86_400),
        returnEvent("receipt-warehouse", orderId, returnId),
        200,
        "PutItem",
        "GetItem",
        "GetItem",
        "UpdateItem",
        "GetItem",
        "UpdateItem",
        "UpdateItem",
        "GetItem",
        "UpdateItem");

    ObjectNode second = returnEvent("authorize-customer", orderId, null);
    LambdaRun.withHeader(second, "idempotency-key", orderId + "-second");
    LambdaRun.Response authorised =
        LambdaRun.http(TestReturns.handler(aws, aws.dynamoDb(), BOOK, RETURN_AT), second);
    assertThat(authorised.status()).as(authorised.body().toString()).isEqualTo(201);
    String overdue = authorised.body().path("returnId").asText();
    measureReturns(
        "`GET /returns/{returnId}` (past its send-by date: shown EXPIRED, nothing written)",
        Instant.parse("2026-11-26T09:00:00Z"),
        returnEvent("get-customer", orderId, overdue),
        200,
        "GetItem",
        "GetItem");

    String refusedOrder = deliveredOrder();
    LambdaRun.Response toRefuse =
        LambdaRun.http(
            TestReturns.handler(aws, aws.dynamoDb(), BOOK, RETURN_AT),
            returnEvent("authorize-customer", refusedOrder, null));
    measureReturns(
        "`POST /returns/{returnId}/receipt` (refused on inspection, RET-6)",
        RETURN_AT.plusSeconds(86_400),
        returnEvent(
            "receipt-warehouse-not-mint", refusedOrder, toRefuse.body().path("returnId").asText()),
        200,
        "GetItem",
        "GetItem",
        "UpdateItem",
        "GetItem",
        "UpdateItem",
        "GetItem",
        "UpdateItem");
  }
}
