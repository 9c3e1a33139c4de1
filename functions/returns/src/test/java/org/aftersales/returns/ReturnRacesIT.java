package org.aftersales.returns;

import static org.aftersales.returns.ReturnsApi.event;
import static org.aftersales.returns.ReturnsApi.forOrder;
import static org.aftersales.returns.ReturnsApi.forReturn;
import static org.aftersales.returns.ReturnsApi.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests racing on one return or one unit, each through its own handler instance (as separate
 * Lambda containers would), against the local DynamoDB server: exactly one wins, and money moves
 * once (GEN-4).
 */
@ExtendWith(LocalAwsServers.class)
class ReturnRacesIT {

  private static final int RACERS = 6;

  private final ReturnsApi api;

  ReturnRacesIT(LocalAws aws) {
    this.api = new ReturnsApi(aws);
  }

  @RepeatedTest(3)
  void receipts_racing_for_one_return_refund_it_once() throws Exception {
    String orderId = api.deliveredOrder();
    String returnId =
        api.invoke(withKey(forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")))
            .body()
            .get("returnId")
            .asText();

    List<LambdaRun.Response> answers =
        race(
            i ->
                withKey(
                    forReturn(
                        event(i % 2 == 0 ? "receipt-warehouse" : "receipt-agent-override"),
                        returnId),
                    api.aws.uniqueId("scan")));

    Order order = api.order(orderId);
    assertThat(order.refunds()).hasSize(1);
    assertThat(order.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.RETURNED);
    String refundId = order.refunds().getFirst().refundId();
    assertThat(refundId).isEqualTo("rf-return-" + returnId);
    // MSG-2: the one write that granted the refund recorded the one ReturnReceived
    assertThat(api.pending(orderId, "ReturnReceived")).hasSize(1);
    assertThat(api.pending(orderId, "RefundGranted")).hasSize(1);
    // The two samples report different findings (the agent's carries an override): the receipt
    // that won is recorded; the same findings again are a no-op 200, others 409.
    assertThat(answers).anySatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
    for (LambdaRun.Response answer : answers) {
      assertThat(answer.status()).as(answer.body().toString()).isIn(200, 409);
      if (answer.status() == 409) {
        assertThat(answer.code()).isEqualTo("return-already-received");
        continue;
      }
      assertThat(answer.body().get("status").asText()).isEqualTo("REFUNDED");
      assertThat(answer.body().at("/refund/refundId").asText()).isEqualTo(orderId + "~" + refundId);
      assertThat(answer.body().at("/refund/amount/amount").asLong())
          .isEqualTo(order.refunds().getFirst().amount().amount());
    }
  }

  @RepeatedTest(3)
  void return_requests_racing_for_the_last_unit_authorise_one_return() throws Exception {
    String orderId = api.deliveredOrder("P1"); // only L1#0 is delivered

    List<LambdaRun.Response> answers =
        race(i -> withKey(forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")));

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(answers)
        .filteredOn(a -> a.status() != 201)
        .allSatisfy(
            a ->
                assertThat(a.body().get("code").asText())
                    .isIn("unit-not-returnable", "not-delivered"));
    assertThat(api.returns.byOrder(orderId)).hasSize(1);
    assertThat(api.order(orderId).statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.RETURN_OPEN);
    // MSG-2: only the write that took the unit announced; the requests decided again record none
    assertThat(api.pending(orderId, "ReturnAuthorized"))
        .extracting(e -> e.at("/subject/id").asText())
        .containsExactly(api.returns.byOrder(orderId).getFirst().returnId());
    everyUnitIsHeldByAtMostOneLiveReturn(orderId);
  }

  @RepeatedTest(3)
  void six_authorisations_on_two_units_authorise_two_returns_one_per_unit() throws Exception {
    String orderId = api.deliveredOrder(); // L1#0 and L1#1 delivered

    List<LambdaRun.Response> answers =
        race(i -> withKey(forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")));

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(2);
    assertThat(answers)
        .filteredOn(a -> a.status() != 201)
        .allSatisfy(
            a -> assertThat(a.body().get("code").asText()).as(a.body().toString()).isNotBlank());
    List<StoredReturn> returns = api.returns.byOrder(orderId);
    assertThat(returns).hasSize(2);
    assertThat(returns.stream().flatMap(r -> r.state().units().stream()))
        .containsExactlyInAnyOrder(new UnitRef("L1", 0), new UnitRef("L1", 1));
    everyUnitIsHeldByAtMostOneLiveReturn(orderId);
  }

  @RepeatedTest(3)
  void withdrawals_racing_authorisations_never_free_a_unit_another_return_holds() throws Exception {
    String orderId = api.deliveredOrder("P1"); // only L1#0 is delivered
    String first = authorised(orderId);

    List<LambdaRun.Response> answers =
        race(
            i ->
                i % 2 == 0
                    ? withKey(forReturn(event("withdraw-customer"), first), null)
                    : withKey(
                        forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")));

    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 201, 409, 422));
    assertThat(api.returns.find(first).orElseThrow().state().status().name())
        .isEqualTo("WITHDRAWN");
    everyUnitIsHeldByAtMostOneLiveReturn(orderId);
  }

  @RepeatedTest(3)
  void expiry_by_withdrawals_racing_authorisations_never_frees_a_unit_another_return_holds()
      throws Exception {
    String orderId = api.deliveredOrder("P1");
    String first = authorised(orderId);
    api.clock.set(Instant.parse("2026-12-10T23:00:00Z")); // past its send-by day (RET-9)

    List<LambdaRun.Response> answers =
        race(
            i ->
                i % 2 == 0
                    ? withKey(forReturn(event("withdraw-customer"), first), null)
                    : withKey(
                        forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")));

    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 201, 409, 422));
    assertThat(api.returns.find(first).orElseThrow().state().status().name()).isEqualTo("EXPIRED");
    everyUnitIsHeldByAtMostOneLiveReturn(orderId);
  }

  private String authorised(String orderId) {
    LambdaRun.Response authorised =
        api.invoke(withKey(forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")));
    assertThat(authorised.status()).as(authorised.body().toString()).isEqualTo(201);
    return authorised.body().get("returnId").asText();
  }

  /**
   * RET-2: a unit RETURN_OPEN names an AUTHORIZED return of the order, every AUTHORIZED return
   * holds its units, and a unit held by nobody is ACTIVE.
   */
  private void everyUnitIsHeldByAtMostOneLiveReturn(String orderId) {
    Order order = api.order(orderId);
    Set<String> live =
        api.returns.byOrder(orderId).stream()
            .filter(r -> r.state().status() == ReturnStatus.AUTHORIZED)
            .peek(
                r ->
                    assertThat(order.holds(r.state().units(), r.returnId()))
                        .as("%s holds its units on %s", r.returnId(), order.units())
                        .isTrue())
            .map(StoredReturn::returnId)
            .collect(Collectors.toSet());
    order
        .units()
        .forEach(
            (unit, state) -> {
              if (state.status() == UnitStatus.RETURN_OPEN) {
                assertThat(live).as("holder of %s", unit).contains(state.heldBy());
              } else if (state.status() == UnitStatus.ACTIVE) {
                assertThat(state.heldBy()).as("holder of %s", unit).isNull();
              }
            });
  }

  @RepeatedTest(3)
  void a_withdrawal_racing_a_receipt_ends_in_one_consistent_outcome() throws Exception {
    String orderId = api.deliveredOrder();
    String returnId =
        api.invoke(withKey(forOrder(event("authorize-customer"), orderId), api.aws.uniqueId("k")))
            .body()
            .get("returnId")
            .asText();

    List<LambdaRun.Response> answers =
        race(
            i ->
                i % 2 == 0
                    ? withKey(forReturn(event("withdraw-customer"), returnId), null)
                    : withKey(
                        forReturn(event("receipt-warehouse"), returnId), api.aws.uniqueId("scan")));

    Order order = api.order(orderId);
    String status = api.returns.find(returnId).orElseThrow().state().status().name();
    assertThat(status).isIn("WITHDRAWN", "REFUNDED");
    if (status.equals("REFUNDED")) {
      assertThat(order.refunds()).hasSize(1);
      assertThat(order.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.RETURNED);
    } else {
      assertThat(order.refunds()).isEmpty();
      assertThat(order.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.ACTIVE);
    }
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 409));
    assertThat(answers)
        .filteredOn(a -> a.status() == 200)
        .allSatisfy(a -> assertThat(a.body().get("status").asText()).isEqualTo(status));
  }

  private List<LambdaRun.Response> race(IntFunction<ObjectNode> events) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<LambdaRun.Response>> futures = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        ObjectNode event = events.apply(i);
        ReturnsHandler handler = api.handler();
        Callable<LambdaRun.Response> call =
            () -> {
              start.await();
              return ReturnsApi.invoke(handler, event);
            };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<LambdaRun.Response> answers = new ArrayList<>();
      for (Future<LambdaRun.Response> f : futures) {
        answers.add(f.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
