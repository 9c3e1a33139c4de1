package org.aftersales.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.OutboxStore.ItemRef;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.testing.CountedCalls;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MSG-1/MSG-2 on the cancellation route against the local DynamoDB server: a cancellation records
 * its events in the one conditional write of its decision, together with the request's {@code
 * Idempotency-Key} record (a read and a write), a replay records nothing more, a refusal no event.
 */
@ExtendWith(LocalAwsServers.class)
class CancellationEventsIT {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");
  static final LocalDate SHIP_BY_AHEAD = LocalDate.parse("2026-11-30");
  static final String FN = "CancellationFunction";

  private final LocalAws aws;
  private final CountedCalls calls = new CountedCalls();
  private TestOrders orders;
  private OutboxStore outbox;
  private LambdaRun lambda;
  private CancellationHandler handler;
  private String orderId;

  CancellationEventsIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    orders = new TestOrders(new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()));
    outbox = new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName());
    lambda = new LambdaRun(clock, FN);
    var counted = calls.client(aws);
    handler =
        new CancellationHandler(
            new OrderItemFunction.Ports(
                new DynamoDbOrderRepository(counted, aws.tableName()),
                new DynamoDbIdempotencyStore(counted, aws.tableName()),
                TestOrders.POLICIES,
                lambda.log,
                lambda.metrics,
                clock));
    orderId = aws.uniqueId("o");
  }

  private LambdaRun.Response call(String name, String key) {
    var event = LambdaRun.forOrder(LambdaRun.event(FN, name), orderId);
    LambdaRun.withHeader(event, "idempotency-key", orderId + "-" + key);
    return lambda.invoke(handler, event);
  }

  private List<PendingEvent> pending() {
    return outbox
        .read(new ItemRef("ORDER#" + orderId, "ORDER"))
        .map(OutboxStore.OutboxItem::events)
        .orElseThrow();
  }

  @Test
  void MSG_2_a_cancellation_records_its_events_and_its_key_in_its_one_write() throws Exception {
    orders.register(orderId, SHIP_BY_AHEAD);
    calls.take();

    LambdaRun.Response response = call("cancel-all-customer", "k1");

    assertThat(response.status()).isEqualTo(200);
    assertThat(calls.take())
        .as("read the order, one conditional write: decision + events + idempotency record")
        .containsExactly("GetItem", "UpdateItem");
    List<PendingEvent> events = pending();
    assertThat(events)
        .extracting(PendingEvent::type)
        .as("MSG-1: the cancellation, then the refund it granted")
        .containsExactly("OrderUnitsCancelled", "RefundGranted");
    JsonNode cancelled = Json.MAPPER.readTree(events.get(0).json());
    assertThat(cancelled.path("orderId").asText()).isEqualTo(orderId);
    assertThat(cancelled.path("customerId").asText()).isEqualTo("c-1");
    assertThat(cancelled.path("subject").path("kind").asText()).isEqualTo("CANCELLATION");
    assertThat(cancelled.path("data").path("cancelledBy").asText()).isEqualTo("CUSTOMER");
    assertThat(cancelled.path("data").path("refund")).isEqualTo(response.body().path("refund"));
    assertThat(cancelled.path("ruleIds").toString()).contains("CAN-1");
    assertThat(cancelled.path("explanation")).isEqualTo(response.body().path("explanation"));
    JsonNode granted = Json.MAPPER.readTree(events.get(1).json());
    assertThat(granted.path("subject").path("id").asText())
        .isEqualTo(response.body().path("refund").path("refundId").asText());
    assertThat(granted.path("ruleIds").toString()).contains("GEN-5");
  }

  @Test
  void MSG_2_a_cancellation_replayed_three_times_records_one_event() throws Exception {
    orders.register(orderId, SHIP_BY_AHEAD);
    LambdaRun.Response first = call("cancel-all-customer", "k1");
    List<PendingEvent> recorded = pending();
    calls.take();

    for (int i = 0; i < 3; i++) {
      LambdaRun.Response replay = call("cancel-all-customer", "k1");
      assertThat(replay.status()).isEqualTo(200);
      assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
      assertThat(replay.body()).isEqualTo(first.body());
    }

    assertThat(calls.take())
        .as("a replay is answered from the order read")
        .containsExactly("GetItem", "GetItem", "GetItem");
    assertThat(pending()).isEqualTo(recorded);
    assertThat(recorded).extracting(PendingEvent::type).containsOnlyOnce("OrderUnitsCancelled");
  }

  @Test
  void MSG_2_a_refused_cancellation_records_no_event_and_its_key_answers_the_refusal_again()
      throws Exception {
    orders.register(orderId, SHIP_BY_AHEAD);
    orders.fulfil(orderId, "P1", FulfilmentType.PROCESSED, NOW.minusSeconds(3600));
    orders.fulfil(orderId, "P2", FulfilmentType.PROCESSED, NOW.minusSeconds(3600));

    LambdaRun.Response refused = call("cancel-all-customer", "k1");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(pending()).as("MSG-2: no event for a refusal").isEmpty();

    LambdaRun.Response again = call("cancel-all-customer", "k1");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("idempotent-replayed")).isEqualTo("true");
    assertThat(pending()).isEmpty();
  }

  @Test
  void MSG_1_an_agents_cancellation_says_so() throws Exception {
    orders.register(orderId, SHIP_BY_AHEAD);

    assertThat(call("cancel-agent", "k1").status()).isEqualTo(200);

    JsonNode cancelled = Json.MAPPER.readTree(pending().getFirst().json());
    assertThat(cancelled.path("data").path("cancelledBy").asText()).isEqualTo("AGENT");
  }

  @Test
  void MSG_2_the_same_cause_names_the_same_event() throws Exception {
    orders.register(orderId, SHIP_BY_AHEAD);
    call("cancel-all-customer", "k1");
    List<PendingEvent> first = pending();

    assertThat(first).extracting(PendingEvent::eventId).doesNotHaveDuplicates();
    assertThat(first.getFirst().eventId())
        .isEqualTo(
            org.aftersales.shared.events.Event.idOf(
                "OrderUnitsCancelled",
                "CANCELLATION",
                Json.MAPPER.readTree(first.getFirst().json()).path("subject").path("id").asText()));
  }
}
