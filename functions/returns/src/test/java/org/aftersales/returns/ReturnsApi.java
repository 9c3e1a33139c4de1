package org.aftersales.returns;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.evidence.EvidenceStore;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbEmailStates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LambdaRun.Response;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.TestOrders;

/**
 * The returns function wired to the local servers, invoked through the shared {@link LambdaRun}
 * harness with the event samples of {@code events/ReturnsFunction/} (re-targeted at each test's own
 * order and return); every response is checked against openapi.yaml.
 */
final class ReturnsApi {

  /** The fixtures' request time. */
  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");

  static final Instant DELIVERED_AT = Instant.parse("2026-11-10T09:00:00Z");
  static final PolicyBook POLICIES = PolicyBook.loadDefault();

  /** A clock tests can move (RET-9 expiry). */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final LocalAws aws;
  final OrderRepository orders;
  final ReturnRepository returns;
  final MovableClock clock = new MovableClock(NOW);
  private final LambdaRun run = new LambdaRun();

  private final UnaryOperator<OrderRepository> ordersSeenByHandlers;

  ReturnsApi(LocalAws aws) {
    this(aws, UnaryOperator.identity());
  }

  /** Handlers see the orders through {@code ordersSeenByHandlers} (a crash simulation). */
  ReturnsApi(LocalAws aws, UnaryOperator<OrderRepository> ordersSeenByHandlers) {
    this.aws = aws;
    this.orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    this.returns = new DynamoDbReturnRepository(aws.dynamoDb(), aws.tableName());
    this.ordersSeenByHandlers = ordersSeenByHandlers;
  }

  /** A new handler instance (one per simulated Lambda container; they are not thread-safe). */
  ReturnsHandler handler() {
    return handler(aws.dynamoDb(), ordersSeenByHandlers.apply(orders), evidence());
  }

  /** A handler whose DynamoDB calls all go through {@code client} (e.g. to count round trips). */
  ReturnsHandler handler(software.amazon.awssdk.services.dynamodb.DynamoDbClient client) {
    return handler(client, new DynamoDbOrderRepository(client, aws.tableName()), evidence());
  }

  /** A handler that keeps withdrawal records' copies in {@code evidence} (a failing bucket). */
  ReturnsHandler handler(EvidenceStore evidence) {
    return handler(aws.dynamoDb(), ordersSeenByHandlers.apply(orders), evidence);
  }

  private ReturnsHandler handler(
      software.amazon.awssdk.services.dynamodb.DynamoDbClient client,
      OrderRepository orders,
      EvidenceStore evidence) {
    return new ReturnsHandler(
        new ReturnsHandler.Ports(
            orders,
            client == aws.dynamoDb()
                ? returns
                : new DynamoDbReturnRepository(client, aws.tableName()),
            new DynamoDbEmailStates(client, aws.tableName()),
            () -> evidence,
            new DynamoDbIdempotencyStore(client, aws.tableName()),
            POLICIES,
            run.log(clock, "ReturnsFunction"),
            run.metrics(clock),
            clock));
  }

  /** The S3 clients of the per-JVM local servers, built once (handlers are built per request). */
  private static S3Clients s3;

  /** The evidence bucket of the local S3 server (withdrawal records' copies, LAW-3). */
  synchronized EvidenceStore evidence() {
    if (s3 == null) {
      s3 = S3Clients.create(aws.clients().settings());
    }
    return s3.evidenceStore(aws.bucketName());
  }

  /** The withdrawal record's copy in the evidence bucket (LAW-3), or empty when there is none. */
  java.util.Optional<byte[]> recordCopy(String withdrawalId) {
    evidence();
    try {
      return java.util.Optional.of(
          s3.s3()
              .getObjectAsBytes(
                  get ->
                      get.bucket(aws.bucketName())
                          .key(
                              org.aftersales.shared.evidence.EvidenceKey.withdrawalRecord(
                                  withdrawalId)))
              .asByteArray());
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return java.util.Optional.empty();
    }
  }

  Response invoke(ObjectNode event) {
    return invoke(handler(), event);
  }

  /** Runs a request that dies midway: its 500 is not checked against the contract. */
  Response crashing(ObjectNode event) {
    return LambdaRun.withoutContract().invoke(handler(), event);
  }

  /** Runs the handler on the event; the response is checked against openapi.yaml. */
  static Response invoke(ReturnsHandler handler, ObjectNode event) {
    return LambdaRun.http(handler, event);
  }

  /**
   * The HDMI example order (openapi.yaml) of customer c-1, both parcels delivered on 2026-11-10.
   */
  String deliveredOrder(String... parcels) {
    String orderId = aws.uniqueId("o");
    if (!orders.create(Order.register(TestOrders.hdmiSwitches(orderId, "c-1"), "2026-06"))) {
      throw new IllegalStateException("order " + orderId + " exists");
    }
    for (String parcel : parcels.length == 0 ? new String[] {"P1", "P2"} : parcels) {
      Order current = orders.find(orderId).orElseThrow();
      orders.replace(
          current
              .recordFulfilment(
                  parcel,
                  new FulfilmentEvent(FulfilmentType.DELIVERED, DELIVERED_AT, "TRK-" + parcel))
              .value()
              .order());
    }
    return orderId;
  }

  Order order(String orderId) {
    return orders.find(orderId).orElseThrow();
  }

  /** The one return of the order (a test that made one). */
  org.aftersales.shared.store.StoredReturn onlyReturn(String orderId) {
    List<org.aftersales.shared.store.StoredReturn> all = returns.byOrder(orderId);
    if (all.size() != 1) {
      throw new AssertionError("order " + orderId + " has " + all.size() + " returns, not one");
    }
    return all.getFirst();
  }

  /** The events waiting in the order item's outbox (MSG-2: recorded with their decisions). */
  List<PendingEvent> pending(String orderId) {
    return pendingOn(new OutboxStore.ItemRef("ORDER#" + orderId, "ORDER"));
  }

  /** The events waiting in the outbox of {@code item}. */
  List<PendingEvent> pendingOn(OutboxStore.ItemRef item) {
    return new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName())
        .read(item)
        .map(OutboxStore.OutboxItem::events)
        .orElse(List.of());
  }

  /** The pending events of {@code type} on the order, as published JSON. */
  List<JsonNode> pending(String orderId, String type) {
    return pending(orderId).stream()
        .filter(e -> e.type().equals(type))
        .map(
            e -> {
              try {
                return Json.MAPPER.readTree(e.json());
              } catch (IOException bad) {
                throw new UncheckedIOException(bad);
              }
            })
        .toList();
  }

  // ---- event samples --------------------------------------------------------------------------

  static ObjectNode event(String name) {
    return LambdaRun.event("ReturnsFunction", name);
  }

  /** A sample about order {@code o-1001} pointed at {@code orderId}. */
  static ObjectNode forOrder(ObjectNode event, String orderId) {
    return LambdaRun.withPathParameter(event, "orderId", orderId);
  }

  /** A sample about return {@code ret-3f9c…} pointed at {@code returnId}. */
  static ObjectNode forReturn(ObjectNode event, String returnId) {
    return LambdaRun.withPathParameter(event, "returnId", returnId);
  }

  static ObjectNode withBody(ObjectNode event, String body) {
    LambdaRun.withBody(event, body);
    return LambdaRun.withHeader(
        event, "content-length", Integer.toString(body.getBytes(UTF_8).length));
  }

  static ObjectNode withKey(ObjectNode event, String key) {
    return key == null
        ? LambdaRun.withoutHeader(event, "idempotency-key")
        : LambdaRun.withHeader(event, "idempotency-key", key);
  }

  static Caller callerOf(ObjectNode event) {
    return ApiGatewayV2Request.fromEvent(event).caller();
  }
}
