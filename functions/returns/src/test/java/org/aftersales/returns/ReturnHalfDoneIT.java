package org.aftersales.returns;

import static org.aftersales.returns.ReturnsApi.event;
import static org.aftersales.returns.ReturnsApi.forOrder;
import static org.aftersales.returns.ReturnsApi.forReturn;
import static org.aftersales.returns.ReturnsApi.withBody;
import static org.aftersales.returns.ReturnsApi.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.testing.CountedCalls;
import org.aftersales.shared.testing.CrashingOrders;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A GET never writes, also of a return a crash left half done (simulated by {@link CrashingOrders}
 * around the order write of each kind of step): every GET route of the returns function shows it as
 * its repair would leave it while sending no write to DynamoDB (counted by {@link CountedCalls});
 * then the hourly sweep ({@code ReturnExpiryFunction} on events/ReturnExpiryFunction/schedule.json)
 * finishes it with the request path's step — units taken, a void return deleted (RET-2), units let
 * go (RET-9), a receipt applied with its refund exactly once (RET-6, LAW-2, GEN-4) — the return's
 * GET then answers exactly what it answered before, and a second run writes nothing.
 */
@ExtendWith(LocalAwsServers.class)
class ReturnHalfDoneIT {

  private static final UnitRef FIRST = new UnitRef("L1", 0);

  /** The sweep runs ten minutes after the crash: inside its window, past its grace. */
  private static final Duration SWEEP_AFTER = Duration.ofMinutes(10);

  private final CrashingOrders crashes = new CrashingOrders();
  private final CountedCalls calls = new CountedCalls();
  private final ReturnsApi api;
  private final DynamoDbClient counted;
  private String orderId;

  ReturnHalfDoneIT(LocalAws aws) {
    this.api = new ReturnsApi(aws, crashes::wrap);
    this.counted = calls.client(aws);
  }

  @BeforeEach
  void newOrder() {
    orderId = api.deliveredOrder();
  }

  @Test
  void RET_2_a_return_left_without_its_units_is_shown_authorised_and_the_sweep_takes_them() {
    crashes.beforeReplace();
    assertThat(api.crashing(authorize()).status()).isEqualTo(500);
    String returnId = onlyReturn().returnId();
    assertThat(order().heldBy(FIRST)).isEmpty();

    Shown shown = everyGet(returnId);

    assertThat(shown.returned().get("status").asText()).isEqualTo("AUTHORIZED");
    assertThat(shown.listed().get("status").asText()).isEqualTo("AUTHORIZED");
    assertThat(order().heldBy(FIRST)).as("a GET takes nothing").isEmpty();

    sweepFinishes(returnId, shown);
    assertThat(order().heldBy(FIRST)).contains(returnId);
    assertThat(order().statusOf(FIRST)).isEqualTo(UnitStatus.RETURN_OPEN);
    assertThat(api.pending(orderId, "ReturnAuthorized")).as("MSG-1: announced once").hasSize(1);
    secondSweepWritesNothing(returnId);
  }

  @Test
  void RET_2_a_return_whose_units_went_elsewhere_is_404_left_out_and_deleted_by_the_sweep() {
    crashes.beforeReplace();
    assertThat(api.crashing(authorize()).status()).isEqualTo(500);
    String returnId = onlyReturn().returnId();
    // meanwhile a claim took the unit (the claims function writes the order, not a return)
    api.orders.replace(
        order().take(List.of(FIRST), UnitStatus.CLAIM_OPEN, "cl-elsewhere").orElseThrow());

    countedCalls();
    LambdaRun.Response read = ReturnsApi.invoke(handler(), getReturn(returnId));
    LambdaRun.Response list = ReturnsApi.invoke(handler(), listOrder());
    List<String> sent = calls.take();
    assertThat(sent).as("the GETs read").isNotEmpty();
    assertThat(sent).as("a GET never writes").allMatch(READS::contains);

    assertThat(read.status()).isEqualTo(404);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().get("returns")).as("a void return is not listed").isEmpty();
    assertThat(api.returns.find(returnId)).as("a GET deletes nothing").isPresent();

    sweep(ReturnsApi.NOW.plus(SWEEP_AFTER));
    assertThat(api.returns.find(returnId)).isEmpty();
    assertThat(order().heldBy(FIRST)).contains("cl-elsewhere");
    long version = order().version();
    sweep(ReturnsApi.NOW.plus(SWEEP_AFTER).plusSeconds(3_600));
    assertThat(order().version()).isEqualTo(version);
  }

  @Test
  void
      RET_9_a_withdrawn_return_still_holding_its_units_is_shown_withdrawn_and_the_sweep_frees_them() {
    String returnId = authorised();
    crashes.beforeReplace();
    assertThat(
            api.crashing(withKey(forReturn(event("withdraw-customer"), returnId), null)).status())
        .isEqualTo(500);
    assertThat(status(returnId)).isEqualTo(ReturnStatus.WITHDRAWN);
    assertThat(order().heldBy(FIRST)).contains(returnId);

    Shown shown = everyGet(returnId);

    assertThat(shown.returned().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(shown.listed().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(order().heldBy(FIRST)).as("a GET lets nothing go").contains(returnId);
    assertThat(api.pending(orderId, "ReturnWithdrawn")).isEmpty();

    sweepFinishes(returnId, shown);
    assertThat(order().heldBy(FIRST)).isEmpty();
    assertThat(order().statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(api.pending(orderId, "ReturnWithdrawn")).as("MSG-1: announced once").hasSize(1);
    secondSweepWritesNothing(returnId);
    assertThat(api.pending(orderId, "ReturnWithdrawn")).hasSize(1);
  }

  @Test
  void RET_9_an_expired_return_still_holding_its_units_is_shown_expired_and_the_sweep_frees_them() {
    api.clock.set(Instant.parse("2026-11-10T10:00:00Z")); // send-by 2026-11-24
    String returnId = authorised();
    api.clock.set(ReturnsApi.NOW);
    crashes.beforeReplace();
    // the withdrawal finds it overdue, stores it EXPIRED, and dies letting its units go
    assertThat(
            api.crashing(withKey(forReturn(event("withdraw-customer"), returnId), null)).status())
        .isEqualTo(500);
    assertThat(status(returnId)).isEqualTo(ReturnStatus.EXPIRED);
    assertThat(order().heldBy(FIRST)).contains(returnId);

    Shown shown = everyGet(returnId);

    assertThat(shown.returned().get("status").asText()).isEqualTo("EXPIRED");
    assertThat(api.pending(orderId, "ReturnExpired")).isEmpty();

    sweepFinishes(returnId, shown);
    assertThat(order().heldBy(FIRST)).isEmpty();
    assertThat(api.pending(orderId, "ReturnExpired")).as("MSG-1: announced once").hasSize(1);
    secondSweepWritesNothing(returnId);
    assertThat(api.pending(orderId, "ReturnExpired")).hasSize(1);
  }

  @Test
  void
      RET_6_a_received_return_is_shown_refunded_as_its_receipt_decides_and_the_sweep_refunds_once() {
    String returnId = authorised();
    crashes.beforeReplace();
    assertThat(api.crashing(receipt(returnId, "receipt-warehouse")).status()).isEqualTo(500);
    assertThat(status(returnId)).isEqualTo(ReturnStatus.RECEIVED);
    assertThat(order().refunds()).isEmpty();

    Shown shown = everyGet(returnId);

    assertThat(shown.returned().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(shown.returned().at("/refund/amount/amount").asLong()).isPositive();
    assertThat(shown.listed().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(shown.listed().get("refund")).isEqualTo(shown.returned().get("refund"));
    assertThat(order().refunds()).as("a GET refunds nothing").isEmpty();

    sweepFinishes(returnId, shown);
    countedCalls();
    assertThat(ReturnsApi.invoke(handler(), getReturn(returnId)).body().get("refund"))
        .isEqualTo(shown.returned().get("refund"));
    assertThat(calls.take())
        .as("a refunded return's GET: the return and its order, whose ledger has the refund")
        .containsExactly("GetItem", "GetItem");
    Order refunded = order();
    assertThat(refunded.refunds()).hasSize(1);
    assertThat(refunded.statusOf(FIRST)).isEqualTo(UnitStatus.RETURNED);
    assertThat(api.pending(orderId, "ReturnReceived")).as("MSG-1: announced once").hasSize(1);
    secondSweepWritesNothing(returnId);

    // the warehouse's retry of the receipt finds it applied: still one refund (GEN-4)
    LambdaRun.Response again = api.invoke(receipt(returnId, "receipt-warehouse"));
    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().get("refund")).isEqualTo(shown.returned().get("refund"));
    assertThat(order().refunds()).hasSize(1);
    assertThat(order().refundedTotal().amount()).isLessThanOrEqualTo(order().spec().paidTotal());
  }

  @Test
  void RET_6_a_return_rejected_on_inspection_still_holding_its_units_is_freed_by_the_sweep() {
    String returnId = authorised();
    crashes.beforeReplace();
    assertThat(api.crashing(receipt(returnId, "receipt-warehouse-not-mint")).status())
        .isEqualTo(500);
    assertThat(status(returnId)).isEqualTo(ReturnStatus.REJECTED);
    assertThat(order().heldBy(FIRST)).contains(returnId);

    Shown shown = everyGet(returnId);

    assertThat(shown.returned().get("status").asText()).isEqualTo("REJECTED");
    assertThat(shown.returned().get("refund").isNull()).isTrue();

    sweepFinishes(returnId, shown);
    assertThat(order().heldBy(FIRST)).isEmpty();
    assertThat(order().statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(order().refunds()).isEmpty();
    secondSweepWritesNothing(returnId);
  }

  @Test
  void LAW_2_a_received_withdrawal_is_shown_refunded_by_its_GET_too_and_the_sweep_refunds_once() {
    orderId = consumerOrderInGermany();
    api.clock.set(Instant.parse("2026-11-20T09:00:00Z")); // inside the 14 days (LAW-1)
    LambdaRun.Response withdrawn =
        api.invoke(
            withKey(
                forOrder(event("withdraw-from-contract-customer"), orderId),
                api.aws.uniqueId("k")));
    assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(201);
    String id = withdrawn.body().get("withdrawalId").asText();
    crashes.beforeReplace();
    ObjectNode receipt =
        withKey(
            withBody(
                forReturn(event("receipt-warehouse"), id),
                "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"NOT_MINT\"},"
                    + " {\"lineId\": \"L1\", \"condition\": \"MINT\"}]}"),
            api.aws.uniqueId("rk"));
    assertThat(api.crashing(receipt).status()).isEqualTo(500);
    assertThat(status(id)).isEqualTo(ReturnStatus.RECEIVED);

    Shown shown = everyGet(id);

    assertThat(shown.returned().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(shown.returned().at("/refund/source").asText()).isEqualTo("WITHDRAWAL");
    assertThat(shown.withdrawal().at("/return")).isEqualTo(shown.returned());
    assertThat(order().refunds()).isEmpty();

    Instant at = Instant.parse("2026-11-20T09:10:00Z");
    JsonNode run = sweep(at);
    assertThat(run.at("/halfDone/finished").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(order().refunds()).hasSize(1);
    assertThat(ReturnsApi.invoke(api.handler(), getReturn(id)).body()).isEqualTo(shown.returned());
    long version = order().version();
    sweep(at.plusSeconds(3_600));
    assertThat(order().version()).isEqualTo(version);
    assertThat(order().refunds()).hasSize(1);
  }

  /** Two HDMI switches of consumer c-1 delivered to Germany on 10 Nov (LAW-1 applies); its id. */
  private String consumerOrderInGermany() {
    String id = api.aws.uniqueId("o");
    OrderSpec spec =
        new OrderSpec(
            id,
            "c-1",
            Currency.getInstance("EUR"),
            Instant.parse("2026-11-02T10:00:00Z"),
            LocalDate.parse("2026-11-05"),
            List.of(
                new LineSpec(
                    "L1", "KW-HDMI-01", "HDMI switch", "electronics", 2, 2999, 0, 0, List.of())),
            0,
            499,
            2 * 2999 + 499,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 1))),
                new ParcelSpec("P2", List.of(new ParcelLine("L1", 1)))),
            null,
            Buyer.CONSUMER,
            "DE");
    assertThat(api.orders.create(Order.register(spec, "2026-06"))).isTrue();
    for (String parcel : List.of("P1", "P2")) {
      api.orders.replace(
          api.order(id)
              .recordFulfilment(
                  parcel,
                  new FulfilmentEvent(FulfilmentType.DELIVERED, ReturnsApi.DELIVERED_AT, null))
              .value()
              .order());
    }
    return id;
  }

  // ---- the GETs, counted --------------------------------------------------------------------

  /** The DynamoDB operations a read sends: no write among them. */
  private static final List<String> READS = List.of("GetItem", "Query", "BatchGetItem");

  /** What the GET routes showed: the return, its entry in the order's list, its withdrawal. */
  private record Shown(JsonNode returned, JsonNode listed, JsonNode withdrawal) {}

  /**
   * Every GET route on the return, through a handler whose every DynamoDB call is counted: each
   * answers 200 and none sends a write; the return and its order keep their versions.
   */
  private Shown everyGet(String returnId) {
    long orderVersion = order().version();
    long returnVersion = api.returns.find(returnId).orElseThrow().version();
    countedCalls();

    LambdaRun.Response read = ReturnsApi.invoke(handler(), getReturn(returnId));
    LambdaRun.Response list = ReturnsApi.invoke(handler(), listOrder());
    Optional<LambdaRun.Response> withdrawal =
        returnId.startsWith("wd-")
            ? Optional.of(
                ReturnsApi.invoke(
                    handler(),
                    LambdaRun.withPathParameter(
                        event("get-withdrawal-customer"), "withdrawalId", returnId)))
            : Optional.empty();
    List<String> sent = calls.take();

    assertThat(sent).as("the GETs read").isNotEmpty();
    assertThat(sent).as("a GET never writes").allMatch(READS::contains);
    assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
    assertThat(list.status()).as(list.body().toString()).isEqualTo(200);
    withdrawal.ifPresent(w -> assertThat(w.status()).as(w.body().toString()).isEqualTo(200));
    assertThat(order().version()).isEqualTo(orderVersion);
    assertThat(api.returns.find(returnId).orElseThrow().version()).isEqualTo(returnVersion);
    JsonNode listed = null;
    for (JsonNode entry : list.body().get("returns")) {
      if (entry.get("returnId").asText().equals(returnId)) {
        listed = entry;
      }
    }
    assertThat(listed).as("listed").isNotNull();
    return new Shown(read.body(), listed, withdrawal.map(LambdaRun.Response::body).orElse(null));
  }

  /** Forgets the calls counted so far. */
  private void countedCalls() {
    calls.take();
  }

  /** A handler on the counting client (not crashing). */
  private ReturnsHandler handler() {
    return api.handler(counted);
  }

  /**
   * The sweep ten minutes after the crash finishes the return: it reports it, and the return's GET
   * then answers exactly what the GETs showed before it was repaired.
   */
  private void sweepFinishes(String returnId, Shown before) {
    JsonNode run = sweep(ReturnsApi.NOW.plus(SWEEP_AFTER));
    assertThat(run.at("/halfDone/complete").asBoolean()).isTrue();
    assertThat(run.at("/halfDone/finished").asInt()).isGreaterThanOrEqualTo(1);
    // failures are not asserted: the table is shared with this JVM's other tests, whose returns
    // the run may find too; this return's state is what is checked
    assertThat(ReturnsApi.invoke(api.handler(), getReturn(returnId)).body())
        .as("a GET shows the return as its repair left it")
        .isEqualTo(before.returned());
    assertThat(ReturnHalfDoneIT.halfDone(api, returnId)).isFalse();
  }

  /** A second run an hour later writes neither the return nor its order. */
  private void secondSweepWritesNothing(String returnId) {
    long orderVersion = order().version();
    long returnVersion = api.returns.find(returnId).orElseThrow().version();
    sweep(ReturnsApi.NOW.plus(SWEEP_AFTER).plusSeconds(3_600));
    assertThat(order().version()).as("a second run writes nothing").isEqualTo(orderVersion);
    assertThat(api.returns.find(returnId).orElseThrow().version()).isEqualTo(returnVersion);
  }

  private static boolean halfDone(ReturnsApi api, String returnId) {
    StoredReturn r = api.returns.find(returnId).orElseThrow();
    return ReturnProgress.halfDone(r, api.order(r.orderId()));
  }

  /** ReturnExpiryFunction on its sample schedule event at {@code at}: its summary. */
  private JsonNode sweep(Instant at) {
    LambdaRun lambda = new LambdaRun(Clock.fixed(at, ZoneOffset.UTC), "ReturnExpiryFunction");
    ObjectNode event = LambdaRun.event("ReturnExpiryFunction", "schedule");
    event.put("time", at.toString());
    return LambdaRun.raw(
        new ReturnExpiryHandler(
            api.orders, api.returns, ReturnsApi.POLICIES, lambda.log, lambda.metrics, 25, 5_000),
        Json.write(event));
  }

  // ---- requests -----------------------------------------------------------------------------

  private ObjectNode authorize() {
    return withKey(forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k"));
  }

  private String authorised() {
    LambdaRun.Response created = api.invoke(authorize());
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("returnId").asText();
  }

  private ObjectNode receipt(String returnId, String sample) {
    return withKey(forReturn(event(sample), returnId), api.aws.uniqueId("scan"));
  }

  private static ObjectNode getReturn(String returnId) {
    return forReturn(event("get-customer"), returnId);
  }

  private ObjectNode listOrder() {
    return forOrder(event("list-order-returns-customer"), orderId);
  }

  private ReturnStatus status(String returnId) {
    return api.returns.find(returnId).orElseThrow().state().status();
  }

  private StoredReturn onlyReturn() {
    return api.onlyReturn(orderId);
  }

  private Order order() {
    return api.order(orderId);
  }
}
