package org.aftersales.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.OrderUpdates.Change;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.CrashingOrders;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LambdaRun.Response;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.aftersales.shared.time.ClockSkew;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code RefundsFunction} on the sample events of {@code events/RefundsFunction/} (order id
 * replaced by a fresh one), against the real local DynamoDB: quotes, the ledger, the pending list's
 * pagination, settlement idempotency and the roles of each route.
 */
@ExtendWith(LocalAwsServers.class)
class RefundsHandlerIT {

  private static final String FN = "RefundsFunction";

  /**
   * The cancellation the settlement fixture's refund id names ({@code
   * o-1001~rf-cancellation-c-7f3a}).
   */
  private static final String CANCELLATION_ID = "c-7f3a";

  private final LocalAws aws;
  private DynamoDbOrderRepository orders;
  private RefundsHandler handler;
  private final LambdaRun stdout = new LambdaRun();
  private String orderId;

  RefundsHandlerIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    handler = handlerOn(orders);
    orderId = aws.uniqueId("o-h");
    TestData.halfDelivered(orders, orderId);
  }

  private RefundsHandler handlerOn(OrderRepository repository) {
    return new RefundsHandler(
        new OrderItemFunction.Ports(
            repository,
            new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
            TestData.BOOK,
            stdout.log(Fixtures.CLOCK, "TestFunction"),
            stdout.metrics(Fixtures.CLOCK),
            Fixtures.CLOCK));
  }

  private Response run(String name) {
    return LambdaRun.http(handler, Fixtures.eventFor(FN, name, orderId));
  }

  /** The customer cancels parcel P2 (unit L1#1) as cancellation {@value #CANCELLATION_ID}. */
  private Refund cancelParcelTwo() {
    return cancelParcelTwo(orderId, Fixtures.NOW);
  }

  /** As {@link #cancelParcelTwo()} on {@code orderId}, the refund granted {@code at}. */
  private Refund cancelParcelTwo(String orderId, Instant at) {
    return new OrderUpdates(orders)
        .apply(
            orderId,
            order -> {
              var cancelled =
                  CancellationPolicy.cancel(
                          order,
                          TestData.policy(),
                          CANCELLATION_ID,
                          List.of(new CancellationPolicy.LineRequest("L1", 1)),
                          at)
                      .value();
              return Change.of(cancelled.order(), cancelled.refund());
            });
  }

  @Test
  void CHG_3_a_customer_quotes_a_change_to_a_cheaper_item() {
    Response response = run("quote-change-customer");

    assertThat(response.status()).isEqualTo(200);
    JsonNode quote = response.body();
    assertThat(quote.get("kind").asText()).isEqualTo("CHANGE");
    assertThat(quote.at("/amount/amount").asLong()).isEqualTo(500);
    assertThat(quote.at("/breakdown/lines/0/label").asText())
        .isEqualTo("Price of 1 × HDMI switch mini (new item)");
    assertThat(quote.get("ruleIds").toString()).contains("CHG-1", "CHG-2", "CHG-3");
  }

  @Test
  void a_customer_quotes_a_cancellation_with_its_breakdown_and_due_date() {
    Response response = run("quote-cancellation-customer");

    assertThat(response.status()).isEqualTo(200);
    JsonNode quote = response.body();
    assertThat(quote.get("orderId").asText()).isEqualTo(orderId);
    assertThat(quote.get("kind").asText()).isEqualTo("CANCELLATION");
    assertThat(quote.get("amount"))
        .isEqualTo(Json.object().put("amount", 2998).put("currency", "EUR"));
    // Granted Thursday 2026-11-26: 5 business days (GEN-5) → Thursday 2026-12-03.
    assertThat(quote.get("dueBy").asText()).isEqualTo("2026-12-03");
    assertThat(quote.at("/breakdown/lines/0/label").asText())
        .isEqualTo("Paid price of 1 × HDMI switch");
    assertThat(quote.at("/breakdown/lines/0/amount/amount").asLong()).isEqualTo(2749);
    assertThat(quote.at("/breakdown/lines/0/ruleIds").toString())
        .isEqualTo("[\"GEN-2\",\"CAN-5\"]");
    assertThat(quote.at("/breakdown/lines/1/label").asText())
        .isEqualTo("Delivery charge share for 1 × HDMI switch");
    assertThat(quote.at("/breakdown/lines/1/amount/amount").asLong()).isEqualTo(249);
    assertThat(quote.at("/breakdown/total/amount").asLong()).isEqualTo(2998);
    assertThat(orders.find(orderId).orElseThrow().refunds()).as("no side effects").isEmpty();
  }

  @Test
  void a_customer_quotes_a_return_with_a_missing_part() {
    Response response = run("quote-return-customer");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().at("/amount/amount").asLong()).isEqualTo(1699);
    assertThat(response.body().at("/breakdown/lines/1/label").asText())
        .isEqualTo("Delivery charges for 1 × HDMI switch (not refunded on a return)");
    assertThat(response.body().at("/breakdown/lines/1/amount/amount").asLong()).isEqualTo(-250);
    assertThat(response.body().at("/breakdown/lines/2/label").asText())
        .isEqualTo("Missing part: power adapter");
    assertThat(response.body().at("/breakdown/lines/2/ruleIds/0").asText()).isEqualTo("RET-5");
  }

  @Test
  void an_agent_quotes_a_partial_claim_refund() {
    Response response = run("quote-claim-agent");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().at("/amount/amount").asLong()).isEqualTo(800);
    assertThat(response.body().at("/breakdown/lines/0/label").asText())
        .isEqualTo("Partial refund for the defective part: power adapter (its listed price)");
  }

  @Test
  void another_customers_order_is_a_404_exactly_like_a_missing_one() {
    Response other = run("quote-other-customer");
    Response missing =
        LambdaRun.http(
            handler,
            Fixtures.eventFor(FN, "quote-other-customer", "o-missing")
                .replace("\"sub\": \"c-2\"", "\"sub\": \"c-1\""));

    assertThat(other.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(other.body().get("code").asText()).isEqualTo("not-found");
    assertThat(other.body().get("detail").asText().replace(orderId, "X"))
        .isEqualTo(missing.body().get("detail").asText().replace("o-missing", "X"));
    assertThat(run("ledger-other-customer").status()).isEqualTo(404);
  }

  @Test
  void a_bad_quote_is_a_400_naming_every_bad_field() {
    Response response = run("quote-invalid");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    List<String> fields = new ArrayList<>();
    response.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields)
        .containsExactlyInAnyOrder("orderId", "lines[0].quantity", "lines[0].condition");
  }

  @Test
  void roles_anonymous_401_customer_on_payment_routes_403() {
    assertThat(run("quote-anonymous").status()).isEqualTo(401);
    assertThat(run("pending-customer-forbidden").status()).isEqualTo(403);
    assertThat(run("settle-customer-forbidden").status()).isEqualTo(403);
    assertThat(orders.find(orderId).orElseThrow().refunds()).isEmpty();
  }

  @Test
  void the_ledger_shows_each_refund_with_status_due_date_breakdown_and_public_id() {
    cancelParcelTwo();

    Response response = run("ledger-customer");

    assertThat(response.status()).isEqualTo(200);
    JsonNode ledger = response.body();
    assertThat(ledger.at("/paidTotal/amount").asLong()).isEqualTo(5997);
    assertThat(ledger.at("/refundedTotal/amount").asLong()).isEqualTo(2998);
    assertThat(ledger.at("/remainingRefundable/amount").asLong()).isEqualTo(2999);
    JsonNode refund = ledger.at("/refunds/0");
    assertThat(refund.get("refundId").asText())
        .isEqualTo(orderId + "~rf-cancellation-" + CANCELLATION_ID);
    assertThat(refund.get("source").asText()).isEqualTo("CANCELLATION");
    assertThat(refund.get("status").asText()).isEqualTo("PENDING");
    assertThat(refund.get("dueBy").asText()).isEqualTo("2026-12-03");
    assertThat(refund.at("/breakdown/total/amount").asLong()).isEqualTo(2998);
  }

  @Test
  void settling_twice_with_the_same_reference_is_a_no_op_and_with_another_a_409() {
    Refund refund = cancelParcelTwo();
    String event = Fixtures.eventFor(FN, "settle-payment", orderId);

    Response first = LambdaRun.http(handler, event);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().get("refundId").asText()).isEqualTo(PublicRefundId.valueOf(refund));
    assertThat(first.body().get("status").asText()).isEqualTo("SETTLED");
    assertThat(first.body().get("paymentReference").asText()).isEqualTo("PAY-778899");
    assertThat(first.body().get("settledAt").asText()).isEqualTo("2026-11-26T13:21:30Z");
    Order settled = orders.find(orderId).orElseThrow();
    assertThat(settled.refund(refund.refundId()).orElseThrow().status())
        .isEqualTo(RefundStatus.SETTLED);

    // The same request again without the idempotency key: the settlement itself is idempotent.
    ObjectNode again = LambdaRun.tree(event);
    ((ObjectNode) again.get("headers")).remove("idempotency-key");
    Response second = LambdaRun.http(handler, again);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(orders.find(orderId).orElseThrow().version())
        .as("nothing written")
        .isEqualTo(settled.version());

    ObjectNode other = again.deepCopy();
    other.put(
        "body", "{\"settledAt\": \"2026-11-26T13:25:00Z\", \"paymentReference\": \"PAY-000001\"}");
    Response conflict = LambdaRun.http(handler, other);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body().get("code").asText()).isEqualTo("refund-already-settled");
    Refund stored = orders.find(orderId).orElseThrow().refund(refund.refundId()).orElseThrow();
    assertThat(stored.paymentReference()).isEqualTo("PAY-778899");

    // The fixture's own Idempotency-Key replays the first response.
    Response replay = LambdaRun.http(handler, event);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
  }

  @Test
  void
      GEN_5_a_settlement_stamped_in_the_grant_second_or_up_to_the_clock_skew_allowance_before_it_settles() {
    // Granted at 13:20:00.734; the payment provider stamps whole seconds, its clock maybe behind.
    Instant granted = Fixtures.NOW.plusMillis(734);
    String sameSecond = aws.uniqueId("o-skew");
    String atTheAllowance = aws.uniqueId("o-skew");
    String beyond = aws.uniqueId("o-skew");
    for (String id : List.of(sameSecond, atTheAllowance, beyond)) {
      TestData.halfDelivered(orders, id);
      assertThat(cancelParcelTwo(id, granted).grantedAt()).isEqualTo(granted);
    }

    Response truncated = settle(sameSecond, "2026-11-26T13:20:00Z");
    Response allowed = settle(atTheAllowance, "2026-11-26T13:15:00Z");
    long versionBefore = orders.find(beyond).orElseThrow().version();
    Response early = settle(beyond, "2026-11-26T13:14:59.999Z");

    assertThat(ClockSkew.DEFAULT).as("the allowance this test is at the edge of").hasMinutes(5);
    assertThat(truncated.status()).as(truncated.body().toString()).isEqualTo(200);
    assertThat(truncated.body().get("settledAt").asText()).isEqualTo("2026-11-26T13:20:00Z");
    assertThat(allowed.status()).as(allowed.body().toString()).isEqualTo(200);
    assertThat(allowed.body().get("status").asText()).isEqualTo("SETTLED");
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.body().at("/errors/0/field").asText()).isEqualTo("settledAt");
    assertThat(early.body().at("/errors/0/message").asText())
        .startsWith("must not be before the refund was granted (2026-11-26T13:20:00.734Z")
        .contains("PT5M", "the earliest accepted is 2026-11-26T13:15:00Z");
    assertThat(orders.find(beyond).orElseThrow().version())
        .as("nothing written")
        .isEqualTo(versionBefore);
  }

  /**
   * The payment integration settles {@code orderId}'s cancellation refund, stamped {@code
   * settledAt}.
   */
  private Response settle(String orderId, String settledAt) {
    ObjectNode event = LambdaRun.tree(Fixtures.eventFor(FN, "settle-payment", orderId));
    event.put(
        "body",
        "{\"settledAt\": \"" + settledAt + "\", \"paymentReference\": \"PAY-" + orderId + "\"}");
    ((ObjectNode) event.get("headers")).remove("idempotency-key");
    return LambdaRun.http(handler, event);
  }

  @Test
  void a_settlement_that_failed_can_be_retried_with_the_same_idempotency_key() {
    Refund refund = cancelParcelTwo();
    String event = Fixtures.eventFor(FN, "settle-payment", orderId);
    CrashingOrders crash = new CrashingOrders();
    handler = handlerOn(crash.wrap(orders));

    crash.beforeReplace();
    Response failed = LambdaRun.withoutContract().invoke(handler, event);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(crash.happened()).isTrue();
    assertThat(orders.find(orderId).orElseThrow().refund(refund.refundId()).orElseThrow().status())
        .isEqualTo(RefundStatus.PENDING);

    Response retried = LambdaRun.http(handler, event);
    assertThat(retried.status()).as("a 5xx is not kept for the key").isEqualTo(200);
    assertThat(retried.header("idempotent-replayed")).isNull();
    assertThat(orders.find(orderId).orElseThrow().refund(refund.refundId()).orElseThrow().status())
        .isEqualTo(RefundStatus.SETTLED);
  }

  @Test
  void settling_an_unknown_refund_is_a_404_and_a_malformed_id_or_bad_fields_a_400() {
    String event = Fixtures.eventFor(FN, "settle-payment", orderId);
    ObjectNode unknown =
        LambdaRun.tree(
            event
                .replace("rf-cancellation-c-7f3a", "rf-cancellation-nope")
                .replace("settle-" + orderId, "settle-unknown"));
    ObjectNode bare =
        LambdaRun.tree(
            event
                .replace(orderId + "~rf-cancellation-c-7f3a", "rf-cancellation-c-7f3a")
                .replace("settle-" + orderId, "settle-bare"));
    ObjectNode noOrder =
        LambdaRun.tree(
            event.replace(orderId + "~", "o-none~").replace("settle-" + orderId, "settle-none"));
    ObjectNode invalid = LambdaRun.tree(event);
    invalid.put("body", "{\"settledAt\": \"yesterday\"}");
    ((ObjectNode) invalid.get("headers")).remove("idempotency-key");

    assertThat(LambdaRun.http(handler, unknown).status()).isEqualTo(404);
    // A refund id without its order is not a PublicRefundId: a 400 before any read.
    assertThat(LambdaRun.http(handler, bare).status()).isEqualTo(400);
    assertThat(LambdaRun.http(handler, noOrder).status()).isEqualTo(404);
    Response bad = LambdaRun.http(handler, invalid);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("errors").toString()).contains("settledAt", "paymentReference");
  }

  @Test
  void pending_refunds_are_paginated_oldest_due_first_from_the_index() {
    // Three orders with one pending refund each, due long before every other test's refunds.
    List<String> mine = new ArrayList<>();
    for (int day = 3; day >= 1; day--) {
      String id = aws.uniqueId("o-pending");
      Order order = TestData.registered(orders, id);
      orders.replace(
          order
              .addRefund(TestData.refund(id, "cl-" + day, 100, LocalDate.of(2025, 5, day)))
              .order());
      mine.add(0, id);
    }
    String settledId = aws.uniqueId("o-settled");
    Order settledOrder = TestData.registered(orders, settledId);
    Refund paid = TestData.refund(settledId, "cl-paid", 100, LocalDate.of(2025, 4, 30));
    orders.replace(
        settledOrder.addRefund(paid).order().settleRefund(paid.refundId(), Fixtures.NOW, "PAY-1"));

    List<String> seenOrders = new ArrayList<>();
    List<String> seenRefunds = new ArrayList<>();
    String nextToken = null;
    int pages = 0;
    do {
      ObjectNode event = LambdaRun.tree(LambdaRun.eventText(FN, "pending-payment"));
      if (nextToken != null) {
        event.put("rawQueryString", "status=PENDING&limit=2&nextToken=" + nextToken);
        ((ObjectNode) event.get("queryStringParameters")).put("nextToken", nextToken);
      }
      Response page = LambdaRun.http(handler, event);
      assertThat(page.status()).isEqualTo(200);
      List<String> pageOrders = new ArrayList<>();
      page.body()
          .get("refunds")
          .forEach(
              r -> {
                assertThat(r.get("status").asText()).isEqualTo("PENDING");
                if (!pageOrders.contains(r.get("orderId").asText())) {
                  pageOrders.add(r.get("orderId").asText());
                }
                seenRefunds.add(r.get("refundId").asText());
              });
      assertThat(pageOrders).as("limit counts orders").hasSizeLessThanOrEqualTo(2);
      seenOrders.addAll(pageOrders);
      nextToken =
          page.body().get("nextToken").isNull() ? null : page.body().get("nextToken").asText();
      pages++;
    } while (nextToken != null && pages < 1000);

    assertThat(nextToken).isNull();
    assertThat(seenRefunds).doesNotHaveDuplicates();
    assertThat(seenOrders.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);
    assertThat(seenOrders).doesNotContain(settledId);
    assertThat(seenRefunds).contains(mine.getFirst() + "~rf-claim-cl-1");
    assertThat(pages).isGreaterThanOrEqualTo(2);
  }

  /**
   * The example of docs/refunds.md (FAQ answers), written to {@code target/docs-examples/} with the
   * fixture's order id put back: a return quote with a missing part, then the ledger after a
   * cancellation.
   */
  @Test
  void faq_example_for_the_docs() throws java.io.IOException {
    Response quote = run("quote-return-customer");
    cancelParcelTwo();
    Response ledger = run("ledger-customer");
    assertThat(quote.status()).isEqualTo(200);
    assertThat(ledger.status()).isEqualTo(200);

    java.nio.file.Path out = java.nio.file.Path.of("target", "docs-examples");
    java.nio.file.Files.createDirectories(out);
    var pretty = Json.MAPPER.writerWithDefaultPrettyPrinter();
    java.nio.file.Files.writeString(
        out.resolve("quote-return.json"),
        pretty.writeValueAsString(quote.body()).replace(orderId, Fixtures.FIXTURE_ORDER));
    java.nio.file.Files.writeString(
        out.resolve("ledger.json"),
        pretty.writeValueAsString(ledger.body()).replace(orderId, Fixtures.FIXTURE_ORDER));
  }

  @Test
  void pending_list_parameters_are_checked() {
    ObjectNode bad = LambdaRun.tree(LambdaRun.eventText(FN, "pending-payment"));
    bad.put("rawQueryString", "status=SETTLED&limit=0&nextToken=bm9wZQ");
    ((ObjectNode) bad.get("queryStringParameters")).put("status", "SETTLED").put("limit", "0");
    Response response = LambdaRun.http(handler, bad);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("errors").toString()).contains("status", "limit");

    ObjectNode badToken = LambdaRun.tree(LambdaRun.eventText(FN, "pending-payment"));
    ((ObjectNode) badToken.get("queryStringParameters")).put("nextToken", "bm9wZQ");
    Response tokenResponse = LambdaRun.http(handler, badToken);
    assertThat(tokenResponse.status()).isEqualTo(400);
    assertThat(tokenResponse.body().at("/errors/0/field").asText()).isEqualTo("nextToken");
  }
}
