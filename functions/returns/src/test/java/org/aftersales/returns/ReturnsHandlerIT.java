package org.aftersales.returns;

import static org.aftersales.returns.ReturnsApi.event;
import static org.aftersales.returns.ReturnsApi.forOrder;
import static org.aftersales.returns.ReturnsApi.forReturn;
import static org.aftersales.returns.ReturnsApi.withBody;
import static org.aftersales.returns.ReturnsApi.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;
import org.aftersales.shared.testing.CountedCalls;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The returns function end to end: the event samples of {@code events/ReturnsFunction/} through the
 * handler, against the local DynamoDB server (orders, returns, idempotency records).
 */
@ExtendWith(LocalAwsServers.class)
class ReturnsHandlerIT {

  private static final UnitRef FIRST = new UnitRef("L1", 0);
  private static final UnitRef SECOND = new UnitRef("L1", 1);

  private final ReturnsApi api;
  private String orderId;

  ReturnsHandlerIT(LocalAws aws) {
    this.api = new ReturnsApi(aws);
  }

  @BeforeEach
  void newOrder() {
    orderId = api.deliveredOrder();
  }

  /** The customer's sample: one unit of L1, unwanted, mint; a key unique to this test. */
  private LambdaRun.Response authorize(String key) {
    return api.invoke(withKey(forOrder(event("authorize-customer"), orderId), key));
  }

  private String authorizedReturn() {
    LambdaRun.Response created = authorize(api.aws.uniqueId("k"));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("returnId").asText();
  }

  private LambdaRun.Response receipt(String sample, String returnId) {
    return api.invoke(withKey(forReturn(event(sample), returnId), api.aws.uniqueId("scan")));
  }

  @Nested
  class Authorisation {

    @Test
    void an_owners_mint_unwanted_unit_is_authorised_with_everything_the_customer_needs() {
      LambdaRun.Response created = authorize(api.aws.uniqueId("k"));

      assertThat(created.status()).isEqualTo(201);
      JsonNode body = created.body();
      String returnId = body.get("returnId").asText();
      assertThat(returnId).matches("ret-[0-9a-f]{24}");
      assertThat(created.header("location")).isEqualTo("/returns/" + returnId);
      assertThat(body.get("rmaNumber").asText()).isEqualTo("RMA-" + returnId);
      assertThat(body.get("status").asText()).isEqualTo("AUTHORIZED");
      assertThat(body.get("sendBy").asText()).isEqualTo("2026-12-10"); // RET-9: 14 days
      assertThat(body.at("/returnAddress/recipient").asText()).isEqualTo("KWOKING Returns");
      assertThat(body.at("/returnAddress/countryCode").asText()).isEqualTo("DE");
      assertThat(body.at("/mustInclude/0/lineId").asText()).isEqualTo("L1");
      assertThat(body.at("/mustInclude/0/components").toString())
          .isEqualTo("[\"power adapter\",\"original packaging\"]");
      assertThat(body.get("instructions").get(0).asText()).contains("RMA-" + returnId);
      // RET-4: 2749 paid (5998 − 500 order discount, halved) − 250 delivery share.
      assertThat(body.at("/refundEstimate/total/amount").asLong()).isEqualTo(2499);
      assertThat(body.at("/refundEstimate/total/currency").asText()).isEqualTo("EUR");
      assertThat(body.at("/units/0/unit").asInt()).isZero();
      assertThat(body.get("refund").isNull()).isTrue();
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.RETURN_OPEN);
      assertThat(api.order(orderId).statusOf(SECOND)).isEqualTo(UnitStatus.ACTIVE);
      StoredReturn stored = api.returns.find(returnId).orElseThrow();
      assertThat(api.order(orderId).heldBy(FIRST)).contains(returnId);
      assertThat(stored.customerId()).isEqualTo("c-1");
    }

    @Test
    void the_same_key_answers_the_first_response_again_and_authorises_nothing_more() {
      String key = api.aws.uniqueId("k");
      LambdaRun.Response first = authorize(key);
      LambdaRun.Response again = authorize(key);

      assertThat(again.status()).isEqualTo(201);
      assertThat(again.header("idempotent-replayed")).isEqualTo("true");
      assertThat(again.body().get("returnId")).isEqualTo(first.body().get("returnId"));
      assertThat(api.returns.byOrder(orderId)).hasSize(1);
      assertThat(api.order(orderId).statusOf(SECOND)).isEqualTo(UnitStatus.ACTIVE);
    }

    @Test
    void a_unit_can_not_be_in_two_open_returns() {
      authorizedReturn(); // L1#0
      authorizedReturn(); // L1#1

      LambdaRun.Response third = authorize(api.aws.uniqueId("k"));

      assertThat(third.status()).isEqualTo(409);
      assertThat(third.body().get("code").asText()).isEqualTo("unit-not-returnable");
      assertThat(third.body().get("detail").asText()).contains("already in an open return");
      assertThat(api.returns.byOrder(orderId)).hasSize(2);
    }

    @Test
    void an_agent_may_authorise_for_the_customer() {
      LambdaRun.Response created = api.invoke(forOrder(event("authorize-agent"), orderId));

      assertThat(created.status()).isEqualTo(201);
      assertThat(created.body().get("units")).hasSize(2);
      assertThat(created.body().at("/refundEstimate/total/amount").asLong())
          .isEqualTo(2749 + 2749 - 499);
    }

    @Test
    void a_damaged_item_inside_the_doa_window_is_sent_to_a_doa_claim() {
      api.clock.set(
          Instant.parse("2026-11-20T10:00:00Z")); // DOA window: delivered 2026-11-10, 14 days
      LambdaRun.Response refused = api.invoke(forOrder(event("authorize-damaged"), orderId));

      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.header("content-type")).isEqualTo("application/problem+json");
      assertThat(refused.body().get("code").asText()).isEqualTo("use-doa-claim");
      assertThat(refused.body().get("ruleIds").toString()).isEqualTo("[\"RET-7\",\"DOA-1\"]");
      assertThat(api.returns.byOrder(orderId)).isEmpty();
    }

    @Test
    void a_damaged_item_after_the_doa_window_is_sent_to_the_warranty_with_its_end_date() {
      api.clock.set(Instant.parse("2026-12-01T10:00:00Z"));

      LambdaRun.Response refused = api.invoke(forOrder(event("authorize-damaged"), orderId));

      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.body().get("code").asText()).isEqualTo("use-warranty");
      assertThat(refused.body().get("detail").asText()).contains("2028-11-10");
    }

    @Test
    void a_returned_unit_can_not_be_returned_again() {
      String returnId = authorizedReturn();
      assertThat(receipt("receipt-warehouse", returnId).status()).isEqualTo(200);
      authorizedReturn(); // takes L1#1

      LambdaRun.Response again = authorize(api.aws.uniqueId("k"));

      assertThat(again.status()).isEqualTo(409);
      assertThat(again.body().get("code").asText()).isEqualTo("unit-not-returnable");
      assertThat(again.body().get("detail").asText()).contains("already returned");
    }

    @Test
    void an_empty_list_of_lines_is_a400() {
      LambdaRun.Response bad =
          api.invoke(
              withBody(
                  withKey(forOrder(event("authorize-customer"), orderId), null),
                  "{\"lines\": []}"));

      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().at("/errors/0/field").asText()).isEqualTo("lines");
    }

    @Test
    void every_bad_field_is_reported_in_one_400() {
      LambdaRun.Response bad = api.invoke(forOrder(event("authorize-invalid"), orderId));

      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().get("errors").findValuesAsText("field"))
          .containsExactlyInAnyOrder("lines[0].quantity", "lines[0].reason", "comment");
    }

    @Test
    void a_line_the_order_does_not_have_is_a400_on_that_field() {
      LambdaRun.Response bad =
          api.invoke(
              withBody(
                  withKey(forOrder(event("authorize-customer"), orderId), null),
                  "{\"lines\": [{\"lineId\": \"L9\", \"quantity\": 1, \"reason\": \"UNWANTED\", \"condition\": \"MINT_UNUSED\"},"
                      + " {\"lineId\": \"L1\", \"quantity\": 3, \"reason\": \"UNWANTED\", \"condition\": \"MINT_UNUSED\"}]}"));

      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().get("errors").findValuesAsText("field"))
          .containsExactly("lines[0].lineId", "lines[1].quantity");
    }

    @Test
    void another_customers_order_is_not_found_and_other_roles_are_kept_out() {
      assertThat(api.invoke(forOrder(event("authorize-other-customer"), orderId)).status())
          .isEqualTo(404);
      assertThat(
              api.invoke(withKey(forOrder(event("authorize-customer"), "o-does-not-exist"), null))
                  .status())
          .isEqualTo(404);
      assertThat(api.invoke(forOrder(event("authorize-warehouse-forbidden"), orderId)).status())
          .isEqualTo(403);
      assertThat(api.invoke(forOrder(event("authorize-no-token"), orderId)).status())
          .isEqualTo(401);
      assertThat(api.returns.byOrder(orderId)).isEmpty();
    }
  }

  @Nested
  class Convergence {

    /**
     * What a first attempt that died after writing the return item (and nothing more) left behind.
     */
    private StoredReturn firstAttemptLeftOnlyTheItem(String key, Instant authorizedAt) {
      var event = withKey(forOrder(event("authorize-customer"), orderId), key);
      String returnId =
          AuthorizeReturn.returnId(ReturnsApi.callerOf(event), orderId, Optional.of(key));
      Order order = api.order(orderId);
      var decided =
          org.aftersales.policy.decision.ReturnPolicy.authorize(
                  order,
                  ReturnsApi.POLICIES.byVersion("2026-06").orElseThrow(),
                  returnId,
                  List.of(
                      new org.aftersales.policy.decision.ReturnPolicy.ReturnLine(
                          "L1",
                          1,
                          org.aftersales.policy.state.ReturnReason.UNWANTED,
                          org.aftersales.policy.state.ItemCondition.MINT_UNUSED)),
                  authorizedAt)
              .value();
      StoredReturn item = new StoredReturn(decided.returnCase(), "c-1", null, 0);
      assertThat(api.returns.create(item)).isTrue();
      return item;
    }

    @Test
    void a_retry_after_a_crash_between_the_two_writes_takes_the_units_and_answers_201() {
      String key = api.aws.uniqueId("k");
      StoredReturn orphan = firstAttemptLeftOnlyTheItem(key, ReturnsApi.NOW);

      LambdaRun.Response retry = authorize(key);

      assertThat(retry.status()).isEqualTo(201);
      assertThat(retry.body().get("returnId").asText()).isEqualTo(orphan.returnId());
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.RETURN_OPEN);
      assertThat(api.order(orderId).heldBy(FIRST)).contains(orphan.returnId());
      assertThat(api.returns.byOrder(orderId)).hasSize(1);
    }

    @Test
    void
        a_retry_after_a_crash_after_the_order_write_finds_its_own_units_already_taken_and_takes_no_more() {
      String key = api.aws.uniqueId("k");
      StoredReturn orphan = firstAttemptLeftOnlyTheItem(key, ReturnsApi.NOW.minusSeconds(120));
      Order order = api.order(orderId);
      api.orders.replace(
          order.take(List.of(FIRST), UnitStatus.RETURN_OPEN, orphan.returnId()).orElseThrow());

      LambdaRun.Response retry = authorize(key);

      assertThat(retry.status()).isEqualTo(201);
      assertThat(retry.body().get("returnId").asText()).isEqualTo(orphan.returnId());
      assertThat(api.order(orderId).heldBy(FIRST)).contains(orphan.returnId());
      assertThat(api.order(orderId).statusOf(SECOND)).isEqualTo(UnitStatus.ACTIVE);
      assertThat(api.returns.byOrder(orderId)).hasSize(1);
    }

    @Test
    void an_attempt_whose_units_went_to_another_return_meanwhile_is_dropped_and_refused() {
      String key = api.aws.uniqueId("k");
      StoredReturn orphan = firstAttemptLeftOnlyTheItem(key, ReturnsApi.NOW.minusSeconds(120));
      api.invoke(
          withBody(
              withKey(forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")),
              "{\"lines\": [{\"lineId\": \"L1\", \"quantity\": 2, \"reason\": \"UNWANTED\", \"condition\": \"MINT_UNUSED\"}]}"));

      LambdaRun.Response retry = authorize(key);

      assertThat(retry.status()).isEqualTo(409);
      assertThat(retry.body().get("code").asText()).isEqualTo("unit-not-returnable");
      assertThat(api.returns.find(orphan.returnId())).isEmpty();
      assertThat(api.returns.byOrder(orderId)).hasSize(1);
    }
  }

  @Nested
  class Reading {

    @Test
    void the_owner_the_agent_and_the_warehouse_see_the_return() {
      String returnId = authorizedReturn();

      for (String sample : List.of("get-customer", "get-agent", "get-warehouse")) {
        LambdaRun.Response read = api.invoke(forReturn(event(sample), returnId));
        assertThat(read.status()).as(sample).isEqualTo(200);
        assertThat(read.body().get("returnId").asText()).isEqualTo(returnId);
        assertThat(read.body().get("status").asText()).isEqualTo("AUTHORIZED");
      }
    }

    @Test
    void another_customer_gets_the_same_404_as_for_a_missing_return() {
      String returnId = authorizedReturn();

      LambdaRun.Response other = api.invoke(forReturn(event("get-other-customer"), returnId));
      LambdaRun.Response missing =
          api.invoke(forReturn(event("get-customer"), "ret-000000000000000000000000"));

      assertThat(other.status()).isEqualTo(404);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(other.body().get("code")).isEqualTo(missing.body().get("code"));
      assertThat(api.invoke(forReturn(event("get-no-token"), returnId)).status()).isEqualTo(401);
    }

    @Test
    void an_authorised_return_past_its_send_by_date_is_shown_expired_and_a_withdrawal_records_it() {
      String returnId = authorizedReturn();
      api.clock.set(Instant.parse("2026-12-10T22:59:59Z")); // 23:59:59 on the send-by day in Berlin
      assertThat(
              api.invoke(forReturn(event("get-customer"), returnId)).body().get("status").asText())
          .isEqualTo("AUTHORIZED");

      api.clock.set(Instant.parse("2026-12-10T23:00:00Z"));
      long version = api.order(orderId).version();
      LambdaRun.Response read = api.invoke(forReturn(event("get-customer"), returnId));

      assertThat(read.body().get("status").asText()).isEqualTo("EXPIRED");
      assertThat(api.order(orderId).version()).as("a GET never writes").isEqualTo(version);
      assertThat(api.returns.find(returnId).orElseThrow().state().status().name())
          .isEqualTo("AUTHORIZED");
      assertThat(
              api.invoke(withKey(forReturn(event("withdraw-customer"), returnId), null)).status())
          .isEqualTo(409);
      assertThat(api.returns.find(returnId).orElseThrow().state().status().name())
          .as("the withdrawal's own write records the expiry")
          .isEqualTo("EXPIRED");
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
      assertThat(api.order(orderId).heldBy(FIRST)).isEmpty();
      LambdaRun.Response receipt = receipt("receipt-warehouse", returnId);
      assertThat(receipt.status()).isEqualTo(409);
      assertThat(receipt.body().get("code").asText()).isEqualTo("illegal-transition");
    }
  }

  @Nested
  class Listing {

    @Test
    void RET_9_the_orders_returns_are_listed_with_what_comes_next_writing_nothing() {
      String returnId = authorizedReturn();
      long version = api.order(orderId).version();

      LambdaRun.Response listed =
          api.invoke(forOrder(event("list-order-returns-customer"), orderId));

      assertThat(listed.status()).isEqualTo(200);
      JsonNode only = listed.body().get("returns").get(0);
      assertThat(listed.body().get("returns")).hasSize(1);
      assertThat(only.get("returnId").asText()).isEqualTo(returnId);
      assertThat(only.at("/actions/send/allowed").asBoolean()).isTrue();
      assertThat(only.at("/actions/send/until").asText()).isEqualTo("2026-12-10");
      assertThat(only.at("/actions/withdraw/allowed").asBoolean()).isTrue();

      api.clock.set(Instant.parse("2026-12-10T23:00:00Z")); // the day after the send-by day
      JsonNode late =
          api.invoke(forOrder(event("list-order-returns-customer"), orderId))
              .body()
              .get("returns")
              .get(0);
      assertThat(late.get("status").asText()).as("RET-9 as its own read").isEqualTo("EXPIRED");
      assertThat(late.at("/actions/withdraw/allowed").asBoolean()).isFalse();
      assertThat(late.at("/actions/send/reason").asText()).contains("expired");
      assertThat(api.order(orderId).version()).as("a list writes nothing").isEqualTo(version);
      assertThat(api.returns.find(returnId).orElseThrow().state().status().name())
          .isEqualTo("AUTHORIZED");
    }

    @Test
    void listing_takes_two_round_trips_the_order_and_one_index_query() {
      authorizedReturn();
      CountedCalls calls = new CountedCalls();
      DynamoDbClient counted = calls.client(api.aws);
      LambdaRun run = new LambdaRun();
      ReturnsHandler handler =
          new ReturnsHandler(
              new ReturnsHandler.Ports(
                  new DynamoDbOrderRepository(counted, api.aws.tableName()),
                  new DynamoDbReturnRepository(counted, api.aws.tableName()),
                  new org.aftersales.shared.store.dynamodb.DynamoDbEmailStates(
                      counted, api.aws.tableName()),
                  () -> api.evidence(),
                  new DynamoDbIdempotencyStore(counted, api.aws.tableName()),
                  ReturnsApi.POLICIES,
                  run.log(api.clock, "ReturnsFunction"),
                  run.metrics(api.clock),
                  api.clock));

      LambdaRun.Response listed =
          ReturnsApi.invoke(handler, forOrder(event("list-order-returns-customer"), orderId));

      assertThat(listed.status()).isEqualTo(200);
      assertThat(calls.take()).as("a read writes nothing").containsExactly("GetItem", "Query");
    }

    @Test
    void another_customers_order_is_a_404_like_a_missing_one() {
      authorizedReturn();
      ObjectNode other =
          LambdaRun.withSubject(forOrder(event("list-order-returns-customer"), orderId), "c-2");

      LambdaRun.Response foreign = api.invoke(other);
      LambdaRun.Response missing =
          api.invoke(forOrder(event("list-order-returns-customer"), api.aws.uniqueId("o")));

      assertThat(foreign.status()).isEqualTo(404);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(foreign.body().get("code")).isEqualTo(missing.body().get("code"));
    }
  }

  @Nested
  class Withdrawal {

    @Test
    void the_owner_withdraws_before_receipt_and_the_unit_can_be_returned_again() {
      String returnId = authorizedReturn();

      LambdaRun.Response withdrawn =
          api.invoke(withKey(forReturn(event("withdraw-customer"), returnId), null));

      assertThat(withdrawn.status()).isEqualTo(200);
      assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
      assertThat(withdrawn.body().at("/explanation/0/ruleId").asText()).isEqualTo("RET-9");
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
      assertThat(
              api.invoke(withKey(forReturn(event("withdraw-customer"), returnId), null))
                  .body()
                  .get("status")
                  .asText())
          .isEqualTo("WITHDRAWN");
      LambdaRun.Response again = authorize(api.aws.uniqueId("k"));
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.body().at("/units/0/unit").asInt()).isZero();
    }

    @Test
    void only_the_owner_may_withdraw_and_not_after_receipt() {
      String returnId = authorizedReturn();
      assertThat(api.invoke(forReturn(event("withdraw-agent-forbidden"), returnId)).status())
          .isEqualTo(403);
      var otherCustomer = withKey(forReturn(event("withdraw-customer"), returnId), null);
      ((com.fasterxml.jackson.databind.node.ObjectNode)
              otherCustomer.at("/requestContext/authorizer/jwt/claims"))
          .put("sub", "c-2")
          .put("username", "c-2");
      assertThat(api.invoke(otherCustomer).status()).isEqualTo(404);
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.RETURN_OPEN);

      assertThat(receipt("receipt-warehouse", returnId).status()).isEqualTo(200);
      LambdaRun.Response late =
          api.invoke(withKey(forReturn(event("withdraw-customer"), returnId), null));

      assertThat(late.status()).isEqualTo(409);
      assertThat(late.body().get("code").asText()).isEqualTo("illegal-transition");
      assertThat(late.body().get("detail").asText()).contains("REFUNDED");
    }
  }

  @Nested
  class Receipt {

    @Test
    void a_mint_unit_is_refunded_paid_price_minus_delivery_share_minus_the_missing_adapter() {
      String returnId = authorizedReturn();

      LambdaRun.Response received = receipt("receipt-warehouse", returnId);

      assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
      JsonNode body = received.body();
      assertThat(body.get("status").asText()).isEqualTo("REFUNDED");
      JsonNode refund = body.get("refund");
      assertThat(refund.get("refundId").asText())
          .isEqualTo(orderId + "~rf-return-" + returnId); // public id: order ~ ledger id
      assertThat(refund.get("source").asText()).isEqualTo("RETURN");
      assertThat(refund.get("status").asText()).isEqualTo("PENDING");
      assertThat(refund.get("dueBy").asText()).isEqualTo("2026-12-03"); // GEN-5: 5 business days
      assertThat(refund.at("/amount/amount").asLong()).isEqualTo(1699);
      JsonNode lines = refund.at("/breakdown/lines");
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0).get("label").asText()).isEqualTo("Paid price of 1 × HDMI switch");
      assertThat(lines.get(0).at("/amount/amount").asLong()).isEqualTo(2749);
      assertThat(lines.get(1).get("label").asText())
          .isEqualTo("Delivery charges for 1 × HDMI switch (not refunded on a return)");
      assertThat(lines.get(1).at("/amount/amount").asLong()).isEqualTo(-250);
      assertThat(lines.get(2).get("label").asText()).isEqualTo("Missing part: power adapter");
      assertThat(lines.get(2).at("/amount/amount").asLong()).isEqualTo(-800);
      assertThat(lines.get(2).get("ruleIds").toString()).isEqualTo("[\"RET-5\"]");
      assertThat(refund.at("/breakdown/total/amount").asLong()).isEqualTo(1699);

      Order order = api.order(orderId);
      assertThat(order.refunds()).hasSize(1);
      assertThat(order.refunds().getFirst().amount().amount()).isEqualTo(1699);
      assertThat(order.statusOf(FIRST)).isEqualTo(UnitStatus.RETURNED);
      assertThat(order.heldBy(FIRST)).as("records the return that finished it").contains(returnId);
      System.out.println("worked refund breakdown (RET-4, RET-5): " + refund.get("breakdown"));
    }

    @Test
    void RET_9_a_parcel_arriving_after_its_send_by_day_is_still_received_and_refunded() {
      String returnId = authorizedReturn();
      api.clock.set(
          Instant.parse(
              "2026-12-12T09:00:00Z")); // two days after the send-by day, nobody read it since

      LambdaRun.Response received = receipt("receipt-warehouse", returnId);

      assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
      assertThat(received.body().get("status").asText()).isEqualTo("REFUNDED");
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.RETURNED);
    }

    @Test
    void receiving_the_same_return_twice_does_not_refund_twice() {
      String returnId = authorizedReturn();
      LambdaRun.Response first = receipt("receipt-warehouse", returnId);

      LambdaRun.Response other = receipt("receipt-warehouse-not-mint", returnId);
      LambdaRun.Response second = receipt("receipt-warehouse", returnId);

      assertThat(other.status()).isEqualTo(409); // other findings: not silently ignored
      assertThat(other.code()).isEqualTo("return-already-received");
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.body().get("status").asText()).isEqualTo("REFUNDED");
      assertThat(second.body().at("/refund/refundId"))
          .isEqualTo(first.body().at("/refund/refundId"));
      assertThat(api.order(orderId).refunds()).hasSize(1);
    }

    @Test
    void a_not_mint_unit_is_rejected_without_refund_and_becomes_active_again() {
      String returnId = authorizedReturn();

      LambdaRun.Response rejected = receipt("receipt-warehouse-not-mint", returnId);

      assertThat(rejected.status()).isEqualTo(200);
      assertThat(rejected.body().get("status").asText()).isEqualTo("REJECTED");
      assertThat(rejected.body().get("refund").isNull()).isTrue();
      assertThat(rejected.body().at("/explanation/0/ruleId").asText()).isEqualTo("RET-6");
      assertThat(api.order(orderId).refunds()).isEmpty();
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
      assertThat(api.order(orderId).heldBy(FIRST)).isEmpty();
    }

    @Test
    void only_an_agent_may_override_a_not_mint_finding() {
      String returnId = authorizedReturn();
      LambdaRun.Response warehouseOverride =
          api.invoke(
              withBody(
                  withKey(forReturn(event("receipt-warehouse"), returnId), null),
                  "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"NOT_MINT\"}], \"override\": {\"reason\": \"looks fine\"}}"));
      assertThat(warehouseOverride.status()).isEqualTo(403);
      assertThat(warehouseOverride.body().get("code").asText()).isEqualTo("override-not-allowed");

      LambdaRun.Response overridden =
          api.invoke(forReturn(event("receipt-agent-override"), returnId));

      assertThat(overridden.status()).isEqualTo(200);
      assertThat(overridden.body().get("status").asText()).isEqualTo("REFUNDED");
      assertThat(overridden.body().at("/refund/amount/amount").asLong()).isEqualTo(2499);
      assertThat(overridden.body().get("note").asText()).contains("Scuff on the box only");
      assertThat(overridden.body().at("/receipt/override/reason").asText())
          .isEqualTo("Scuff on the box only, device unused");
    }

    @Test
    void findings_that_do_not_match_the_return_are_a400_and_change_nothing() {
      String returnId = authorizedReturn();

      LambdaRun.Response tooMany =
          api.invoke(
              withBody(
                  withKey(forReturn(event("receipt-warehouse"), returnId), null),
                  "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\"}, {\"lineId\": \"L1\", \"condition\": \"MINT\"}]}"));
      LambdaRun.Response unknownPart =
          api.invoke(
              withBody(
                  withKey(forReturn(event("receipt-warehouse"), returnId), null),
                  "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\", \"missingComponents\": [\"remote\"]}]}"));
      LambdaRun.Response badEnum =
          api.invoke(
              withBody(
                  withKey(forReturn(event("receipt-warehouse"), returnId), null),
                  "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"SHINY\"}]}"));

      assertThat(tooMany.status()).isEqualTo(400);
      assertThat(unknownPart.status()).isEqualTo(400);
      assertThat(unknownPart.body().get("ruleIds").toString()).isEqualTo("[\"RET-5\"]");
      assertThat(badEnum.status()).isEqualTo(400);
      assertThat(badEnum.body().at("/errors/0/field").asText()).isEqualTo("units[0].condition");
      assertThat(api.returns.find(returnId).orElseThrow().state().status().name())
          .isEqualTo("AUTHORIZED");
    }

    @Test
    void customers_can_not_record_receipts_and_an_unknown_return_is_not_found() {
      String returnId = authorizedReturn();

      assertThat(api.invoke(forReturn(event("receipt-customer-forbidden"), returnId)).status())
          .isEqualTo(403);
      assertThat(receipt("receipt-warehouse", "ret-000000000000000000000000").status())
          .isEqualTo(404);
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.RETURN_OPEN);
    }

    @Test
    void a_withdrawn_return_can_not_be_received() {
      String returnId = authorizedReturn();
      api.invoke(withKey(forReturn(event("withdraw-customer"), returnId), null));

      LambdaRun.Response late = receipt("receipt-warehouse", returnId);

      assertThat(late.status()).isEqualTo(409);
      assertThat(late.body().get("code").asText()).isEqualTo("illegal-transition");
      assertThat(api.order(orderId).refunds()).isEmpty();
    }
  }

  @Nested
  class Unannounced {

    @Test
    void a_parcel_with_no_rma_is_recorded_for_manual_handling_without_refund() {
      String key = api.aws.uniqueId("scan");
      var sample = withKey(event("unannounced-warehouse"), key);
      ((com.fasterxml.jackson.databind.node.ObjectNode) sample)
          .put("body", sample.get("body").asText().replace("o-1001", orderId));

      LambdaRun.Response recorded = api.invoke(sample);
      LambdaRun.Response replayed = api.invoke(sample);

      assertThat(recorded.status()).isEqualTo(201);
      assertThat(recorded.body().get("status").asText()).isEqualTo("MANUAL_HANDLING");
      assertThat(recorded.body().get("refund").isNull()).isTrue();
      assertThat(recorded.body().at("/explanation/0/ruleId").asText()).isEqualTo("RET-3");
      assertThat(replayed.body().get("unannouncedId"))
          .isEqualTo(recorded.body().get("unannouncedId"));
      UnannouncedReturn stored =
          api.returns.findUnannounced(recorded.body().get("unannouncedId").asText()).orElseThrow();
      assertThat(stored.orderId()).isEqualTo(orderId);
      assertThat(stored.trackingNumber()).isEqualTo("DHL-00340434161094042557");
      assertThat(stored.receivedAt()).isEqualTo(Instant.parse("2026-11-26T13:00:00Z"));
      assertThat(api.order(orderId).refunds()).isEmpty();
      assertThat(api.order(orderId).statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
      assertThat(api.returns.byOrder(orderId)).isEmpty();
    }

    @Test
    void only_the_warehouse_records_unannounced_parcels() {
      assertThat(api.invoke(event("unannounced-customer-forbidden")).status()).isEqualTo(403);
    }

    @Test
    void bad_fields_of_an_unannounced_parcel_are_all_reported() {
      LambdaRun.Response bad =
          api.invoke(
              withBody(
                  withKey(event("unannounced-warehouse"), null),
                  "{\"orderId\": 42, \"units\": [{\"lineId\": \"L1\", \"quantity\": 0}], \"receivedAt\": \"yesterday\"}"));

      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().get("errors").findValuesAsText("field"))
          .containsExactlyInAnyOrder("orderId", "units[0].quantity", "receivedAt");
    }
  }
}
