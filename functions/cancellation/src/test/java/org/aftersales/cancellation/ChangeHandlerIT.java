package org.aftersales.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change routes of {@link CancellationHandler} (CHG-1…CHG-6) on the sample events of {@code
 * events/CancellationFunction/change-*.json} and {@code billing-address-*.json}, against the local
 * DynamoDB server: every role, bad input, refusals, payment, lapse and {@code Idempotency-Key}. The
 * test order: L1 2 × HDMI switch 29.99 (each paid 27.85: 2.14 of the order discount), L2 1 × cable
 * 9.99, both parcels NEW.
 */
@ExtendWith(LocalAwsServers.class)
class ChangeHandlerIT {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");
  static final String DUE_BY = "2026-12-03";
  static final LocalDate SHIP_BY = LocalDate.parse("2026-11-30");
  static final String FN = "CancellationFunction";

  private final LocalAws aws;
  private TestOrders orders;
  private String orderId;
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  ChangeHandlerIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    orders = new TestOrders(new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()));
    orderId = aws.uniqueId("o");
    orders.register(orderId, SHIP_BY);
  }

  private LambdaRun.Response call(String name) {
    return call(LambdaRun.event(FN, name));
  }

  private LambdaRun.Response call(ObjectNode event) {
    LambdaRun lambda = new LambdaRun(clock, FN);
    var repository = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    CancellationHandler handler =
        new CancellationHandler(
            new OrderItemFunction.Ports(
                repository,
                new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
                TestOrders.POLICIES,
                lambda.log,
                lambda.metrics,
                clock));
    LambdaRun.forOrder(event, orderId);
    if (event.path("headers").has("idempotency-key")) {
      LambdaRun.withHeader(
          event,
          "idempotency-key",
          orderId + "-" + event.path("headers").path("idempotency-key").asText());
    }
    return lambda.invoke(handler, event);
  }

  private LambdaRun.Response pay(String changeId) {
    ObjectNode event = LambdaRun.event(FN, "change-payment");
    LambdaRun.withPathParameter(event, "changeId", changeId);
    return call(event);
  }

  @Test
  void CHG_3_a_cheaper_item_is_applied_with_a_refund_of_the_difference() {
    LambdaRun.Response response = call("change-cheaper-customer");

    assertThat(response.status()).isEqualTo(200);
    var body = response.body();
    assertThat(body.path("status").asText()).isEqualTo("APPLIED");
    assertThat(body.path("difference").path("amount").asLong()).isEqualTo(-500);
    assertThat(body.path("refund").path("amount").path("amount").asLong()).isEqualTo(500);
    assertThat(body.path("refund").path("source").asText()).isEqualTo("CHANGE");
    assertThat(body.path("refund").path("dueBy").asText()).as("GEN-5").isEqualTo(DUE_BY);
    assertThat(body.path("units").get(0).path("to").path("name").asText())
        .isEqualTo("HDMI switch mini");
    assertThat(body.path("explanation").toString()).contains("CHG-1", "CHG-2", "CHG-3");

    Order stored = orders.find(orderId);
    assertThat(stored.itemOf(new UnitRef("L1", 0)).name()).isEqualTo("HDMI switch mini");
    assertThat(stored.refunds())
        .singleElement()
        .extracting(r -> r.source())
        .isEqualTo(RefundSource.CHANGE);
    assertThat(stored.pricing().paidPrice(new UnitRef("L1", 0)).amount()).isEqualTo(2785 - 500);
    assertThat(stored.changes())
        .singleElement()
        .extracting(c -> c.requestedBy())
        .isEqualTo("customer c-1");
  }

  @Test
  void CHG_3_a_dearer_item_waits_for_payment_and_the_payment_applies_it() {
    LambdaRun.Response waiting = call("change-dearer-agent");

    assertThat(waiting.status()).isEqualTo(200);
    assertThat(waiting.body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
    assertThat(waiting.body().path("amountDue").path("amount").asLong()).isEqualTo(500);
    assertThat(waiting.body().path("payBy").asText()).isEqualTo("2026-11-27T13:20:00Z");
    String changeId = waiting.body().path("changeId").asText();
    assertThat(orders.find(orderId).itemOf(new UnitRef("L2", 0)).name())
        .isEqualTo("HDMI cable 2 m");

    LambdaRun.Response paid = pay(changeId);

    assertThat(paid.status()).isEqualTo(200);
    assertThat(paid.body().path("status").asText()).isEqualTo("APPLIED");
    assertThat(paid.body().path("paymentReference").asText()).isEqualTo("psp-ch-88213");
    Order stored = orders.find(orderId);
    assertThat(stored.itemOf(new UnitRef("L2", 0)).name()).isEqualTo("HDMI cable 3 m");
    assertThat(stored.paidTotal().amount()).isEqualTo(TestOrders.PAID_TOTAL + 500);
    assertThat(stored.refunds()).isEmpty();
  }

  @Test
  void CHG_3_a_payment_after_the_parcel_was_processed_finds_the_change_lapsed() {
    String changeId = call("change-dearer-agent").body().path("changeId").asText();
    orders.fulfil(orderId, "P2", FulfilmentType.PROCESSED, NOW.plusSeconds(60));

    LambdaRun.Response paid = pay(changeId);

    assertThat(paid.status()).isEqualTo(409);
    assertThat(paid.code()).isEqualTo("change-lapsed");
    assertThat(paid.body().path("ruleIds").toString()).contains("CHG-3");
    Order stored = orders.find(orderId);
    assertThat(stored.change(changeId).orElseThrow().status()).isEqualTo(ChangeStatus.LAPSED);
    assertThat(stored.itemOf(new UnitRef("L2", 0)).name()).isEqualTo("HDMI cable 2 m");
  }

  @Test
  void CHG_3_a_payment_after_pay_by_finds_the_change_lapsed() {
    String changeId = call("change-dearer-agent").body().path("changeId").asText();
    clock = Clock.fixed(NOW.plusSeconds(24 * 3600 + 1), ZoneOffset.UTC);

    LambdaRun.Response paid = pay(changeId);

    assertThat(paid.status()).isEqualTo(409);
    assertThat(paid.code()).isEqualTo("change-lapsed");
    assertThat(orders.find(orderId).paidTotal().amount()).isEqualTo(TestOrders.PAID_TOTAL);
  }

  @Test
  void CHG_1_a_processed_parcel_refuses_and_nothing_is_written() {
    orders.fulfil(orderId, "P1", FulfilmentType.PROCESSED, NOW.minusSeconds(60));
    long version = orders.find(orderId).version();

    LambdaRun.Response response = call("change-cheaper-customer");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.code()).isEqualTo("order-already-processed");
    assertThat(response.body().path("ruleIds").toString()).contains("CHG-1");
    assertThat(orders.find(orderId).version()).isEqualTo(version);
  }

  @Test
  void CHG_1_an_address_change_of_an_unprocessed_parcel_is_applied() {
    LambdaRun.Response response = call("change-address-customer");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("status").asText()).isEqualTo("APPLIED");
    assertThat(orders.find(orderId).deliveryAddress("P2")).containsEntry("city", "Berlin");
  }

  @Test
  void CHG_1_bad_input_lists_every_bad_field_and_writes_nothing() {
    long version = orders.find(orderId).version();

    LambdaRun.Response response = call("change-invalid");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("errors").findValuesAsText("field"))
        .contains(
            "currency",
            "units[0].lineId",
            "units[1].unitIndex",
            "units[1].replaceWith.sku",
            "units[1].replaceWith.unitPrice",
            "parcels[0].deliveryAddress");
    assertThat(orders.find(orderId).version()).isEqualTo(version);
  }

  @Test
  void CHG_4_the_same_request_with_the_same_idempotency_key_answers_the_first_response_again() {
    LambdaRun.Response first = call("change-cheaper-customer");
    LambdaRun.Response again = call("change-cheaper-customer");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(orders.find(orderId).changes()).hasSize(1);
  }

  @Test
  void CHG_4_the_same_change_without_a_key_changes_nothing() {
    ObjectNode event = LambdaRun.event(FN, "change-cheaper-customer");
    LambdaRun.withoutHeader(event, "idempotency-key");
    call(event.deepCopy());

    LambdaRun.Response again = call(event);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("changeId").isNull()).isTrue();
    assertThat(again.body().path("explanation").toString()).contains("CHG-4");
    assertThat(orders.find(orderId).refunds()).hasSize(1);
  }

  @Test
  void CHG_6_a_billing_address_change_is_refused_with_where_to_change_it() {
    LambdaRun.Response response = call("billing-address-customer");

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("billing-address-not-held");
    assertThat(response.body().path("detail").asText()).contains("https://");
    assertThat(response.body().path("ruleIds").toString()).contains("CHG-6");
  }

  @Test
  void callers_without_the_right_role_are_refused() {
    assertThat(call("change-no-token").status()).isEqualTo(401);
    assertThat(call("change-service-forbidden").status()).isEqualTo(403);
    assertThat(call("change-other-customer").status()).isEqualTo(404);
    assertThat(call("change-payment-customer-forbidden").status()).isEqualTo(403);
    assertThat(pay("no-such-change").status()).isEqualTo(404);
    assertThat(orders.find(orderId).changes()).isEmpty();
  }
}
