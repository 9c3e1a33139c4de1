package org.aftersales.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.decision.ChangePolicy.ChangeRequest;
import org.aftersales.policy.decision.ChangePolicy.UnitRequest;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.testing.CrashingOrders;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link OrdersHandler} on the sample events of {@code events/OrdersFunction/}, against the local
 * DynamoDB server: every route, role and error.
 */
@ExtendWith(LocalAwsServers.class)
class OrdersHandlerIT {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");
  static final String FN = "OrdersFunction";

  private final LocalAws aws;
  private OrderRepository orders;
  private LambdaRun lambda;
  private OrdersHandler handler;
  private String orderId;

  OrdersHandlerIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    OrdersUnderTest under = OrdersUnderTest.at(aws, NOW);
    orders = under.orders();
    lambda = under.lambda();
    handler = under.handler();
    orderId = aws.uniqueId("o");
  }

  private LambdaRun.Response call(String name) {
    return lambda.invoke(handler, LambdaRun.forOrder(LambdaRun.event(FN, name), orderId));
  }

  private LambdaRun.Response call(ObjectNode event) {
    return lambda.invoke(handler, LambdaRun.forOrder(event, orderId));
  }

  private void register() {
    assertThat(call("put-order").status()).isEqualTo(201);
  }

  @Test
  void registers_an_order_judged_by_the_policy_in_force_when_placed() {
    LambdaRun.Response created = call("put-order");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("x-request-id")).isNotBlank();
    assertThat(created.body().path("orderId").asText()).isEqualTo(orderId);
    assertThat(created.body().path("policyVersion").asText())
        .as("GEN-7: placed 2026-11-02")
        .isEqualTo("2026-06");
    assertThat(created.body().path("paidTotal").path("amount").asLong()).isEqualTo(6996);
    assertThat(created.body().path("refundedTotal").path("amount").asLong()).isZero();
    Order stored = orders.find(orderId).orElseThrow();
    assertThat(stored.spec().customerId()).isEqualTo("c-1");
    assertThat(stored.parcels()).containsOnlyKeys("P1", "P2");
    assertThat(stored.policyVersion()).isEqualTo("2026-06");
  }

  @Test
  void the_same_body_again_is_200_and_a_different_body_is_409() {
    register();

    assertThat(call("put-order").status()).isEqualTo(200);

    ObjectNode event = LambdaRun.event(FN, "put-order");
    ObjectNode body = (ObjectNode) LambdaRun.body(event);
    body.put("expectedShipBy", "2026-11-06");
    LambdaRun.Response conflict = call(LambdaRun.withBody(event, body));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.code()).isEqualTo("order-exists");
    assertThat(conflict.header("content-type")).isEqualTo("application/problem+json");
    assertThat(orders.find(orderId).orElseThrow().spec().expectedShipBy())
        .hasToString("2026-11-05");
  }

  @Test
  void an_invalid_order_is_400_with_every_bad_field() {
    LambdaRun.Response bad = call("put-order-invalid");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(fields(bad))
        .contains(
            "customerId",
            "currency",
            "placedAt",
            "expectedShipBy",
            "lines[0].quantity",
            "lines[0].unitPrice",
            "paidTotal",
            "parcels");
    assertThat(orders.find(orderId)).isEmpty();
  }

  @Test
  void paid_total_must_add_up_and_every_unit_must_be_in_a_parcel() {
    ObjectNode event = LambdaRun.event(FN, "put-order");
    ObjectNode body = (ObjectNode) LambdaRun.body(event);
    body.put("paidTotal", 6995);
    ((ObjectNode) body.path("parcels").get(0).path("lines").get(0)).put("quantity", 1);

    LambdaRun.Response bad = call(LambdaRun.withBody(event, body));

    assertThat(bad.status()).isEqualTo(400);
    assertThat(fields(bad)).contains("paidTotal", "lines[0].quantity");
    assertThat(bad.body().toString()).contains("GEN-2");
  }

  @Test
  void only_the_storefront_service_registers_orders() {
    assertThat(call("put-order-customer-forbidden").status()).isEqualTo(403);
    assertThat(call("put-order-no-token").status()).isEqualTo(401);
    assertThat(orders.find(orderId)).isEmpty();
  }

  @Test
  void fulfilment_moves_forward_only_and_delivery_opens_the_windows() {
    register();

    LambdaRun.Response processed = call("parcel-processed-warehouse");
    assertThat(processed.status()).isEqualTo(200);
    assertThat(processed.body().path("status").asText()).isEqualTo("PROCESSED");

    LambdaRun.Response shipped = call("parcel-shipped-warehouse");
    assertThat(shipped.body().path("status").asText()).isEqualTo("SHIPPED");
    assertThat(shipped.body().path("trackingNumber").asText())
        .isEqualTo("DHL-00340434161094042557");

    LambdaRun.Response late = call("parcel-processed-warehouse");
    assertThat(late.status()).as("a late PROCESSED changes nothing").isEqualTo(200);
    assertThat(late.body().path("status").asText()).isEqualTo("SHIPPED");

    LambdaRun.Response delivered = call("parcel-delivered-service");
    assertThat(delivered.status()).isEqualTo(200);
    assertThat(delivered.body().path("deliveredAt").asText()).isEqualTo("2026-11-06T11:05:00Z");
    assertThat(orders.find(orderId).orElseThrow().parcel("P1").status())
        .isEqualTo(ParcelStatus.DELIVERED);

    JsonNode p1 = group(call("get-order-customer").body(), "L1", "P1");
    assertThat(p1.path("actions").path("cancel").path("allowed").asBoolean()).isFalse();
    JsonNode ret = p1.path("actions").path("return");
    assertThat(ret.path("allowed").asBoolean()).as("RET-1: 60 days after 2026-11-06").isTrue();
    assertThat(ret.path("until").asText()).isEqualTo("2027-01-05");
    assertThat(ret.path("ruleIds").toString()).contains("RET-1");
    JsonNode claim = p1.path("actions").path("claim");
    assertThat(claim.path("allowed").asBoolean())
        .as("WAR-1: after the DOA window ended on 2026-11-20, the 24 month warranty")
        .isTrue();
    assertThat(claim.path("coverage").asText()).isEqualTo("WARRANTY");
    assertThat(claim.path("until").asText()).isEqualTo("2028-11-06");
    assertThat(claim.path("ruleIds").toString()).isEqualTo("[\"WAR-1\"]");
  }

  @Test
  void a_parcel_event_under_an_idempotency_key_is_replayed_and_one_that_failed_can_be_retried() {
    register();
    CrashingOrders crash = new CrashingOrders();
    handler = OrdersUnderTest.at(aws, NOW, crash::wrap).handler();
    ObjectNode event =
        LambdaRun.withHeader(
            LambdaRun.forOrder(LambdaRun.event(FN, "parcel-processed-warehouse"), orderId),
            "idempotency-key",
            aws.uniqueId("k"));

    crash.beforeReplace();
    LambdaRun.Response failed = LambdaRun.withoutContract().invoke(handler, event.deepCopy());
    assertThat(failed.status()).isEqualTo(500);
    assertThat(crash.happened()).isTrue();

    LambdaRun.Response retried = call(event.deepCopy());
    assertThat(retried.status()).as("a 5xx is not kept: the key was released").isEqualTo(200);
    assertThat(retried.header("idempotent-replayed")).isNull();
    assertThat(retried.body().path("status").asText()).isEqualTo("PROCESSED");

    LambdaRun.Response replayed = call(event.deepCopy());
    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.header("idempotent-replayed")).isEqualTo("true");
    assertThat(replayed.body()).isEqualTo(retried.body());
  }

  @Test
  void a_fulfilment_event_for_a_cancelled_parcel_is_409_parcel_cancelled() {
    register();
    PolicyBook book = PolicyBook.loadDefault();
    new OrderUpdates(orders)
        .apply(
            orderId,
            order -> {
              var c =
                  CancellationPolicy.cancel(
                          order,
                          book.byVersion(order.policyVersion()).orElseThrow(),
                          orderId + "-test",
                          List.of(new CancellationPolicy.LineRequest("L1", 2)),
                          NOW)
                      .value();
              return OrderUpdates.Change.of(c.order(), c);
            });

    LambdaRun.Response refused = call("parcel-shipped-warehouse");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("parcel-cancelled");
    assertThat(refused.body().path("ruleIds").toString()).contains("CAN-7");
    assertThat(orders.find(orderId).orElseThrow().parcel("P1").status())
        .isEqualTo(ParcelStatus.CANCELLED);
  }

  @Test
  void a_partly_cancelled_parcel_ships_and_the_answer_says_per_line_what_to_ship() {
    register();
    PolicyBook book = PolicyBook.loadDefault();
    new OrderUpdates(orders)
        .apply(
            orderId,
            order -> {
              var c =
                  CancellationPolicy.cancel(
                          order,
                          book.byVersion(order.policyVersion()).orElseThrow(),
                          orderId + "-test",
                          List.of(new CancellationPolicy.LineRequest("L1", 1)),
                          NOW)
                      .value();
              return OrderUpdates.Change.of(c.order(), c);
            });

    LambdaRun.Response shipped = call("parcel-shipped-warehouse");

    assertThat(shipped.status()).as("CAN-7: P1 still carries one unit, so it ships").isEqualTo(200);
    assertThat(shipped.body().path("status").asText()).isEqualTo("SHIPPED");
    assertThat(shipped.body().path("lines").toString())
        .as("CAN-7: the cancelled unit must stay behind")
        .isEqualTo("[{\"lineId\":\"L1\",\"quantity\":2,\"cancelled\":1,\"toShip\":1}]");

    JsonNode parcels = call("get-order-agent").body().path("parcels");
    assertThat(parcels.get(0).path("parcelId").asText()).isEqualTo("P1");
    assertThat(parcels.get(0).path("lines").toString())
        .isEqualTo("[{\"lineId\":\"L1\",\"quantity\":2,\"cancelled\":1,\"toShip\":1}]");
    assertThat(parcels.get(1).path("lines").toString())
        .isEqualTo("[{\"lineId\":\"L2\",\"quantity\":1,\"cancelled\":0,\"toShip\":1}]");
  }

  @Test
  void fulfilment_errors() {
    assertThat(call("parcel-processed-warehouse").status()).as("no such order").isEqualTo(404);
    register();
    ObjectNode unknownParcel = LambdaRun.event(FN, "parcel-processed-warehouse");
    ((ObjectNode) unknownParcel.get("pathParameters")).put("parcelId", "P9");
    assertThat(call(unknownParcel).status()).isEqualTo(404);

    LambdaRun.Response bad = call("parcel-event-invalid");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(fields(bad)).containsExactlyInAnyOrder("type", "at");

    assertThat(call("parcel-event-customer-forbidden").status()).isEqualTo(403);
    ObjectNode anonymous = LambdaRun.event(FN, "parcel-shipped-warehouse");
    ((ObjectNode) anonymous.get("requestContext")).remove("authorizer");
    ((ObjectNode) anonymous.get("headers")).remove("authorization");
    assertThat(call(anonymous).status()).isEqualTo(401);
    assertThat(orders.find(orderId).orElseThrow().parcel("P1").status())
        .isEqualTo(ParcelStatus.NEW);
  }

  @Test
  void the_owner_and_agents_read_the_order_with_its_actions() {
    register();

    LambdaRun.Response mine = call("get-order-customer");
    assertThat(mine.status()).isEqualTo(200);
    JsonNode body = mine.body();
    assertThat(body.path("paidTotal").toString())
        .isEqualTo("{\"amount\":6996,\"currency\":\"EUR\"}");
    assertThat(body.path("refundedTotal").path("amount").asLong()).isZero();
    assertThat(body.path("refunds").size()).isZero();
    JsonNode cancel = group(body, "L1", "P1").path("actions").path("cancel");
    assertThat(cancel.path("allowed").asBoolean()).isTrue();
    assertThat(cancel.path("ruleIds").toString()).contains("CAN-1");
    assertThat(group(body, "L1", "P1").path("unitIndexes").toString())
        .as("the unit indexes a change (CHG-1) names")
        .isEqualTo("[0,1]");
    assertThat(group(body, "L2", "P2").path("actions").path("return").path("allowed").asBoolean())
        .as("GEN-6: not delivered, no window")
        .isFalse();

    assertThat(call("get-order-agent").status()).isEqualTo(200);
  }

  @Test
  void CHG_3_a_change_left_unpaid_is_shown_lapsed_and_the_read_writes_nothing() {
    register();
    Order read = orders.find(orderId).orElseThrow();
    PolicyDocument policy =
        PolicyBook.loadDefault().judging(read.policyVersion(), read.spec().placedAt());
    LineSpec longer =
        new LineSpec(null, "KW-CBL-03", "HDMI cable 3 m", "accessories", 1, 1499, 0, 0, List.of());
    Instant yesterday = NOW.minusSeconds(26 * 3600);
    // A dearer change made yesterday: AWAITING_PAYMENT, payBy 24 hours later, passed now.
    new OrderUpdates(orders)
        .apply(
            orderId,
            order ->
                OrderUpdates.Change.of(
                    ChangePolicy.request(
                            order,
                            policy,
                            "ch-" + orderId,
                            "agent a-7",
                            new ChangeRequest(
                                List.of(new UnitRequest("L2", 0, longer)), List.of(), null),
                            yesterday)
                        .value()
                        .order(),
                    null));
    Order before = orders.find(orderId).orElseThrow();
    assertThat(before.changes().getFirst().status()).isEqualTo(ChangeStatus.AWAITING_PAYMENT);

    LambdaRun.Response shown = call("get-order-customer");

    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.body().path("changes").get(0).path("status").asText())
        .as("CHG-3: shown as it is now")
        .isEqualTo("LAPSED");
    Order after = orders.find(orderId).orElseThrow();
    assertThat(after.version()).as("a GET never writes").isEqualTo(before.version());
    assertThat(after.changes().getFirst().status())
        .as("the lapse is the schedule's or the next write's to store (AutoCancelIT)")
        .isEqualTo(ChangeStatus.AWAITING_PAYMENT);
  }

  @Test
  void a_processed_parcel_before_the_expected_ship_date_can_not_be_cancelled() {
    ObjectNode event = LambdaRun.event(FN, "put-order");
    ObjectNode body = (ObjectNode) LambdaRun.body(event);
    body.put("expectedShipBy", "2026-11-30");
    assertThat(call(LambdaRun.withBody(event, body)).status()).isEqualTo(201);
    call("parcel-processed-warehouse");

    JsonNode cancel =
        group(call("get-order-customer").body(), "L1", "P1").path("actions").path("cancel");

    assertThat(cancel.path("allowed").asBoolean()).isFalse();
    assertThat(cancel.path("ruleIds").toString()).contains("CAN-2");
  }

  @Test
  void another_customers_order_is_not_found_like_a_missing_one() {
    LambdaRun.Response missing = call("get-order-customer");
    register();
    LambdaRun.Response other = call("get-order-other-customer");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.body().path("title")).isEqualTo(missing.body().path("title"));
    assertThat(other.body().path("detail")).isEqualTo(missing.body().path("detail"));
  }

  @Test
  void reading_needs_a_token_and_the_right_role() {
    register();
    assertThat(call("get-order-no-token").status()).isEqualTo(401);
    assertThat(call("get-order-service-forbidden").status())
        .as("a machine client is no customer")
        .isEqualTo(403);
  }

  private static List<String> fields(LambdaRun.Response response) {
    List<String> fields = new ArrayList<>();
    response.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private static JsonNode group(JsonNode order, String lineId, String parcelId) {
    for (JsonNode g : order.path("units")) {
      if (g.path("lineId").asText().equals(lineId)
          && g.path("parcelId").asText().equals(parcelId)) {
        return g;
      }
    }
    throw new AssertionError("no unit group " + lineId + "/" + parcelId + " in " + order);
  }
}
