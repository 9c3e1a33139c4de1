package org.aftersales.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aftersales.cancellation.CancellationHandler;
import org.aftersales.localaws.LocalEventBridge;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.EvidenceRejection;
import org.aftersales.refunds.RefundBreachHandler;
import org.aftersales.refunds.RefundsHandler;
import org.aftersales.returns.ReturnExpiryHandler;
import org.aftersales.returns.ReturnsHandler;
import org.aftersales.shared.events.OutboxStore.ItemRef;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.CaseTooLargeException;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbEmailStates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;
import org.aftersales.shared.testing.EventCatalogue;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One test per event type of the order item (MSG-1; the return decisions announce theirs on it
 * too), and a claim's DOA-7 expiry, published from the claim item: the real decision, through its
 * handler on its sample event, against the local DynamoDB server; the publisher puts the outbox on
 * the kit's EventBridge endpoint through the real SDK client; exactly one event of the type is
 * published for the decision, and it validates against {@code docs/events/schemas/<type>.json}. The
 * events published are kept as the catalogue's examples ({@code target/event-examples/}, from which
 * docs/events.md's examples are copied).
 */
@ExtendWith(LocalAwsServers.class)
class EventCatalogueIT {

  static final Instant NOW = Instant.parse("2026-11-03T09:00:00Z");
  static final EventCatalogue EXAMPLES = new EventCatalogue();

  private final LocalAws aws;
  private TestBus local;
  private LocalEventBridge bridge;
  private EventPublisher publisher;
  private String orderId;
  private final PolicyBook book = PolicyBook.loadDefault();

  EventCatalogueIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    local = TestBus.start(aws);
    bridge = local.bridge();
    publisher =
        new EventPublisher(
            new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName()),
            local.bus(),
            Clock.systemUTC());
    orderId = aws.uniqueId("o");
    assertThat(call(orders(NOW), "OrdersFunction", "put-order").status()).isEqualTo(201);
  }

  @AfterEach
  void tearDown() {
    local.close();
  }

  @AfterAll
  static void writeExamples() throws IOException {
    EXAMPLES.write();
  }

  private OrderItemFunction.Ports ports(Instant at) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    LambdaRun run = new LambdaRun(clock, "events");
    return new OrderItemFunction.Ports(
        new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()),
        new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
        book,
        run.log,
        run.metrics,
        clock);
  }

  private OrdersHandler orders(Instant at) {
    return new OrdersHandler(ports(at));
  }

  private LambdaRun.Response call(
      com.amazonaws.services.lambda.runtime.RequestStreamHandler handler,
      String function,
      String name) {
    ObjectNode event = LambdaRun.forOrder(LambdaRun.event(function, name), orderId);
    if (event.path("headers").has("idempotency-key")) {
      LambdaRun.withHeader(event, "idempotency-key", orderId + "-" + name);
    }
    return LambdaRun.http(handler, event);
  }

  /** Publishes the order item's outbox; the details published for this order, in order. */
  private List<JsonNode> publish() {
    return publish(new ItemRef("ORDER#" + orderId, "ORDER"));
  }

  /** Publishes the outbox of {@code item}; the details published for this order, in order. */
  private List<JsonNode> publish(ItemRef item) {
    int before = bridge.received().size();
    publisher.publish(item);
    List<JsonNode> details = new ArrayList<>();
    for (ObjectNode e : bridge.received().subList(before, bridge.received().size())) {
      if (e.path("detail").path("orderId").asText().equals(orderId)) {
        details.add(e.path("detail"));
      }
    }
    return details;
  }

  /**
   * Exactly one event of {@code type} among {@code published}; valid against its schema; kept as
   * the type's example.
   */
  private JsonNode theOne(List<JsonNode> published, String type) {
    JsonNode event = theOneValid(published, type);
    EXAMPLES.keep(type, event);
    return event;
  }

  /** {@link #theOne} for a second variant of a type, not kept as its example. */
  private static JsonNode theOneValid(List<JsonNode> published, String type) {
    List<JsonNode> ofType =
        published.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    assertThat(ofType).as("MSG-2: exactly one %s for the decision", type).hasSize(1);
    JsonNode event = ofType.getFirst();
    assertThat(EventCatalogue.errors(type, event)).as("%s against its schema", type).isEmpty();
    return event;
  }

  private CancellationHandler cancellation() {
    return new CancellationHandler(ports(NOW));
  }

  @Test
  void MSG_1_OrderUnitsCancelled_and_RefundGranted_for_a_customers_cancellation() {
    assertThat(call(cancellation(), "CancellationFunction", "cancel-all-customer").status())
        .isEqualTo(200);

    theOneWithItsRefundGranted(publish(), "OrderUnitsCancelled");
  }

  /**
   * The one event of {@code type} and the one {@code RefundGranted} of the refund in its {@code
   * data.refund}, and nothing else, among {@code published}; the event.
   */
  private JsonNode theOneWithItsRefundGranted(List<JsonNode> published, String type) {
    JsonNode event = theOne(published, type);
    JsonNode granted = theOne(published, "RefundGranted");
    assertThat(published).hasSize(2);
    assertThat(event.path("data").path("refund").path("refundId"))
        .isEqualTo(granted.path("subject").path("id"));
    return event;
  }

  @Test
  void MSG_1_RefundSettled_when_the_payment_integration_settles() {
    assertThat(call(cancellation(), "CancellationFunction", "cancel-all-customer").status())
        .as("the cancellation the test announces")
        .isEqualTo(200);
    String refundId = publish().getLast().path("subject").path("id").asText();

    ObjectNode settle = LambdaRun.event("RefundsFunction", "settle-payment");
    LambdaRun.withPathParameter(settle, "refundId", refundId);
    LambdaRun.withHeader(settle, "idempotency-key", orderId + "-settle");
    assertThat(LambdaRun.http(new RefundsHandler(ports(NOW.plusSeconds(3600))), settle).status())
        .isEqualTo(200);

    theOne(publish(), "RefundSettled");
  }

  @Test
  void MSG_1_ChangeApplied_and_its_RefundGranted_for_a_cheaper_item() {
    assertThat(call(cancellation(), "CancellationFunction", "change-cheaper-customer").status())
        .isEqualTo(200);

    List<JsonNode> published = publish();

    theOne(published, "ChangeApplied");
    theOne(published, "RefundGranted");
  }

  @Test
  void MSG_1_ChangeAwaitingPayment_then_ChangeLapsed_when_the_parcel_is_processed_unpaid() {
    LambdaRun.Response dearer = call(cancellation(), "CancellationFunction", "change-dearer-agent");
    assertThat(dearer.status()).isEqualTo(200);
    JsonNode awaiting = theOne(publish(), "ChangeAwaitingPayment");

    ObjectNode processed =
        LambdaRun.forOrder(
            LambdaRun.event("OrdersFunction", "parcel-processed-warehouse"), orderId);
    LambdaRun.withPathParameter(processed, "parcelId", "P2");
    assertThat(LambdaRun.http(orders(NOW.plusSeconds(60)), processed).status()).isEqualTo(200);
    ObjectNode pay =
        LambdaRun.forOrder(LambdaRun.event("CancellationFunction", "change-payment"), orderId);
    LambdaRun.withPathParameter(pay, "changeId", dearer.body().path("changeId").asText());
    LambdaRun.withHeader(pay, "idempotency-key", orderId + "-pay");
    LambdaRun.Response lapsed =
        LambdaRun.http(new CancellationHandler(ports(NOW.plusSeconds(120))), pay);
    assertThat(lapsed.status()).isEqualTo(409);

    JsonNode event = theOne(publish(), "ChangeLapsed");
    assertThat(event.path("subject")).isEqualTo(awaiting.path("subject"));
  }

  @Test
  void MSG_1_OrderUnitsCancelled_by_the_schedule_CAN_6() {
    Instant overdue = Instant.parse("2026-11-20T09:00:00Z");
    ObjectNode schedule = LambdaRun.event("AutoCancelFunction", "schedule");
    schedule.put("time", overdue.toString());
    var run = new LambdaRun(Clock.fixed(overdue, ZoneOffset.UTC), "AutoCancelFunction");
    var handler =
        new org.aftersales.cancellation.AutoCancelHandler(
            new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()),
            book,
            run.log,
            run.metrics,
            25,
            0);
    LambdaRun.raw(handler, schedule.toString());

    JsonNode cancelled = theOne(publish(), "OrderUnitsCancelled");
    assertThat(cancelled.path("data").path("cancelledBy").asText()).isEqualTo("SCHEDULE");
  }

  @Test
  void MSG_5_RefundPastDue_once_per_refund_however_often_the_schedule_runs() {
    assertThat(call(cancellation(), "CancellationFunction", "cancel-all-customer").status())
        .as("the cancellation the test announces")
        .isEqualTo(200);
    publish();
    Instant late = Instant.parse("2026-11-20T10:00:00Z");
    ObjectNode schedule = LambdaRun.event("RefundBreachFunction", "scheduled");
    schedule.put("time", late.toString());
    var run = new LambdaRun(Clock.fixed(late, ZoneOffset.UTC), "RefundBreachFunction");
    var breach =
        new RefundBreachHandler(
            new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()),
            new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName()),
            book,
            run.log,
            run.metrics,
            Clock.fixed(late, ZoneOffset.UTC));

    JsonNode firstRun = LambdaRun.raw(breach, schedule.toString());
    assertThat(firstRun.path("announced").asInt())
        .as(
            "MSG-5: the run announces this order's refund (other tests' may be late too): %s",
            firstRun)
        .isPositive();
    JsonNode pastDue = theOne(publish(), "RefundPastDue");
    LambdaRun.raw(breach, schedule.toString());

    assertThat(publish()).as("MSG-5: once").isEmpty();
    assertThat(pastDue.path("ruleIds").toString()).contains("GEN-5", "MSG-5");
  }

  /** When the return tests decide: the order's parcels were delivered on 6 Nov. */
  static final Instant RETURN_AT = Instant.parse("2026-11-10T10:00:00Z");

  private ReturnsHandler returns(Instant at) {
    return TestReturns.handler(aws, aws.dynamoDb(), book, at);
  }

  /** Both parcels of the order delivered on 6 Nov (the warehouse's carrier events). */
  private void delivered() {
    for (String parcel : List.of("P1", "P2")) {
      ObjectNode event =
          LambdaRun.forOrder(
              LambdaRun.event("OrdersFunction", "parcel-delivered-service"), orderId);
      LambdaRun.withPathParameter(event, "parcelId", parcel);
      assertThat(LambdaRun.http(orders(Instant.parse("2026-11-06T12:00:00Z")), event).status())
          .isEqualTo(200);
    }
  }

  /** A ReturnsFunction sample about this order, or about {@code returnId}, at {@code at}. */
  private LambdaRun.Response returnsCall(String name, String returnId, Instant at) {
    return returnsCall(name, returnId, at, null);
  }

  /** {@link #returnsCall(String, String, Instant)} with another body, when not null. */
  private LambdaRun.Response returnsCall(String name, String returnId, Instant at, String body) {
    ObjectNode event = LambdaRun.event("ReturnsFunction", name);
    LambdaRun.withPathParameter(
        event, returnId == null ? "orderId" : "returnId", returnId == null ? orderId : returnId);
    if (body != null) {
      LambdaRun.withBody(event, body);
      LambdaRun.withHeader(
          event, "content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
    }
    if (event.path("headers").has("idempotency-key")) {
      LambdaRun.withHeader(event, "idempotency-key", orderId + "-" + name);
    }
    return LambdaRun.http(returns(at), event);
  }

  /** The customer's return of one HDMI switch, authorised; its id. */
  private String authorisedReturn() {
    delivered();
    LambdaRun.Response created = returnsCall("authorize-customer", null, RETURN_AT);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().path("returnId").asText();
  }

  @Test
  void MSG_1_ReturnAuthorized_with_the_RMA_number_address_send_by_date_and_what_to_include() {
    String returnId = authorisedReturn();

    JsonNode authorized = theOne(publish(), "ReturnAuthorized");

    assertThat(authorized.path("subject").path("id").asText()).isEqualTo(returnId);
    JsonNode r = authorized.path("data").path("return");
    assertThat(r.path("rmaNumber").asText()).isNotBlank();
    assertThat(r.path("sendBy").asText()).isEqualTo("2026-11-24");
    assertThat(r.path("returnAddress").path("lines")).isNotEmpty();
    assertThat(r.path("mustInclude").toString()).contains("power adapter");
  }

  @Test
  void MSG_1_ReturnReceived_and_its_RefundGranted_when_the_warehouse_receives_the_return() {
    String returnId = authorisedReturn();
    publish();

    LambdaRun.Response received =
        returnsCall("receipt-warehouse", returnId, RETURN_AT.plusSeconds(86_400));
    assertThat(received.status()).as(received.body().toString()).isEqualTo(200);

    JsonNode event = theOneWithItsRefundGranted(publish(), "ReturnReceived");
    assertThat(event.path("data").path("refund").path("breakdown").path("lines").toString())
        .contains("RET-5");
  }

  @Test
  void MSG_1_ReturnReceived_without_a_refund_when_the_return_is_refused_on_inspection_RET_6() {
    String returnId = authorisedReturn();
    publish();

    assertThat(
            returnsCall("receipt-warehouse-not-mint", returnId, RETURN_AT.plusSeconds(86_400))
                .status())
        .isEqualTo(200);

    JsonNode refused = theOneValid(publish(), "ReturnReceived");
    assertThat(refused.path("data").path("refund").isNull()).isTrue();
    assertThat(refused.path("ruleIds").toString()).contains("RET-6");
  }

  @Test
  void MSG_1_ReturnExpired_when_the_expiry_schedule_finds_an_overdue_return_RET_9() {
    String returnId = authorisedReturn();
    publish();

    Instant overdue = Instant.parse("2026-11-26T09:00:00Z");
    assertThat(returnsCall("get-customer", returnId, overdue).status()).isEqualTo(200);
    assertThat(publish()).as("a GET shows it EXPIRED and records nothing").isEmpty();
    expirySchedule(overdue);
    JsonNode expired = theOne(publish(), "ReturnExpired");
    expirySchedule(overdue.plusSeconds(3_600));
    returnsCall("get-customer", returnId, overdue.plusSeconds(3_660));

    assertThat(publish()).as("MSG-2: once").isEmpty();
    assertThat(expired.path("data").path("return").path("status").asText()).isEqualTo("EXPIRED");
  }

  /**
   * A DOA claim opened on this order, delivered, on {@link #RETURN_AT}, its opening's events
   * published; its id.
   */
  private String openedClaim() {
    delivered();
    ObjectNode open =
        LambdaRun.forOrder(LambdaRun.event("ClaimsFunction", "customer-open-claim"), orderId);
    LambdaRun.withHeader(open, "idempotency-key", orderId + "-claim");
    LambdaRun.Response opened = LambdaRun.http(TestClaims.handler(aws, book, RETURN_AT), open);
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    String claimId = opened.body().path("claimId").asText();
    publish();
    publish(new ItemRef("CLAIM#" + claimId, "CLAIM"));
    return claimId;
  }

  @Test
  void MSG_1_ClaimExpired_when_the_expiry_schedule_finds_a_claim_that_waited_too_long_DOA_7() {
    String claimId = openedClaim();
    ItemRef claim = new ItemRef("CLAIM#" + claimId, "CLAIM");

    // DOA-7: 14 days to send the evidence in the order's policy version
    Instant overdue = RETURN_AT.plus(Duration.ofDays(15));
    ObjectNode read =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-get-claim"), "claimId", claimId);
    assertThat(
            LambdaRun.http(TestClaims.handler(aws, book, overdue), read)
                .body()
                .path("status")
                .asText())
        .isEqualTo("EXPIRED");
    assertThat(publish(claim)).as("a GET shows it EXPIRED and records nothing").isEmpty();
    claimExpirySchedule(overdue);
    JsonNode expired = theOne(publish(claim), "ClaimExpired");
    claimExpirySchedule(overdue.plusSeconds(3_600));

    assertThat(publish(claim)).as("MSG-2: once").isEmpty();
    assertThat(expired.path("subject").path("id").asText()).isEqualTo(claimId);
    assertThat(expired.path("data").path("claim").path("status").asText()).isEqualTo("EXPIRED");
    assertThat(expired.path("ruleIds").toString()).isEqualTo("[\"DOA-7\"]");
  }

  @Test
  void MSG_2_a_claim_near_the_item_limit_announces_its_expiry_in_an_event_under_256_KB_DOA_7() {
    String claimId = openedClaim();
    ItemRef claim = new ItemRef("CLAIM#" + claimId, "CLAIM");
    // the history that grows: refused files (DOA-3), here each with a reason of 1,000 characters;
    // as many as the item-size guard lets the claim keep, then 40 fewer (about 42 KB) for the
    // expiry's event, which the expiry writes into the item with the claim
    DynamoDbClaimRepository claims = new DynamoDbClaimRepository(aws.dynamoDb(), aws.tableName());
    ClaimCase opening = claims.find(claimId).orElseThrow().state();
    int most = 420;
    while (!written(claims, claimId, withRefusedFiles(opening, most))) {
      most -= 5;
    }
    assertThat(most).as("the guard refused the first tries").isLessThan(420);
    int refused = most - 40;
    assertThat(written(claims, claimId, withRefusedFiles(opening, refused))).isTrue();

    claimExpirySchedule(RETURN_AT.plus(Duration.ofDays(15)));
    JsonNode expired = theOneValid(publish(claim), "ClaimExpired");

    assertThat(expired.toString().getBytes(StandardCharsets.UTF_8).length)
        .as("the event's detail, in bytes")
        .isLessThan(256 * 1024);
    JsonNode evidence = expired.path("data").path("claim").path("evidence");
    assertThat(evidence.path("rejectedTotal").asInt()).isEqualTo(refused);
    assertThat(evidence.path("rejected")).hasSize(20);
    assertThat(evidence.path("rejected").get(19).path("uploadId").asText())
        .isEqualTo("up-" + (refused - 1));
  }

  /** Whether the claim item took {@code state} (false: refused as over the item limit). */
  private static boolean written(DynamoDbClaimRepository claims, String claimId, ClaimCase state) {
    Claim read = claims.find(claimId).orElseThrow();
    try {
      claims.replace(read.withState(state, null));
      return true;
    } catch (CaseTooLargeException tooLarge) {
      return false;
    }
  }

  /** {@code state} with {@code count} refused files, each with a reason of 1,000 characters. */
  private static ClaimCase withRefusedFiles(ClaimCase state, int count) {
    ClaimCase grown = state;
    for (int i = 0; i < count; i++) {
      grown =
          grown.withRejection(
              new EvidenceRejection(
                  EvidenceKind.PROBLEM, "up-" + i, "x".repeat(1_000), RETURN_AT.plusSeconds(i)));
    }
    return grown;
  }

  /** {@code ClaimExpiryFunction} on its schedule sample, at {@code at}. */
  private void claimExpirySchedule(Instant at) {
    ObjectNode event = LambdaRun.event("ClaimExpiryFunction", "schedule");
    event.put("time", at.toString());
    JsonNode summary = LambdaRun.raw(TestClaims.expiry(aws, book), event.toString());
    assertThat(summary.path("complete").asBoolean()).as(summary.toString()).isTrue();
  }

  @Test
  void MSG_1_ReturnWithdrawn_when_the_customer_withdraws_the_return_before_sending_it_RET_9() {
    String returnId = authorisedReturn();
    publish();

    LambdaRun.Response withdrawn =
        returnsCall("withdraw-customer", returnId, RETURN_AT.plusSeconds(3_600));
    assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(200);
    JsonNode event = theOne(publish(), "ReturnWithdrawn");
    assertThat(returnsCall("withdraw-customer", returnId, RETURN_AT.plusSeconds(7_200)).status())
        .isEqualTo(200);

    assertThat(publish()).as("MSG-2: a repeated withdrawal records nothing").isEmpty();
    assertThat(event.path("subject").path("id").asText()).isEqualTo(returnId);
    assertThat(event.path("data").path("return").path("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(event.path("ruleIds").toString()).contains("RET-9");
  }

  @Test
  void
      MSG_4_UnannouncedReturnReceived_when_the_warehouse_records_a_parcel_naming_the_order_RET_3() {
    delivered();
    String body =
        "{\"orderId\": \""
            + orderId
            + "\", \"units\": [{\"lineId\": \"L1\", \"quantity\": 1}],"
            + " \"receivedAt\": \"2026-11-26T13:00:00Z\"}";

    LambdaRun.Response recorded = parcelRecorded(body, RETURN_AT.plusSeconds(86_400));
    assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(201);
    String id = recorded.body().path("unannouncedId").asText();
    ItemRef parcel = new ItemRef("UNANNOUNCED#" + id, "UNANNOUNCED");
    JsonNode event = theOne(publish(parcel), "UnannouncedReturnReceived");
    parcelRecorded(body, RETURN_AT.plusSeconds(86_460));

    assertThat(publish(parcel)).as("MSG-2: the retry records nothing").isEmpty();
    assertThat(publish()).as("nothing on the order item").isEmpty();
    assertThat(event.path("subject").path("id").asText()).isEqualTo(id);
    assertThat(event.path("customerId").asText()).isEqualTo("c-1");
    assertThat(event.path("data").path("unannounced")).isEqualTo(recorded.body());
    assertThat(event.path("ruleIds").toString()).contains("RET-3");
  }

  /** The warehouse's sample of an unannounced parcel with {@code body}, under one key per order. */
  private LambdaRun.Response parcelRecorded(String body, Instant at) {
    ObjectNode event = LambdaRun.event("ReturnsFunction", "unannounced-warehouse");
    LambdaRun.withBody(event, body);
    LambdaRun.withHeader(
        event, "content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
    LambdaRun.withHeader(event, "idempotency-key", orderId + "-unannounced");
    return LambdaRun.http(returns(at), event);
  }

  /** ReturnExpiryFunction on its sample schedule event, its {@code time} replaced by {@code at}. */
  private void expirySchedule(Instant at) {
    ObjectNode event = LambdaRun.event("ReturnExpiryFunction", "schedule");
    event.put("time", at.toString());
    LambdaRun run = new LambdaRun(Clock.fixed(at, ZoneOffset.UTC), "ReturnExpiryFunction");
    JsonNode summary =
        LambdaRun.raw(
            new ReturnExpiryHandler(
                new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()),
                new DynamoDbReturnRepository(aws.dynamoDb(), aws.tableName()),
                PolicyBook.loadDefault(),
                run.log,
                run.metrics,
                25,
                5_000),
            Json.write(event));
    assertThat(summary.path("complete").asBoolean()).as(summary.toString()).isTrue();
  }

  /** A German consumer's order (LAW-1 covers it), delivered; the tests' order from now on. */
  private void consumerOrderInGermany() {
    orderId = aws.uniqueId("o");
    assertThat(call(orders(NOW), "OrdersFunction", "put-order-with-contact").status())
        .isEqualTo(201);
    delivered();
  }

  @Test
  void MSG_1_WithdrawalReceived_then_ReturnReceived_for_a_withdrawal_from_the_contract_LAW_3() {
    consumerOrderInGermany();

    LambdaRun.Response withdrawn = returnsCall("withdraw-from-contract-customer", null, RETURN_AT);
    assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(201);
    JsonNode received = theOne(publish(), "WithdrawalReceived");
    String id = withdrawn.body().path("withdrawalId").asText();
    assertThat(received.path("subject").path("id").asText()).isEqualTo(id);

    assertThat(
            returnsCall(
                    "receipt-warehouse",
                    id,
                    RETURN_AT.plusSeconds(86_400),
                    "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\"},"
                        + " {\"lineId\": \"L1\", \"condition\": \"NOT_MINT\"}]}")
                .status())
        .isEqualTo(200);

    JsonNode back = theOneValid(publish(), "ReturnReceived");
    assertThat(back.path("data").path("refund").path("source").asText()).isEqualTo("WITHDRAWAL");
  }

  @Test
  void MSG_1_WithdrawalReceived_for_a_return_request_judged_as_a_withdrawal_LAW_4() {
    consumerOrderInGermany();

    LambdaRun.Response asked = returnsCall("authorize-customer", null, RETURN_AT);
    assertThat(asked.status()).as(asked.body().toString()).isEqualTo(201);
    List<JsonNode> published = publish();

    JsonNode received = theOneValid(published, "WithdrawalReceived");
    assertThat(published)
        .extracting(e -> e.path("type").asText())
        .doesNotContain("ReturnAuthorized");
    assertThat(received.path("subject").path("id").asText())
        .isEqualTo(asked.body().path("returnId").asText())
        .startsWith("wd-ret-");
    assertThat(received.path("ruleIds").toString()).contains("LAW-4");
  }

  @Test
  void GET_events_lists_the_orders_events_oldest_first_with_each_emails_state() {
    assertThat(call(cancellation(), "CancellationFunction", "cancel-all-customer").status())
        .as("the cancellation the test announces")
        .isEqualTo(200);
    List<JsonNode> published = publish();
    String first = published.getFirst().path("eventId").asText();
    emailRecorded(first, "SENT", 1, Map.of());
    OrderEventsHandler handler = orderEvents();

    ObjectNode get =
        LambdaRun.forOrder(LambdaRun.event("OrderEventsFunction", "get-events-customer"), orderId);
    LambdaRun.withQuery(get, "limit", "1");
    LambdaRun.Response page1 = LambdaRun.http(handler, get);
    assertThat(page1.status()).isEqualTo(200);
    assertThat(page1.body().path("events")).hasSize(1);
    JsonNode event = page1.body().path("events").path(0);
    assertThat(event.path("eventId").asText()).isEqualTo(first);
    assertThat(event.path("email").path("status").asText()).isEqualTo("SENT");
    assertThat(event.path("email").path("attempts").asInt()).isEqualTo(1);

    LambdaRun.withQuery(get, "nextToken", page1.body().path("nextToken").asText());
    LambdaRun.Response page2 = LambdaRun.http(handler, get);
    assertThat(page2.body().path("events").path(0).path("eventId").asText())
        .isEqualTo(published.get(1).path("eventId").asText());
    assertThat(page2.body().path("events").path(0).path("email").isNull()).isTrue();

    LambdaRun.withQuery(get, "nextToken", "bm90LWEtdG9rZW4");
    LambdaRun.Response forged = LambdaRun.http(handler, get);
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body().path("errors").toString()).contains("nextToken");

    ObjectNode other =
        LambdaRun.forOrder(
            LambdaRun.event("OrderEventsFunction", "get-events-other-customer"), orderId);
    assertThat(LambdaRun.http(handler, other).status()).isEqualTo(404);
  }

  @Test
  void RET_3_an_unannounced_parcel_is_listed_to_agents_never_to_the_orders_owner() {
    String returnId = authorisedReturn();
    publish();
    String body =
        "{\"orderId\": \""
            + orderId
            + "\", \"units\": [{\"lineId\": \"L1\", \"quantity\": 1}],"
            + " \"receivedAt\": \""
            + RETURN_AT.plusSeconds(3_600)
            + "\"}";
    LambdaRun.Response recorded = parcelRecorded(body, RETURN_AT.plusSeconds(3_600));
    assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(201);
    String unannounced =
        theOneValid(
                publish(
                    new ItemRef(
                        "UNANNOUNCED#" + recorded.body().path("unannouncedId").asText(),
                        "UNANNOUNCED")),
                "UnannouncedReturnReceived")
            .path("eventId")
            .asText();
    assertThat(returnsCall("withdraw-customer", returnId, RETURN_AT.plusSeconds(7_200)).status())
        .isEqualTo(200);
    publish();

    List<String> agentSees = eventIds("get-events-agent", 100);
    assertThat(agentSees.indexOf(unannounced))
        .as("the agent's history has the parcel, between the return's events")
        .isBetween(1, agentSees.size() - 2);
    List<String> ownerMaySee = agentSees.stream().filter(id -> !id.equals(unannounced)).toList();

    assertThat(eventIds("get-events-customer", 100))
        .as("RET-3: the owner is not shown a parcel the warehouse says is theirs")
        .isEqualTo(ownerMaySee);
    assertThat(eventIds("get-events-customer", 2))
        .as("a page of two is filled past the hidden event")
        .isEqualTo(ownerMaySee);
    assertThat(eventIds("get-events-customer", 1))
        .as("a page at a time, no later event lost past the hidden one")
        .isEqualTo(ownerMaySee);
  }

  /**
   * Every event id the sample {@code name} lists for the order, {@code limit} a page, following
   * {@code nextToken}; a page with a next one is full.
   */
  private List<String> eventIds(String name, int limit) {
    OrderEventsHandler handler = orderEvents();
    ObjectNode get = LambdaRun.forOrder(LambdaRun.event("OrderEventsFunction", name), orderId);
    LambdaRun.withQuery(get, "limit", Integer.toString(limit));
    List<String> ids = new ArrayList<>();
    while (true) {
      LambdaRun.Response page = LambdaRun.http(handler, get);
      assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
      page.body().path("events").forEach(e -> ids.add(e.path("eventId").asText()));
      JsonNode next = page.body().path("nextToken");
      if (next.isNull()) {
        return ids;
      }
      assertThat(page.body().path("events")).as("a page with a next one is full").hasSize(limit);
      LambdaRun.withQuery(get, "nextToken", next.asText());
    }
  }

  @Test
  void MSG_3_a_failed_email_shows_agents_why_and_customers_only_that_it_failed() {
    assertThat(call(cancellation(), "CancellationFunction", "cancel-all-customer").status())
        .as("the cancellation the test announces")
        .isEqualTo(200);
    String first = publish().getFirst().path("eventId").asText();
    emailRecorded(
        first,
        "FAILED",
        3,
        Map.of("lastError", s("MessageRejected: Email address is not verified.")));
    OrderEventsHandler handler = orderEvents();

    JsonNode asAgent =
        LambdaRun.http(
                handler,
                LambdaRun.forOrder(
                    LambdaRun.event("OrderEventsFunction", "get-events-agent"), orderId))
            .body()
            .path("events")
            .path(0)
            .path("email");
    JsonNode asCustomer =
        LambdaRun.http(
                handler,
                LambdaRun.forOrder(
                    LambdaRun.event("OrderEventsFunction", "get-events-customer"), orderId))
            .body()
            .path("events")
            .path(0)
            .path("email");

    assertThat(asAgent.path("status").asText()).isEqualTo("FAILED");
    assertThat(asAgent.path("attempts").asInt()).isEqualTo(3);
    assertThat(asAgent.path("lastError").asText()).contains("not verified");
    assertThat(asCustomer.path("status").asText()).isEqualTo("FAILED");
    assertThat(asCustomer.has("lastError")).isFalse();
  }

  /** The emailer's EMAIL item of an event, as it writes it (MSG-3), with {@code more} beside. */
  private void emailRecorded(
      String eventId,
      String status,
      int attempts,
      Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> more) {
    var item =
        new java.util.HashMap<>(
            Map.of(
                "pk", s("EMAIL#" + eventId),
                "sk", s("EMAIL"),
                "gsi1pk", s("ORDER#" + orderId),
                "gsi1sk", s("EMAIL#" + eventId),
                "emailStatus", s(status),
                "attempts",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(
                        String.valueOf(attempts)),
                "updatedAt", s("2026-11-03T09:00:05Z")));
    item.putAll(more);
    aws.dynamoDb().putItem(p -> p.tableName(aws.tableName()).item(item));
  }

  private OrderEventsHandler orderEvents() {
    var run = new LambdaRun(Clock.fixed(NOW, ZoneOffset.UTC), "OrderEventsFunction");
    return new OrderEventsHandler(
        new OrderEventsHandler.Ports(
            new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()),
            new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName()),
            new DynamoDbEmailStates(aws.dynamoDb(), aws.tableName()),
            run.log,
            run.metrics,
            Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String v) {
    return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(v);
  }
}
