package org.aftersales.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Consumer;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /orders/{orderId}} shows {@code actions.withdraw} on orders the EU consumer law covers
 * (LAW-1, LAW-3), with the event samples of {@code events/OrdersFunction/} against the local
 * DynamoDB server. The requests are made on 26 Nov; the parcels were delivered on 14 and 16 Nov.
 */
@ExtendWith(LocalAwsServers.class)
class WithdrawActionIT {

  private final LocalAws aws;
  private OrdersUnderTest under;
  private String orderId;

  WithdrawActionIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    under = OrdersUnderTest.at(aws, OrderCustomerFactsIT.NOW);
    orderId = aws.uniqueId("o");
  }

  /** The sample order with contact (DE, parcel P2 to AT), edited, both parcels delivered. */
  private JsonNode registeredAndDelivered(Consumer<ObjectNode> edit) {
    ObjectNode event = LambdaRun.event(OrdersUnderTest.FN, "put-order-with-contact");
    ObjectNode body = (ObjectNode) LambdaRun.body(event);
    edit.accept(body);
    LambdaRun.Response put =
        under
            .lambda()
            .invoke(under.handler(), LambdaRun.forOrder(LambdaRun.withBody(event, body), orderId));
    assertThat(put.status()).as(put.body().toString()).isEqualTo(201);
    deliver("P1", "2026-11-14T09:00:00Z");
    deliver("P2", "2026-11-16T09:00:00Z");
    return under
        .lambda()
        .invoke(
            under.handler(),
            LambdaRun.forOrder(LambdaRun.event(OrdersUnderTest.FN, "get-order-customer"), orderId))
        .body();
  }

  private void deliver(String parcel, String at) {
    Order current = under.orders().find(orderId).orElseThrow();
    under
        .orders()
        .replace(
            current
                .recordFulfilment(
                    parcel, new FulfilmentEvent(FulfilmentType.DELIVERED, Instant.parse(at), null))
                .value()
                .order());
  }

  @Test
  void LAW_1_a_German_consumers_order_shows_withdraw_allowed_until_14_days_after_the_last_parcel() {
    JsonNode order = registeredAndDelivered(body -> {});
    JsonNode withdraw = order.at("/actions/withdraw");
    assertThat(withdraw.path("allowed").asBoolean()).as(order.toString()).isTrue();
    assertThat(withdraw.path("until").asText()).isEqualTo("2026-11-30");
    assertThat(withdraw.path("ruleIds").toString()).contains("LAW-1");
  }

  @Test
  void LAW_1_a_US_order_has_no_withdraw_action() {
    JsonNode order =
        registeredAndDelivered(
            body -> {
              body.put("deliveryCountry", "US");
              ((ObjectNode) body.withArray("parcels").get(1).get("deliveryAddress"))
                  .put("country", "US");
            });
    assertThat(order.path("actions").has("withdraw")).as(order.toString()).isFalse();
  }

  @Test
  void LAW_1_a_business_buyer_has_no_withdraw_action() {
    JsonNode order = registeredAndDelivered(body -> body.put("buyer", "BUSINESS"));
    assertThat(order.path("actions").has("withdraw")).as(order.toString()).isFalse();
  }
}
