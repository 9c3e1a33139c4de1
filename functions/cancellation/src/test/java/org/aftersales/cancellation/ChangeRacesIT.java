package org.aftersales.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersales.changes.ChangeOrder;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.UnitState;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CHG-4 under real threads on the local DynamoDB server: a change racing the warehouse, a
 * cancellation of the same unit, the auto-cancel run and a second change. Each race runs on {@value
 * #ORDERS} orders at once; every outcome must be one of the serial ones (exactly one wins, nothing
 * is applied twice, the ledger stays within what was paid).
 */
@ExtendWith(LocalAwsServers.class)
class ChangeRacesIT {

  static final int ORDERS = 12;
  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");
  static final LocalDate SHIP_BY = LocalDate.parse("2026-11-30");
  static final UnitRef L1_0 = new UnitRef("L1", 0);

  /** L1 units paid 2785 each (own price 2999, 214 of the order discount), delivery share 214. */
  static final long L1_PAID = 2785;

  private static final String FN = "CancellationFunction";

  private final LocalAws aws;
  private OrderRepository repository;
  private TestOrders orders;
  private ChangeOrder changes;
  private CancelOrder cancellations;
  private ExecutorService pool;

  ChangeRacesIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    repository = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    orders = new TestOrders(repository);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    changes = new ChangeOrder(repository, new OrderUpdates(repository), TestOrders.POLICIES, clock);
    cancellations = new CancelOrder(new OrderUpdates(repository), TestOrders.POLICIES, clock);
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  static ChangePolicy.ChangeRequest replaceL1_0(String name, long price) {
    return new ChangePolicy.ChangeRequest(
        List.of(
            new ChangePolicy.UnitRequest(
                "L1",
                0,
                new LineSpec(null, "KW-" + price, name, "electronics", 1, price, 0, 0, List.of()))),
        List.of(),
        null);
  }

  private List<String> register(LocalDate shipBy) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String id = aws.uniqueId("o-race");
      orders.register(id, shipBy);
      ids.add(id);
    }
    return ids;
  }

  /** Runs both tasks of every order at once (one latch), and returns their answers. */
  private List<Object[]> race(List<String> ids, Task first, Task second) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>[]> futures = new ArrayList<>();
    for (String id : ids) {
      @SuppressWarnings("unchecked")
      Future<Object>[] pair =
          new Future[] {
            pool.submit(guarded(start, () -> first.run(id))),
            pool.submit(guarded(start, () -> second.run(id)))
          };
      futures.add(pair);
    }
    start.countDown();
    List<Object[]> answers = new ArrayList<>();
    for (Future<Object>[] pair : futures) {
      answers.add(new Object[] {pair[0].get(), pair[1].get()});
    }
    return answers;
  }

  @FunctionalInterface
  interface Task {
    Object run(String orderId) throws Exception;
  }

  /** The task's result, or the code of the API problem it answered. */
  private static Callable<Object> guarded(CountDownLatch start, Callable<Object> task) {
    return () -> {
      start.await();
      try {
        return task.call();
      } catch (ApiProblem problem) {
        return problem.code();
      }
    };
  }

  private Object cheaperChange(String id) {
    return change(id, replaceL1_0("HDMI switch mini", 2499));
  }

  /** The customer's request of the sample event {@code name} on order {@code id}, no key. */
  private static ApiGatewayV2Request request(String name, String id) {
    ObjectNode event = LambdaRun.forOrder(LambdaRun.event(FN, name), id);
    LambdaRun.withoutHeader(event, "idempotency-key");
    return ApiGatewayV2Request.fromEvent(event);
  }

  /** The change's result, or the code of the problem it was answered with. */
  private Object change(String id, ChangePolicy.ChangeRequest request) {
    Object[] result = new Object[1];
    return answerOf(
        changes.change(request("change-cheaper-customer", id), request, List.of(), view(result)),
        result);
  }

  private Object pay(String id, String changeId) {
    Object[] result = new Object[1];
    return answerOf(
        changes.pay(
            request("change-payment", id),
            changeId,
            "psp-" + id,
            Money.of(500, "EUR"),
            view(result)),
        result);
  }

  private static java.util.function.Function<ChangeOrder.Result, ApiResponse> view(
      Object[] result) {
    return r -> {
      result[0] = r;
      return ApiResponse.ok(Json.object());
    };
  }

  private static Object answerOf(ApiResponse response, Object[] result) {
    if (response.status() == 200 && result[0] != null) {
      return result[0];
    }
    try {
      return Json.MAPPER.readTree(response.body()).path("code").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void CHG_4_a_change_racing_the_processed_event_either_wins_before_it_or_is_refused()
      throws Exception {
    List<String> ids = register(SHIP_BY);

    List<Object[]> answers =
        race(
            ids, this::cheaperChange, id -> orders.fulfil(id, "P1", FulfilmentType.PROCESSED, NOW));

    int changeWon = 0;
    for (int i = 0; i < ids.size(); i++) {
      Order order = orders.find(ids.get(i));
      assertThat(order.parcel("P1").status()).isEqualTo(ParcelStatus.PROCESSED);
      if (answers.get(i)[0] instanceof ChangeOrder.Result) {
        changeWon++;
        assertThat(order.changes()).hasSize(1);
        assertThat(order.refundedTotal().amount()).isEqualTo(500);
        assertThat(order.itemOf(L1_0).name()).isEqualTo("HDMI switch mini");
      } else {
        assertThat(answers.get(i)[0]).isEqualTo("order-already-processed");
        assertThat(order.changes()).isEmpty();
        assertThat(order.refunds()).isEmpty();
      }
    }
    System.err.printf(
        "RACE change-vs-processed: orders=%d changeWon=%d processedFirst=%d%n",
        ids.size(), changeWon, ids.size() - changeWon);
  }

  @Test
  void CHG_4_a_change_racing_a_cancellation_of_the_unit_never_refunds_more_than_was_paid()
      throws Exception {
    List<String> ids = register(SHIP_BY);

    List<Object[]> answers =
        race(
            ids,
            this::cheaperChange,
            id ->
                cancellations.cancel(
                    request("cancel-partial-customer", id),
                    new CancellationRequest(
                        null, List.of(new CancellationPolicy.LineRequest("L1", 1))),
                    c -> ApiResponse.ok(Json.object())));

    int changedFirst = 0;
    for (int i = 0; i < ids.size(); i++) {
      Order order = orders.find(ids.get(i));
      assertThat(order.statusOf(L1_0)).isEqualTo(UnitStatus.CANCELLED);
      // serial outcomes: change (500 back) then cancel (the new paid price + delivery share), or
      // cancel first and the change refused; either way the unit gave back what was paid for it
      assertThat(order.refundedTotal().amount()).isEqualTo(L1_PAID + 214);
      if (answers.get(i)[0] instanceof ChangeOrder.Result) {
        changedFirst++;
        assertThat(order.refunds()).hasSize(2);
      } else {
        assertThat(answers.get(i)[0]).isEqualTo("unit-not-changeable");
        assertThat(order.refunds()).hasSize(1);
      }
    }
    System.err.printf(
        "RACE change-vs-cancellation: orders=%d changedFirst=%d cancelledFirst=%d%n",
        ids.size(), changedFirst, ids.size() - changedFirst);
  }

  @Test
  void CHG_4_two_changes_of_one_unit_apply_one_after_the_other_never_both_to_the_original()
      throws Exception {
    List<String> ids = register(SHIP_BY);

    race(ids, this::cheaperChange, id -> change(id, replaceL1_0("HDMI switch lite", 2299)));

    for (String id : ids) {
      Order order = orders.find(id);
      List<OrderChange> history = order.changes();
      assertThat(history).hasSize(2);
      // the first written applied (cheaper); the second was decided on the unit as the first
      // left it: cheaper again → applied, dearer (mini after lite) → awaiting payment
      assertThat(history.get(0).status()).isEqualTo(ChangeStatus.APPLIED);
      assertThat(history.get(1).status())
          .isEqualTo(
              history.get(1).difference().isNegative()
                  ? ChangeStatus.APPLIED
                  : ChangeStatus.AWAITING_PAYMENT);
      assertThat(history.get(1).units().getFirst().from())
          .as("the second applies to the unit as the first left it")
          .isEqualTo(history.get(0).units().getFirst().to());
      long finalOwn = order.itemOf(L1_0).ownPrice();
      assertThat(order.refundedTotal().amount()).isEqualTo(2999 - finalOwn);
      assertThat(order.pricing().paidPrice(L1_0).amount()).isEqualTo(L1_PAID - (2999 - finalOwn));
    }
  }

  @Test
  void CHG_4_a_payment_racing_the_processed_event_is_applied_or_lapses_never_both()
      throws Exception {
    List<String> ids = register(SHIP_BY);
    List<String> changeIds = new ArrayList<>();
    for (String id : ids) {
      changeIds.add(
          ((ChangeOrder.Result) change(id, replaceL1_0("HDMI switch pro", 3499)))
              .outcome()
              .change()
              .changeId());
    }

    List<Object[]> answers =
        race(
            ids,
            id -> pay(id, changeIds.get(ids.indexOf(id))),
            id -> orders.fulfil(id, "P1", FulfilmentType.PROCESSED, NOW));

    int paidFirst = 0;
    for (int i = 0; i < ids.size(); i++) {
      Order order = orders.find(ids.get(i));
      OrderChange change = order.change(changeIds.get(i)).orElseThrow();
      if (answers.get(i)[0] instanceof ChangeOrder.Result) {
        paidFirst++;
        assertThat(change.status()).isEqualTo(ChangeStatus.APPLIED);
        assertThat(order.paidTotal().amount()).isEqualTo(TestOrders.PAID_TOTAL + 500);
        assertThat(order.itemOf(L1_0).name()).isEqualTo("HDMI switch pro");
      } else {
        assertThat(answers.get(i)[0]).isEqualTo("change-lapsed");
        assertThat(change.status()).isEqualTo(ChangeStatus.LAPSED);
        assertThat(order.paidTotal().amount()).isEqualTo(TestOrders.PAID_TOTAL);
        assertThat(order.itemOf(L1_0).name()).isEqualTo("HDMI switch");
      }
    }
    System.err.printf(
        "RACE payment-vs-processed: orders=%d paidFirst=%d lapsed=%d%n",
        ids.size(), paidFirst, ids.size() - paidFirst);
  }

  @Test
  void CHG_4_a_change_racing_the_auto_cancel_run_is_refused_or_refunded_in_full() throws Exception {
    List<String> ids = register(LocalDate.parse("2026-11-10"));
    Instant schedule = Instant.parse("2026-11-26T13:15:00Z");
    var lambda =
        new org.aftersales.shared.testing.LambdaRun(
            Clock.fixed(schedule, ZoneOffset.UTC), "AutoCancelFunction");
    AutoCancelRun run =
        new AutoCancelRun(
            repository, new OrderUpdates(repository), TestOrders.POLICIES, lambda.log, 5, 5_000);
    CountDownLatch start = new CountDownLatch(1);
    Future<AutoCancelRun.Summary> auto =
        pool.submit(
            () -> {
              start.await();
              return run.run(schedule, () -> 60_000);
            });
    List<Future<Object>> changed = new ArrayList<>();
    for (String id : ids.reversed()) {
      changed.add(pool.submit(guarded(start, () -> cheaperChange(id))));
    }
    start.countDown();
    assertThat(auto.get().failures()).isZero();
    int changedFirst = 0;
    for (Future<Object> f : changed) {
      Object answer = f.get();
      if (answer instanceof ChangeOrder.Result) {
        changedFirst++;
      } else {
        assertThat(answer).isEqualTo("unit-not-changeable");
      }
    }
    for (String id : ids) {
      Order order = orders.find(id);
      assertThat(order.units().values())
          .extracting(UnitState::status)
          .containsOnly(UnitStatus.CANCELLED);
      assertThat(order.refundedTotal()).isEqualTo(order.paidTotal());
    }
    System.err.printf(
        "RACE change-vs-auto-cancel: orders=%d changedFirst=%d cancelledFirst=%d%n",
        ids.size(), changedFirst, ids.size() - changedFirst);
  }
}
