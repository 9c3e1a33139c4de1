package org.aftersales.returns;

import static org.aftersales.returns.ReturnsApi.event;
import static org.aftersales.returns.ReturnsApi.forOrder;
import static org.aftersales.returns.ReturnsApi.forReturn;
import static org.aftersales.returns.ReturnsApi.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RET-9 sweep ({@code ReturnExpiryFunction}) on events/ReturnExpiryFunction/schedule.json
 * against the local DynamoDB server: an overdue return is stored EXPIRED with its units let go and
 * one {@code ReturnExpired} (MSG-1), a second run writes nothing, a return not yet overdue is left
 * alone, the day rule is the request path's, and a run racing a receipt or a withdrawal of the same
 * return ends in exactly one of the outcomes. Assertions are per return of this test: other tests
 * of this JVM share the table and its {@code ByStatus} index.
 */
@ExtendWith(LocalAwsServers.class)
class ReturnExpiryIT {

  /** events/ReturnExpiryFunction/schedule.json: Thursday 2026-11-26, 15:00 in Berlin. */
  static final Instant SCHEDULE = Instant.parse("2026-11-26T14:00:00Z");

  /** A return authorised then has send-by date 2026-11-24: overdue at {@link #SCHEDULE}. */
  static final Instant EARLY = Instant.parse("2026-11-10T10:00:00Z");

  private static final UnitRef FIRST = new UnitRef("L1", 0);

  private final ReturnsApi api;

  ReturnExpiryIT(LocalAws aws) {
    this.api = new ReturnsApi(aws);
  }

  private ReturnExpiryHandler sweep() {
    LambdaRun lambda = new LambdaRun(Clock.fixed(SCHEDULE, ZoneOffset.UTC), "ReturnExpiryFunction");
    return new ReturnExpiryHandler(
        api.orders, api.returns, ReturnsApi.POLICIES, lambda.log, lambda.metrics, 25, 5_000);
  }

  /** The sweep on the sample schedule event, its {@code time} replaced by {@code at}. */
  private JsonNode scheduled(Instant at) {
    ObjectNode event = LambdaRun.event("ReturnExpiryFunction", "schedule");
    event.put("time", at.toString());
    return LambdaRun.raw(sweep(), Json.write(event));
  }

  /** A new order with one return authorised at {@code at}. */
  private String[] authorisedAt(Instant at) {
    String orderId = api.deliveredOrder();
    api.clock.set(at);
    LambdaRun.Response created =
        api.invoke(withKey(forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return new String[] {orderId, created.body().get("returnId").asText()};
  }

  private ReturnStatus status(String returnId) {
    return api.returns.find(returnId).orElseThrow().state().status();
  }

  @Test
  void RET_9_the_schedule_records_an_overdue_return_expired_once_and_leaves_the_others() {
    String[] overdue = authorisedAt(EARLY);
    String[] notYet = authorisedAt(ReturnsApi.NOW);
    long notYetVersion = api.order(notYet[0]).version();

    JsonNode summary =
        LambdaRun.raw(sweep(), LambdaRun.eventText("ReturnExpiryFunction", "schedule"));

    assertThat(summary.path("time").asText()).isEqualTo(SCHEDULE.toString());
    assertThat(summary.path("sendByBefore").asText()).isEqualTo("2026-11-26");
    assertThat(summary.path("complete").asBoolean()).isTrue();
    assertThat(summary.path("expired").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(status(overdue[1])).isEqualTo(ReturnStatus.EXPIRED);
    Order freed = api.order(overdue[0]);
    assertThat(freed.statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(freed.heldBy(FIRST)).isEmpty();
    List<JsonNode> announced = api.pending(overdue[0], "ReturnExpired");
    assertThat(announced).as("MSG-1: one ReturnExpired").hasSize(1);
    assertThat(announced.getFirst().at("/data/return/sendBy").asText()).isEqualTo("2026-11-24");
    assertThat(status(notYet[1])).as("send-by 2026-12-10").isEqualTo(ReturnStatus.AUTHORIZED);
    assertThat(api.order(notYet[0]).version()).isEqualTo(notYetVersion);

    long orderVersion = freed.version();
    long returnVersion = api.returns.find(overdue[1]).orElseThrow().version();
    JsonNode again = scheduled(SCHEDULE.plusSeconds(3_600));

    assertThat(again.path("complete").asBoolean()).isTrue();
    assertThat(api.order(overdue[0]).version())
        .as("a second run writes nothing")
        .isEqualTo(orderVersion);
    assertThat(api.returns.find(overdue[1]).orElseThrow().version()).isEqualTo(returnVersion);
    assertThat(api.pending(overdue[0], "ReturnExpired")).hasSize(1);
    assertThat(api.order(notYet[0]).version()).isEqualTo(notYetVersion);
  }

  @Test
  void RET_9_the_schedule_expires_a_return_after_the_end_of_its_send_by_day_in_the_store_zone() {
    String[] overdue = authorisedAt(EARLY); // send-by 2026-11-24
    long version = api.order(overdue[0]).version();

    scheduled(Instant.parse("2026-11-24T22:59:59Z")); // 23:59:59 on the send-by day in Berlin
    assertThat(status(overdue[1])).isEqualTo(ReturnStatus.AUTHORIZED);
    assertThat(api.order(overdue[0]).version()).isEqualTo(version);

    scheduled(Instant.parse("2026-11-24T23:00:00Z"));
    assertThat(status(overdue[1])).isEqualTo(ReturnStatus.EXPIRED);
    assertThat(api.pending(overdue[0], "ReturnExpired")).hasSize(1);
  }

  @Test
  void RET_9_a_GET_of_an_overdue_return_shows_it_expired_and_writes_nothing() {
    String[] overdue = authorisedAt(EARLY);
    long orderVersion = api.order(overdue[0]).version();
    long returnVersion = api.returns.find(overdue[1]).orElseThrow().version();
    api.clock.set(SCHEDULE);

    LambdaRun.Response read = api.invoke(forReturn(event("get-customer"), overdue[1]));

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().get("status").asText()).isEqualTo("EXPIRED");
    assertThat(api.order(overdue[0]).version()).isEqualTo(orderVersion);
    assertThat(api.returns.find(overdue[1]).orElseThrow().version()).isEqualTo(returnVersion);
    assertThat(status(overdue[1])).isEqualTo(ReturnStatus.AUTHORIZED);
    assertThat(api.pending(overdue[0], "ReturnExpired")).isEmpty();
  }

  @RepeatedTest(3)
  void RET_9_a_run_racing_a_receipt_ends_expired_or_refunded_never_both() throws Exception {
    String[] overdue = authorisedAt(EARLY);
    api.clock.set(SCHEDULE);
    ObjectNode receipt =
        withKey(forReturn(event("receipt-warehouse"), overdue[1]), api.aws.uniqueId("s"));

    LambdaRun.Response answer = raceSweepWith(receipt);

    ReturnStatus status = status(overdue[1]);
    int expired = api.pending(overdue[0], "ReturnExpired").size();
    int received = api.pending(overdue[0], "ReturnReceived").size();
    assertThat(status).isIn(ReturnStatus.EXPIRED, ReturnStatus.REFUNDED);
    if (status == ReturnStatus.EXPIRED) {
      assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
      assertThat(expired).isEqualTo(1);
      assertThat(received).isZero();
      assertThat(api.order(overdue[0]).refunds()).isEmpty();
      assertThat(api.order(overdue[0]).statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
    } else {
      assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
      assertThat(expired).isZero();
      assertThat(received).isEqualTo(1);
      assertThat(api.order(overdue[0]).refunds()).hasSize(1);
      assertThat(api.order(overdue[0]).statusOf(FIRST)).isEqualTo(UnitStatus.RETURNED);
    }
  }

  @RepeatedTest(3)
  void RET_9_a_run_racing_a_withdrawal_records_one_ReturnExpired() throws Exception {
    String[] overdue = authorisedAt(EARLY);
    api.clock.set(SCHEDULE);

    LambdaRun.Response answer =
        raceSweepWith(withKey(forReturn(event("withdraw-customer"), overdue[1]), null));

    // the withdrawal finds it overdue too and expires it itself if it comes first (RET-9)
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
    assertThat(status(overdue[1])).isEqualTo(ReturnStatus.EXPIRED);
    assertThat(api.pending(overdue[0], "ReturnExpired")).as("MSG-2: once").hasSize(1);
    assertThat(api.order(overdue[0]).statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
  }

  /** The sweep at {@link #SCHEDULE} and {@code request} started together; the request's answer. */
  private LambdaRun.Response raceSweepWith(ObjectNode request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      ReturnExpiryHandler sweep = sweep();
      ReturnsHandler handler = api.handler();
      String schedule = LambdaRun.eventText("ReturnExpiryFunction", "schedule");
      Callable<JsonNode> run =
          () -> {
            start.await();
            return LambdaRun.raw(sweep, schedule);
          };
      Callable<LambdaRun.Response> call =
          () -> {
            start.await();
            return ReturnsApi.invoke(handler, request);
          };
      Future<JsonNode> swept = pool.submit(run);
      Future<LambdaRun.Response> answered = pool.submit(call);
      start.countDown();
      assertThat(swept.get().path("complete").asBoolean()).isTrue();
      return answered.get();
    } finally {
      pool.shutdownNow();
    }
  }
}
