package org.aftersales.cancellation;

import static org.aftersales.cancellation.TestOrders.L1_UNIT_REFUND;
import static org.aftersales.cancellation.TestOrders.L2_UNIT_REFUND;
import static org.aftersales.cancellation.TestOrders.PAID_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.UnitState;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CancellationHandler} on the sample events of {@code events/CancellationFunction/}, against
 * the local DynamoDB server: the store's cancellation cases (CAN-1..CAN-5, CAN-8), every role and
 * error, and {@code Idempotency-Key}.
 */
@ExtendWith(LocalAwsServers.class)
class CancellationHandlerIT {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");

  /** GEN-5: 5 business days after Thursday 2026-11-26. */
  static final String DUE_BY = "2026-12-03";

  static final LocalDate SHIP_BY_PASSED = LocalDate.parse("2026-11-20");
  static final LocalDate SHIP_BY_AHEAD = LocalDate.parse("2026-11-30");
  static final String FN = "CancellationFunction";

  private final LocalAws aws;
  private TestOrders orders;
  private LambdaRun lambda;
  private CancellationHandler handler;
  private String orderId;

  CancellationHandlerIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    var repository = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    orders = new TestOrders(repository);
    lambda = new LambdaRun(clock, FN);
    handler = handlerOn(repository);
    orderId = aws.uniqueId("o");
  }

  private CancellationHandler handlerOn(OrderRepository repository) {
    return new CancellationHandler(
        new OrderItemFunction.Ports(
            repository,
            new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
            TestOrders.POLICIES,
            lambda.log,
            lambda.metrics,
            Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private LambdaRun.Response call(String name) {
    return call(LambdaRun.event(FN, name));
  }

  private LambdaRun.Response call(ObjectNode event) {
    LambdaRun.forOrder(event, orderId);
    if (event.path("headers").has("idempotency-key")) {
      LambdaRun.withHeader(
          event,
          "idempotency-key",
          orderId + "-" + event.path("headers").path("idempotency-key").asText());
    }
    return lambda.invoke(handler, event);
  }

  @Test
  void unprocessed_order_is_cancelled_with_a_full_refund() {
    orders.register(orderId, SHIP_BY_AHEAD);

    LambdaRun.Response response = call("cancel-all-customer");

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.body();
    assertThat(body.path("orderId").asText()).isEqualTo(orderId);
    assertThat(body.path("cancelled").toString())
        .isEqualTo(
            "[{\"lineId\":\"L1\",\"quantity\":2,\"parcelId\":\"P1\"},{\"lineId\":\"L2\",\"quantity\":1,\"parcelId\":\"P2\"}]");
    JsonNode refund = body.path("refund");
    assertThat(refund.path("amount").path("amount").asLong())
        .as("CAN-5: everything paid")
        .isEqualTo(PAID_TOTAL);
    assertThat(refund.path("source").asText()).isEqualTo("CANCELLATION");
    assertThat(refund.path("status").asText()).isEqualTo("PENDING");
    assertThat(refund.path("dueBy").asText()).as("GEN-5").isEqualTo(DUE_BY);
    assertThat(refund.path("breakdown").path("total").path("amount").asLong())
        .isEqualTo(PAID_TOTAL);
    assertThat(refund.path("breakdown").toString()).contains("CAN-5", "GEN-2", "GEN-3");
    assertThat(body.path("explanation").toString()).contains("CAN-1");

    Order stored = orders.find(orderId);
    assertThat(stored.units().values())
        .extracting(UnitState::status)
        .containsOnly(UnitStatus.CANCELLED);
    assertThat(stored.parcels().values())
        .extracting(p -> p.status())
        .containsOnly(ParcelStatus.CANCELLED);
    assertThat(stored.refunds()).hasSize(1);
    assertThat(stored.refundedTotal().amount()).isEqualTo(PAID_TOTAL);
    assertThat(PublicRefundId.valueOf(stored.refunds().getFirst()))
        .isEqualTo(refund.path("refundId").asText());
  }

  @Test
  void cancelling_again_changes_nothing() {
    orders.register(orderId, SHIP_BY_AHEAD);
    assertThat(call("cancel-agent").status()).isEqualTo(200);

    LambdaRun.Response again = call("cancel-agent");

    assertThat(again.status()).as("CAN-8").isEqualTo(200);
    assertThat(again.body().path("cancelled").size()).isZero();
    assertThat(again.body().path("refund").isNull()).isTrue();
    assertThat(again.body().path("explanation").toString()).contains("CAN-8");
    assertThat(orders.find(orderId).refunds()).hasSize(1);
  }

  @Test
  void the_same_idempotency_key_replays_the_first_answer() {
    orders.register(orderId, SHIP_BY_AHEAD);
    LambdaRun.Response first = call("cancel-all-customer");

    LambdaRun.Response replay = call("cancel-all-customer");

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(orders.find(orderId).refunds()).hasSize(1);

    ObjectNode other =
        LambdaRun.withBody(
            LambdaRun.event(FN, "cancel-all-customer"), Json.object().put("reason", "other"));
    LambdaRun.Response reused = call(other);
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.code()).isEqualTo("idempotency-key-reused");
  }

  @Test
  void processed_before_the_expected_ship_date_is_409_order_already_processed() {
    orders.register(orderId, SHIP_BY_AHEAD);
    orders.fulfil(orderId, "P1", FulfilmentType.PROCESSED, NOW.minusSeconds(3600));
    orders.fulfil(orderId, "P2", FulfilmentType.PROCESSED, NOW.minusSeconds(3600));

    LambdaRun.Response refused = call("cancel-all-customer");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("order-already-processed");
    assertThat(refused.body().path("ruleIds").toString()).contains("CAN-2");
    assertThat(refused.header("content-type")).isEqualTo("application/problem+json");
    Order stored = orders.find(orderId);
    assertThat(stored.units().values())
        .extracting(UnitState::status)
        .containsOnly(UnitStatus.ACTIVE);
    assertThat(stored.refunds()).isEmpty();
  }

  @Test
  void overdue_and_unshipped_is_cancellable_even_if_processed() {
    orders.register(orderId, SHIP_BY_PASSED);
    orders.fulfil(orderId, "P1", FulfilmentType.PROCESSED, NOW.minusSeconds(7 * 86400));
    orders.fulfil(orderId, "P2", FulfilmentType.PROCESSED, NOW.minusSeconds(7 * 86400));

    LambdaRun.Response response = call("cancel-all-customer");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("refund").path("amount").path("amount").asLong())
        .isEqualTo(PAID_TOTAL);
    assertThat(response.body().path("explanation").toString()).contains("CAN-3");
    assertThat(orders.find(orderId).units().values())
        .extracting(UnitState::status)
        .containsOnly(UnitStatus.CANCELLED);
  }

  @Test
  void partial_cancel_of_a_two_parcel_order_where_one_parcel_shipped() {
    orders.register(orderId, SHIP_BY_AHEAD);
    orders.fulfil(orderId, "P1", FulfilmentType.SHIPPED, NOW.minusSeconds(3600));

    LambdaRun.Response response = call("cancel-all-customer");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("cancelled").toString())
        .isEqualTo("[{\"lineId\":\"L2\",\"quantity\":1,\"parcelId\":\"P2\"}]");
    assertThat(response.body().path("refund").path("amount").path("amount").asLong())
        .as("CAN-5: paid price + delivery share of L2's unit")
        .isEqualTo(L2_UNIT_REFUND);
    Order stored = orders.find(orderId);
    assertThat(stored.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.ACTIVE);
    assertThat(stored.statusOf(new UnitRef("L2", 0))).isEqualTo(UnitStatus.CANCELLED);
    assertThat(stored.parcel("P1").status()).isEqualTo(ParcelStatus.SHIPPED);
    assertThat(stored.parcel("P2").status()).isEqualTo(ParcelStatus.CANCELLED);

    ObjectNode shippedLine =
        LambdaRun.withBody(
            LambdaRun.event(FN, "cancel-partial-customer"),
            Json.MAPPER.valueToTree(
                java.util.Map.of(
                    "lines", List.of(java.util.Map.of("lineId", "L1", "quantity", 1)))));
    ((ObjectNode) shippedLine.get("headers")).remove("idempotency-key");
    LambdaRun.Response refused = call(shippedLine);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("nothing-to-cancel");
    assertThat(refused.body().path("ruleIds").toString()).contains("CAN-4");
    assertThat(orders.find(orderId).refunds()).hasSize(1);
  }

  @Test
  void partial_cancel_by_line_cancels_that_many_units() {
    orders.register(orderId, SHIP_BY_AHEAD);

    LambdaRun.Response response = call("cancel-partial-customer");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("cancelled").toString())
        .isEqualTo("[{\"lineId\":\"L1\",\"quantity\":1,\"parcelId\":\"P1\"}]");
    assertThat(response.body().path("refund").path("amount").path("amount").asLong())
        .isEqualTo(L1_UNIT_REFUND);
    Order stored = orders.find(orderId);
    assertThat(stored.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.CANCELLED);
    assertThat(stored.statusOf(new UnitRef("L1", 1))).isEqualTo(UnitStatus.ACTIVE);
    assertThat(stored.parcel("P1").status()).as("one unit still in it").isEqualTo(ParcelStatus.NEW);

    LambdaRun.Response rest = call("cancel-agent");
    assertThat(rest.body().path("refund").path("amount").path("amount").asLong())
        .as("CAN-5: the rest of what was paid")
        .isEqualTo(PAID_TOTAL - L1_UNIT_REFUND);
    assertThat(orders.find(orderId).refundedTotal().amount()).isEqualTo(PAID_TOTAL);
  }

  @Test
  void another_customers_order_is_not_found_like_a_missing_one() {
    LambdaRun.Response missing = call("cancel-other-customer");
    orders.register(orderId, SHIP_BY_AHEAD);

    LambdaRun.Response other = call("cancel-other-customer");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.body().path("detail")).isEqualTo(missing.body().path("detail"));
    assertThat(orders.find(orderId).refunds()).isEmpty();
  }

  @Test
  void an_order_that_keeps_changing_under_every_attempt_is_503_order_busy_with_retry_after() {
    orders.register(orderId, SHIP_BY_AHEAD);
    var rivals =
        new CountingOrderRepository(
            new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()), Set.of());
    rivals.rivalWritesFirst = true;
    handler = handlerOn(rivals);

    LambdaRun.Response busy = call("cancel-all-customer");

    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.header("retry-after")).isEqualTo("1");
    assertThat(busy.body().path("code").asText()).isEqualTo("order-busy");
    assertThat(rivals.staleWrites.get()).isEqualTo(rivals.writes.get()).isGreaterThan(1);
    assertThat(orders.find(orderId).refunds()).as("nothing of the cancellation written").isEmpty();
  }

  @Test
  void needs_a_token_and_the_owner_or_an_agent() {
    orders.register(orderId, SHIP_BY_AHEAD);

    assertThat(call("cancel-no-token").status()).isEqualTo(401);
    assertThat(call("cancel-service-forbidden").status()).isEqualTo(403);
    assertThat(orders.find(orderId).refunds()).isEmpty();
  }

  @Test
  void bad_input_is_400_with_every_field() {
    orders.register(orderId, SHIP_BY_AHEAD);

    LambdaRun.Response bad = call("cancel-invalid");

    assertThat(bad.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "reason",
            "lines[0].lineId",
            "lines[0].quantity",
            "lines[1].lineId",
            "lines[1].quantity");
  }

  @Test
  void a_line_the_order_does_not_have_is_refused() {
    orders.register(orderId, SHIP_BY_AHEAD);
    ObjectNode event =
        LambdaRun.withBody(
            LambdaRun.event(FN, "cancel-agent"),
            Json.MAPPER.valueToTree(
                java.util.Map.of(
                    "lines", List.of(java.util.Map.of("lineId", "L9", "quantity", 1)))));

    LambdaRun.Response refused = call(event);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("invalid-request");
    assertThat(refused.body().path("detail").asText()).contains("L9");
    assertThat(orders.find(orderId).refunds()).isEmpty();
  }
}
