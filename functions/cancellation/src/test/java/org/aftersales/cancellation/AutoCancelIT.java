package org.aftersales.cancellation;

import static org.aftersales.cancellation.TestOrders.L2_UNIT_REFUND;
import static org.aftersales.cancellation.TestOrders.PAID_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.UnitState;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.OutboxStore.ItemRef;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduled auto-cancel (CAN-6) against the local DynamoDB server: which orders are due, the
 * schedule's time instead of the wall clock, paging, the Lambda deadline, one failing order, and
 * the races that must leave each parcel cancelled and refunded at most once and a shipped parcel
 * never cancelled (CAN-7): two overlapping runs, a run against customers' cancellations, a run
 * against SHIPPED events. Assertions are per order of this test: other tests of this JVM share the
 * table and its {@code Unshipped} index.
 */
@ExtendWith(LocalAwsServers.class)
class AutoCancelIT {

  /**
   * events/AutoCancelFunction/schedule.json: Thursday 2026-11-26; due: expected ship by Monday
   * 2026-11-23 or before.
   */
  static final Instant SCHEDULE = Instant.parse("2026-11-26T13:15:00Z");

  static final LocalDate OVERDUE = LocalDate.parse("2026-11-10");
  static final int RACE_ORDERS = 20;

  private final LocalAws aws;
  private OrderRepository repository;
  private TestOrders orders;
  private ExecutorService pool;

  AutoCancelIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    repository = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    orders = new TestOrders(repository);
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  private AutoCancelRun run(OrderRepository repo, LambdaRun lambda, int pageSize) {
    return new AutoCancelRun(
        repo, new OrderUpdates(repo), TestOrders.POLICIES, lambda.log, pageSize, 5_000);
  }

  private static LambdaRun lambda() {
    return new LambdaRun(Clock.fixed(SCHEDULE, ZoneOffset.UTC), "AutoCancelFunction");
  }

  private static AutoCancelHandler handler(OrderRepository repo, LambdaRun lambda) {
    return new AutoCancelHandler(repo, TestOrders.POLICIES, lambda.log, lambda.metrics, 25, 5_000);
  }

  /** The handler on events/AutoCancelFunction/schedule.json with 15 minutes left. */
  private JsonNode scheduled(AutoCancelHandler handler) {
    return invoke(
        handler, LambdaRun.event("AutoCancelFunction", "schedule"), new FakeContext(() -> 900_000));
  }

  private JsonNode invoke(AutoCancelHandler handler, ObjectNode event, FakeContext context) {
    return LambdaRun.raw(handler, Json.write(event), context);
  }

  @Test
  void the_schedule_cancels_and_refunds_overdue_unshipped_parcels_only() {
    String overdue = aws.uniqueId("o");
    String notYet = aws.uniqueId("o");
    String partlyShipped = aws.uniqueId("o");
    orders.register(overdue, LocalDate.parse("2026-11-23"));
    orders.fulfil(overdue, "P1", FulfilmentType.PROCESSED, SCHEDULE.minusSeconds(86400));
    orders.register(notYet, LocalDate.parse("2026-11-24"));
    orders.register(partlyShipped, LocalDate.parse("2026-11-20"));
    orders.fulfil(partlyShipped, "P1", FulfilmentType.SHIPPED, SCHEDULE.minusSeconds(86400));
    LambdaRun lambda = lambda();
    AutoCancelHandler handler = handler(repository, lambda);

    JsonNode summary = scheduled(handler);

    assertThat(summary.path("dueShipBy").asText()).isEqualTo("2026-11-23");
    assertThat(summary.path("complete").asBoolean()).isTrue();
    assertThat(summary.path("failures").asInt()).isZero();
    assertThat(summary.path("candidates").asInt()).isGreaterThanOrEqualTo(2);

    Order cancelled = orders.find(overdue);
    assertThat(cancelled.units().values())
        .as("CAN-6: processed but unshipped, 3 business days late")
        .extracting(UnitState::status)
        .containsOnly(UnitStatus.CANCELLED);
    assertThat(cancelled.refunds()).hasSize(1);
    Refund refund = cancelled.refunds().getFirst();
    assertThat(refund.amount().amount()).as("CAN-5").isEqualTo(PAID_TOTAL);
    assertThat(refund.grantedAt())
        .as("the schedule's time, not the wall clock")
        .isEqualTo(SCHEDULE);
    assertThat(refund.dueBy()).as("GEN-5").isEqualTo(LocalDate.parse("2026-12-03"));
    assertThat(refund.breakdown().lines())
        .anySatisfy(l -> assertThat(l.ruleIds()).contains("CAN-5"));

    assertThat(orders.find(notYet).units().values())
        .as("only 2 business days late")
        .extracting(UnitState::status)
        .containsOnly(UnitStatus.ACTIVE);
    assertThat(orders.find(notYet).refunds()).isEmpty();

    Order partial = orders.find(partlyShipped);
    assertThat(partial.parcel("P1").status()).isEqualTo(ParcelStatus.SHIPPED);
    assertThat(partial.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.ACTIVE);
    assertThat(partial.parcel("P2").status()).isEqualTo(ParcelStatus.CANCELLED);
    assertThat(partial.refunds())
        .singleElement()
        .satisfies(r -> assertThat(r.amount().amount()).isEqualTo(L2_UNIT_REFUND));

    List<String> lines = lambda.stdoutLines();
    assertThat(lines)
        .anySatisfy(
            l -> assertThat(l).contains("\"AutoCancelCandidates\"", "\"CloudWatchMetrics\""));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("CAN-6 auto-cancelled", overdue));

    JsonNode again = scheduled(handler);
    assertThat(again.path("failures").asInt()).isZero();
    assertThat(orders.find(overdue).refunds())
        .as("a repeated delivery refunds nothing more")
        .hasSize(1);
    assertThat(orders.find(partlyShipped).refunds()).hasSize(1);
  }

  @Test
  void decides_by_the_scheduled_time_not_the_wall_clock() {
    String orderId = aws.uniqueId("o");
    orders.register(orderId, LocalDate.parse("2026-11-23"));
    LambdaRun lambda = lambda();

    run(repository, lambda, 25).run(Instant.parse("2026-11-25T22:59:00Z"), () -> Long.MAX_VALUE);
    assertThat(orders.find(orderId).refunds())
        .as("Wednesday 25th in Berlin: 2 business days late")
        .isEmpty();

    run(repository, lambda, 25).run(Instant.parse("2026-11-25T23:01:00Z"), () -> Long.MAX_VALUE);
    assertThat(orders.find(orderId).refunds())
        .as("Thursday 26th in Berlin: 3 business days late")
        .hasSize(1);
  }

  @Test
  void pages_through_candidates_and_stops_before_the_deadline() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String id = aws.uniqueId("o");
      ids.add(id);
      // The earliest expected ship dates of the index, so they are this test's first candidates.
      orders.register(
          TestOrders.spec(
              id,
              Instant.parse("2026-06-20T10:00:00Z"),
              LocalDate.parse("2026-07-01").plusDays(i)));
    }
    LambdaRun lambda = lambda();
    AtomicInteger checks = new AtomicInteger();
    // start, page 1 check, order 1, order 2, then the deadline is near: stop before page 2.
    AutoCancelRun.Summary stopped =
        run(repository, lambda, 2)
            .run(SCHEDULE, () -> checks.incrementAndGet() <= 4 ? 60_000 : 1_000);

    assertThat(stopped.complete()).isFalse();
    assertThat(stopped.candidates()).isEqualTo(2);
    assertThat(ids.stream().filter(id -> !orders.find(id).refunds().isEmpty()).count())
        .isEqualTo(2);

    AutoCancelRun.Summary rest = run(repository, lambda, 2).run(SCHEDULE, () -> 60_000);
    assertThat(rest.complete()).isTrue();
    for (String id : ids) {
      assertThat(orders.find(id).refunds()).as(id).hasSize(1);
      assertThat(orders.find(id).refundedTotal().amount()).isEqualTo(PAID_TOTAL);
    }
  }

  @Test
  void a_short_timeout_still_gets_work_done() {
    String orderId = aws.uniqueId("o");
    orders.register(
        TestOrders.spec(
            orderId, Instant.parse("2026-06-20T10:00:00Z"), LocalDate.parse("2026-06-25")));

    // 9 s left of the invocation, below the 20 s margin of production: the margin becomes 3 s.
    AutoCancelRun.Summary summary =
        new AutoCancelRun(
                repository,
                new OrderUpdates(repository),
                TestOrders.POLICIES,
                lambda().log,
                25,
                AutoCancelHandler.DEFAULT_MIN_REMAINING_MILLIS)
            .run(SCHEDULE, () -> 9_000);

    assertThat(summary.complete()).isTrue();
    assertThat(orders.find(orderId).refunds()).hasSize(1);
  }

  @Test
  void a_failing_order_is_logged_and_counted_and_the_run_goes_on() {
    String bad = aws.uniqueId("o");
    String good = aws.uniqueId("o");
    orders.register(
        TestOrders.spec(bad, Instant.parse("2026-07-20T10:00:00Z"), LocalDate.parse("2026-08-03")));
    orders.register(
        TestOrders.spec(
            good, Instant.parse("2026-07-20T10:00:00Z"), LocalDate.parse("2026-08-04")));
    LambdaRun lambda = lambda();
    CountingOrderRepository failing = new CountingOrderRepository(repository, Set.of(bad));
    AutoCancelHandler handler = handler(failing, lambda);

    JsonNode summary = scheduled(handler);

    assertThat(summary.path("failures").asInt()).isEqualTo(1);
    assertThat(summary.path("complete").asBoolean()).isTrue();
    assertThat(orders.find(good).refunds()).hasSize(1);
    assertThat(orders.find(bad).refunds()).isEmpty();
    assertThat(lambda.stdoutLines())
        .anySatisfy(l -> assertThat(l).contains("\"level\":\"ERROR\"", bad));
    assertThat(lambda.stdoutLines())
        .anySatisfy(l -> assertThat(l).contains("\"AutoCancelFailures\":1"));
  }

  // ---- changes left unpaid (CHG-3) --------------------------------------------------------------

  /** A day before the schedule: a dearer change made then must be paid by 10:00 on its day. */
  static final Instant CHANGED_AT = Instant.parse("2026-11-25T10:00:00Z");

  /** Not due for auto-cancel at {@link #SCHEDULE} (due: Monday 2026-11-23 or before). */
  static final LocalDate SHIPS_LATER = LocalDate.parse("2026-11-30");

  /**
   * Registers an order and makes a dearer change of its P2 cable at {@link #CHANGED_AT} through the
   * change route (events/CancellationFunction/change-dearer-agent.json): AWAITING_PAYMENT, payBy
   * 2026-11-26T10:00Z, before the schedule's time.
   */
  private String orderWithUnpaidChange() {
    String orderId = aws.uniqueId("o");
    orders.register(orderId, SHIPS_LATER);
    LambdaRun.Response waiting =
        callCancellationFunction(
            repository, orderId, "change-dearer-agent", Clock.fixed(CHANGED_AT, ZoneOffset.UTC));
    assertThat(waiting.status()).isEqualTo(200);
    assertThat(waiting.body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
    assertThat(waiting.body().path("payBy").asText()).isEqualTo("2026-11-26T10:00:00Z");
    return orderId;
  }

  /** A request of {@code name} (events/CancellationFunction/, no Idempotency-Key) on the order. */
  private LambdaRun.Response callCancellationFunction(
      OrderRepository repo, String orderId, String name, Clock clock) {
    ObjectNode event = LambdaRun.forOrder(LambdaRun.event("CancellationFunction", name), orderId);
    ((ObjectNode) event.get("headers")).remove("idempotency-key");
    LambdaRun apiLambda = new LambdaRun(clock, "CancellationFunction");
    CancellationHandler api =
        new CancellationHandler(
            new OrderItemFunction.Ports(
                repo,
                new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
                TestOrders.POLICIES,
                apiLambda.log,
                apiLambda.metrics,
                clock));
    return apiLambda.invoke(api, event);
  }

  /** Every order id of the sparse {@code UnpaidChanges} index due at {@code at}, all pages. */
  private List<String> unpaidAt(Instant at) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      var page = repository.withChangesUnpaidAt(at, cursor, 100);
      ids.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }

  /** The {@code ChangeLapsed} events the order item's outbox holds (nothing publishes here). */
  private List<PendingEvent> lapsedEvents(String orderId) {
    return new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName())
            .read(new ItemRef("ORDER#" + orderId, "ORDER"))
            .map(OutboxStore.OutboxItem::events)
            .orElse(List.of())
            .stream()
            .filter(e -> e.type().equals("ChangeLapsed"))
            .toList();
  }

  @Test
  void CHG_3_the_schedule_records_a_change_left_unpaid_as_lapsed_with_its_event_once() {
    String orderId = orderWithUnpaidChange();
    assertThat(unpaidAt(SCHEDULE)).as("in the sparse UnpaidChanges index").contains(orderId);
    assertThat(unpaidAt(Instant.parse("2026-11-26T09:59:59Z")))
        .as("not before its payBy")
        .doesNotContain(orderId);
    LambdaRun lambda = lambda();
    AutoCancelHandler handler = handler(repository, lambda);

    JsonNode summary = scheduled(handler);

    assertThat(summary.path("complete").asBoolean()).isTrue();
    assertThat(summary.path("lapsedChanges").asInt()).isGreaterThanOrEqualTo(1);
    Order stored = orders.find(orderId);
    OrderChange change = stored.changes().getFirst();
    assertThat(change.status()).as("CHG-3: payBy passed unpaid").isEqualTo(ChangeStatus.LAPSED);
    assertThat(change.decidedAt()).as("the schedule's time").isEqualTo(SCHEDULE);
    assertThat(stored.units().values())
        .as("a lapse cancels nothing")
        .extracting(UnitState::status)
        .containsOnly(UnitStatus.ACTIVE);
    assertThat(lapsedEvents(orderId))
        .as("MSG-1: the lapse is announced in its write")
        .singleElement()
        .satisfies(e -> assertThat(e.json()).contains("CHG-3", change.changeId()));
    assertThat(lambda.stdoutLines())
        .anySatisfy(l -> assertThat(l).contains("CHG-3 recorded changes that lapsed", orderId));

    assertThat(unpaidAt(SCHEDULE)).as("out of the index once lapsed").doesNotContain(orderId);
    long version = orders.find(orderId).version();
    scheduled(handler);
    assertThat(orders.find(orderId).version())
        .as("a repeated run writes nothing")
        .isEqualTo(version);
    assertThat(lapsedEvents(orderId)).hasSize(1);
  }

  @Test
  void CHG_3_a_change_still_payable_is_left_waiting() {
    String orderId = orderWithUnpaidChange();
    long version = orders.find(orderId).version();

    run(repository, lambda(), 25).run(Instant.parse("2026-11-26T09:59:00Z"), () -> 60_000);

    assertThat(orders.find(orderId).version()).isEqualTo(version);
    assertThat(orders.find(orderId).changes().getFirst().status())
        .isEqualTo(ChangeStatus.AWAITING_PAYMENT);
    assertThat(lapsedEvents(orderId)).isEmpty();
  }

  @Test
  void CHG_3_a_run_racing_cancellations_records_each_lapse_and_its_event_once() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < RACE_ORDERS / 2; i++) {
      ids.add(orderWithUnpaidChange());
    }
    CountingOrderRepository counting = new CountingOrderRepository(repository, Set.of());
    Clock afterPayBy = Clock.fixed(SCHEDULE.plusSeconds(60), ZoneOffset.UTC);
    CountDownLatch start = new CountDownLatch(1);
    Future<AutoCancelRun.Summary> run =
        pool.submit(
            () -> {
              start.await();
              return run(counting, lambda(), 5).run(SCHEDULE, () -> 60_000);
            });
    // The customers cancel the same orders from the other end (each cancellation lapses what is
    // due first, in its own write), so the run and they meet and race on the same orders.
    Future<List<Integer>> customers =
        pool.submit(
            () -> {
              start.await();
              List<Integer> answers = new ArrayList<>();
              for (String id : ids.reversed()) {
                answers.add(
                    callCancellationFunction(repository, id, "cancel-all-customer", afterPayBy)
                        .status());
              }
              return answers;
            });
    start.countDown();
    AutoCancelRun.Summary summary = run.get();
    List<Integer> statuses = customers.get();

    assertThat(summary.failures()).isZero();
    assertThat(statuses).containsOnly(200);
    for (String id : ids) {
      assertThat(orders.find(id).changes().getFirst().status())
          .as(id)
          .isEqualTo(ChangeStatus.LAPSED);
      assertThat(lapsedEvents(id)).as("one ChangeLapsed of " + id).hasSize(1);
    }
    System.err.printf(
        "RACE lapse run-vs-customer: orders=%d lapsedByRun=%d writes=%d staleWrites=%d%n",
        ids.size(), summary.lapsedChanges(), counting.writes.get(), counting.staleWrites.get());
  }

  // ---- races ---------------------------------------------------------------------------------

  @Test
  void two_overlapping_runs_cancel_and_refund_each_parcel_once() throws Exception {
    List<String> ids = registerOverdue(RACE_ORDERS);
    CountingOrderRepository counting = new CountingOrderRepository(repository, Set.of());
    LambdaRun lambda1 = lambda();
    LambdaRun lambda2 = lambda();
    CountDownLatch start = new CountDownLatch(1);

    Future<AutoCancelRun.Summary> run1 =
        pool.submit(
            () -> {
              start.await();
              return run(counting, lambda1, 5).run(SCHEDULE, () -> 60_000);
            });
    Future<AutoCancelRun.Summary> run2 =
        pool.submit(
            () -> {
              start.await();
              return run(counting, lambda2, 5).run(SCHEDULE, () -> 60_000);
            });
    start.countDown();
    AutoCancelRun.Summary s1 = run1.get();
    AutoCancelRun.Summary s2 = run2.get();

    assertThat(s1.failures() + s2.failures()).isZero();
    long refundsOfMine = ids.stream().mapToLong(id -> orders.find(id).refunds().size()).sum();
    long refundedOfMine =
        ids.stream().mapToLong(id -> orders.find(id).refundedTotal().amount()).sum();
    long logged1 = cancelledLines(lambda1, ids);
    long logged2 = cancelledLines(lambda2, ids);
    System.err.printf(
        "RACE two-runs: orders=%d run1Cancelled=%d run2Cancelled=%d refunds=%d refunded=%d EUR-cents"
            + " (expected %d) writes=%d staleWrites=%d%n",
        ids.size(),
        logged1,
        logged2,
        refundsOfMine,
        refundedOfMine,
        ids.size() * PAID_TOTAL,
        counting.writes.get(),
        counting.staleWrites.get());
    assertThat(logged1 + logged2)
        .as("each order cancelled by exactly one run")
        .isEqualTo(ids.size());
    assertThat(refundsOfMine).isEqualTo(ids.size());
    assertThat(refundedOfMine).isEqualTo(ids.size() * PAID_TOTAL);
    for (String id : ids) {
      assertThat(orders.find(id).units().values())
          .extracting(UnitState::status)
          .containsOnly(UnitStatus.CANCELLED);
    }
  }

  @Test
  void a_run_racing_customers_cancellations_refunds_each_order_once() throws Exception {
    List<String> ids = registerOverdue(RACE_ORDERS);
    CountingOrderRepository counting = new CountingOrderRepository(repository, Set.of());
    Clock clock = Clock.fixed(SCHEDULE.plusSeconds(60), ZoneOffset.UTC);
    LambdaRun runLambda = lambda();
    CountDownLatch start = new CountDownLatch(1);

    Future<AutoCancelRun.Summary> run =
        pool.submit(
            () -> {
              start.await();
              return run(counting, runLambda, 5).run(SCHEDULE, () -> 60_000);
            });
    // The run takes the index in order; the customers go through the same orders from the other
    // end,
    // so the two meet in the middle and race there on the same orders.
    Future<List<Integer>> customers =
        pool.submit(
            () -> {
              start.await();
              List<Integer> answers = new ArrayList<>();
              for (String id : ids.reversed()) {
                answers.add(
                    callCancellationFunction(counting, id, "cancel-all-customer", clock).status());
              }
              return answers;
            });
    start.countDown();
    AutoCancelRun.Summary summary = run.get();
    List<Integer> statuses = customers.get();

    assertThat(summary.failures()).isZero();
    assertThat(statuses).containsOnly(200);
    int byRun = 0;
    int byCustomer = 0;
    for (String id : ids) {
      Order order = orders.find(id);
      assertThat(order.refunds()).as(id).hasSize(1);
      assertThat(order.refundedTotal().amount()).isEqualTo(PAID_TOTAL);
      assertThat(order.units().values())
          .extracting(UnitState::status)
          .containsOnly(UnitStatus.CANCELLED);
      if (order.refunds().getFirst().sourceId().startsWith("auto-")) {
        byRun++;
      } else {
        byCustomer++;
      }
    }
    System.err.printf(
        "RACE run-vs-customer: orders=%d wonByRun=%d wonByCustomer=%d refunds=%d refunded=%d EUR-cents"
            + " writes=%d staleWrites=%d%n",
        ids.size(),
        byRun,
        byCustomer,
        byRun + byCustomer,
        ids.size() * PAID_TOTAL,
        counting.writes.get(),
        counting.staleWrites.get());
    assertThat(byRun + byCustomer).isEqualTo(ids.size());
  }

  @Test
  void a_run_racing_shipped_events_never_cancels_a_shipped_parcel() throws Exception {
    List<String> ids = registerOverdue(RACE_ORDERS);
    for (String id : ids) {
      orders.fulfil(id, "P1", FulfilmentType.PROCESSED, SCHEDULE.minusSeconds(5 * 86400));
    }
    CountingOrderRepository counting = new CountingOrderRepository(repository, Set.of());
    TestOrders warehouse = new TestOrders(counting);
    LambdaRun runLambda = lambda();
    CountDownLatch start = new CountDownLatch(1);

    Future<AutoCancelRun.Summary> run =
        pool.submit(
            () -> {
              start.await();
              return run(counting, runLambda, 5).run(SCHEDULE, () -> 60_000);
            });
    // The run takes the index in order; the warehouse ships from the other end: they meet in the
    // middle.
    Future<Map<String, Boolean>> shipping =
        pool.submit(
            () -> {
              start.await();
              Map<String, Boolean> accepted = new HashMap<>();
              for (String id : ids.reversed()) {
                accepted.put(id, warehouse.fulfil(id, "P1", FulfilmentType.SHIPPED, SCHEDULE));
              }
              return accepted;
            });
    start.countDown();
    AutoCancelRun.Summary summary = run.get();
    Map<String, Boolean> shipped = shipping.get();

    assertThat(summary.failures()).isZero();
    int shippedWon = 0;
    int cancelWon = 0;
    long refunded = 0;
    for (int i = 0; i < ids.size(); i++) {
      Order order = orders.find(ids.get(i));
      boolean shipAccepted = shipped.get(ids.get(i));
      assertThat(order.refunds()).as(ids.get(i)).hasSize(1);
      refunded += order.refundedTotal().amount();
      if (order.parcel("P1").status() == ParcelStatus.SHIPPED) {
        shippedWon++;
        assertThat(shipAccepted).isTrue();
        assertThat(order.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.ACTIVE);
        assertThat(order.statusOf(new UnitRef("L1", 1))).isEqualTo(UnitStatus.ACTIVE);
        assertThat(order.refundedTotal().amount()).as("only P2 refunded").isEqualTo(L2_UNIT_REFUND);
      } else {
        cancelWon++;
        assertThat(order.parcel("P1").status()).isEqualTo(ParcelStatus.CANCELLED);
        assertThat(shipAccepted).as("CAN-7: SHIPPED for a cancelled parcel is refused").isFalse();
        assertThat(order.refundedTotal().amount()).isEqualTo(PAID_TOTAL);
      }
      assertThat(order.parcel("P2").status()).isEqualTo(ParcelStatus.CANCELLED);
    }
    System.err.printf(
        "RACE run-vs-shipped: orders=%d shippedWon=%d cancelWon=%d refunds=%d refunded=%d EUR-cents"
            + " writes=%d staleWrites=%d%n",
        ids.size(),
        shippedWon,
        cancelWon,
        ids.size(),
        refunded,
        counting.writes.get(),
        counting.staleWrites.get());
    assertThat(shippedWon + cancelWon).isEqualTo(ids.size());
  }

  /**
   * {@code n} overdue orders, in the order of the {@code Unshipped} index (same date, then order
   * id).
   */
  private List<String> registerOverdue(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = aws.uniqueId("o");
      orders.register(id, OVERDUE);
      ids.add(id);
    }
    ids.sort(null);
    return ids;
  }

  private static long cancelledLines(LambdaRun lambda, List<String> ids) {
    return lambda.stdoutLines().stream()
        .filter(l -> l.contains("CAN-6 auto-cancelled"))
        .filter(l -> ids.stream().anyMatch(id -> l.contains("\"orderId\":\"" + id + "\"")))
        .count();
  }
}
