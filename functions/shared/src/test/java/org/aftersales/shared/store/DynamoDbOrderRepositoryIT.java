package org.aftersales.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundCeilingExceededException;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.CrashingOrders;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.aftersales.shared.testing.TestOrders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order repository on the real local DynamoDB server: round trip, version guard, GEN-4 under
 * races.
 */
@ExtendWith(LocalAwsServers.class)
class DynamoDbOrderRepositoryIT {

  private static final Instant NOW = Instant.parse("2026-11-03T09:00:00Z");

  private final LocalAws aws;
  private DynamoDbOrderRepository orders;
  private OrderUpdates updates;
  private String orderId;

  DynamoDbOrderRepositoryIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    // Races here are bounded by attempts (OrderUpdates.MAX_ATTEMPTS), not by the machine's speed.
    updates = new OrderUpdates(orders, Clock.systemUTC(), Duration.ofMinutes(5));
    orderId = aws.uniqueId("o");
  }

  private Order registered() {
    Order order = Order.register(TestOrders.hdmiSwitches(orderId, "c-1"), "2026-01");
    assertThat(orders.create(order)).isTrue();
    return orders.find(orderId).orElseThrow();
  }

  /**
   * A refund of {@code amount} taken from unit L1#{unitIndex}, caused by claim {@code sourceId}.
   */
  private static Refund refund(String orderId, String sourceId, int unitIndex, long amount) {
    Money money = Money.of(amount, "EUR");
    return Refund.pending(
        orderId,
        RefundSource.CLAIM,
        sourceId,
        NOW,
        LocalDate.parse("2026-11-10"),
        new Breakdown(List.of(BreakdownLine.of("Partial refund", money, "DOA-4")), money),
        List.of(new UnitAmount(new UnitRef("L1", unitIndex), amount)));
  }

  @Test
  void an_order_round_trips_with_parcels_units_and_refunds() {
    Order order = registered();
    Order delivered =
        order
            .recordFulfilment("P1", new FulfilmentEvent(FulfilmentType.PROCESSED, NOW, null))
            .value()
            .order();
    Order changed =
        delivered
            .withUnitStatuses(Map.of(new UnitRef("L1", 1), UnitStatus.CANCELLED))
            .addRefund(refund(orderId, "claim-1", 0, 700))
            .order();

    Order stored = orders.replace(changed);

    assertThat(stored.version()).isEqualTo(2);
    assertThat(orders.find(orderId)).contains(stored);
    assertThat(stored.refundedTotal()).isEqualTo(Money.of(700, "EUR"));
    assertThat(stored.parcel("P2").status().name()).isEqualTo("CANCELLED");
  }

  @Test
  void a_units_holder_round_trips_and_an_order_stored_before_holders_reads_as_held_by_nobody() {
    UnitRef unit = new UnitRef("L1", 0);
    Order held =
        orders.replace(
            registered().take(List.of(unit), UnitStatus.CLAIM_OPEN, "cl-1").orElseThrow());
    assertThat(orders.find(orderId)).contains(held);
    assertThat(held.heldBy(unit)).contains("cl-1");

    Map<String, AttributeValue> key =
        Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("ORDER"));
    Map<String, AttributeValue> item =
        new java.util.HashMap<>(
            aws.dynamoDb().getItem(g -> g.tableName(aws.tableName()).key(key)).item());
    List<AttributeValue> withoutHolders =
        item.get("units").l().stream()
            .map(u -> new java.util.HashMap<>(u.m()))
            .peek(u -> u.remove("heldBy"))
            .map(u -> AttributeValue.fromM(u))
            .toList();
    item.put("units", AttributeValue.fromL(withoutHolders));
    aws.dynamoDb().putItem(p -> p.tableName(aws.tableName()).item(item));

    Order before = orders.find(orderId).orElseThrow();
    assertThat(before.statusOf(unit)).isEqualTo(UnitStatus.CLAIM_OPEN);
    assertThat(before.heldBy(unit)).isEmpty();
  }

  @Test
  void creating_an_existing_order_writes_nothing() {
    Order order = registered();
    Order other = Order.register(TestOrders.hdmiSwitches(orderId, "c-2"), "2026-01");

    assertThat(orders.create(other)).isFalse();
    assertThat(orders.find(orderId).orElseThrow().spec().customerId())
        .isEqualTo(order.spec().customerId());
  }

  @Test
  void a_stale_version_is_a_conflict_and_writes_nothing() {
    Order read = registered();
    orders.replace(read.addRefund(refund(orderId, "claim-1", 0, 100)).order());

    assertThatThrownBy(
            () -> orders.replace(read.addRefund(refund(orderId, "claim-2", 0, 200)).order()))
        .isInstanceOf(StaleOrderException.class);
    assertThat(orders.find(orderId).orElseThrow().refunds())
        .extracting(Refund::sourceId)
        .containsExactly("claim-1");
  }

  @Test
  void a_change_from_a_stale_first_read_loses_its_write_and_is_decided_again_on_a_fresh_read() {
    Order firstRead = registered();
    orders.replace(firstRead.addRefund(refund(orderId, "claim-1", 0, 100)).order());
    List<Long> versionsDecidedOn = new ArrayList<>();

    OrderUpdates.Applied<String> applied =
        updates.applyAndGet(
            firstRead,
            order -> {
              versionsDecidedOn.add(order.version());
              return order.refunds().isEmpty()
                  ? OrderUpdates.Change.of(
                      order.addRefund(refund(orderId, "claim-2", 0, 200)).order(), "refunded")
                  : OrderUpdates.Change.none("already refunded");
            });

    assertThat(versionsDecidedOn).containsExactly(firstRead.version(), firstRead.version() + 1);
    assertThat(applied.result()).isEqualTo("already refunded");
    assertThat(applied.written()).isFalse();
    assertThat(orders.find(orderId).orElseThrow().refunds())
        .extracting(Refund::sourceId)
        .containsExactly("claim-1");
  }

  @Test
  void GEN_4_twenty_racing_refunds_never_exceed_the_ceiling_and_none_is_lost() throws Exception {
    registered();
    // Unit L1#0 may get paid price + delivery share back; 20 claims of 3.00 each ask for more than
    // that.
    long ceiling =
        orders.find(orderId).orElseThrow().pricing().ceiling(new UnitRef("L1", 0)).amount();
    AtomicInteger refused = new AtomicInteger();
    List<Callable<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String claimId = "claim-" + i;
      racers.add(
          () -> {
            try {
              return updates.apply(
                  orderId,
                  order -> {
                    Order.RefundResult result = order.addRefund(refund(orderId, claimId, 0, 300));
                    return OrderUpdates.Change.of(result.order(), true);
                  });
            } catch (RefundCeilingExceededException overCeiling) {
              refused.incrementAndGet();
              return false;
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(20);
    int granted = 0;
    try {
      for (Future<Boolean> outcome : pool.invokeAll(racers)) {
        granted += outcome.get() ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }

    Order stored = orders.find(orderId).orElseThrow();
    assertThat(stored.refunds()).hasSize(granted);
    assertThat(granted).isEqualTo((int) (ceiling / 300));
    assertThat(refused.get()).isEqualTo(20 - granted);
    assertThat(stored.ledger().refundedFor(new UnitRef("L1", 0)).amount())
        .isLessThanOrEqualTo(ceiling);
    assertThat(stored.refundedTotal().amount()).isLessThanOrEqualTo(stored.paidTotal().amount());
  }

  /** The repository, whose next {@code replace} is applied and then fails with {@code lost}. */
  private OrderRepository appliedButFailing(RuntimeException lost) {
    CrashingOrders crashing = new CrashingOrders();
    crashing.answerLost(lost);
    return crashing.wrap(orders);
  }

  private OrderUpdates.Applied<Refund> refundedOnce(OrderRepository repository) {
    registered();
    return new OrderUpdates(repository)
        .applyAndGet(
            orderId,
            order -> {
              Order.RefundResult result = order.addRefund(refund(orderId, "claim-lost", 0, 500));
              return result.added()
                  ? OrderUpdates.Change.of(result.order(), result.refund())
                  : OrderUpdates.Change.none(null);
            });
  }

  @Test
  void GEN_4_a_write_applied_whose_answer_timed_out_answers_its_own_result_once() {
    OrderUpdates.Applied<Refund> applied =
        refundedOnce(appliedButFailing(ApiCallTimeoutException.create(2_800)));

    assertThat(applied.written()).isTrue();
    assertThat(applied.result()).as("its own refund, not a re-decided no-op").isNotNull();
    assertThat(applied.order().version()).isEqualTo(2);
    assertThat(orders.find(orderId).orElseThrow().refunds())
        .singleElement()
        .isEqualTo(applied.result());
  }

  @Test
  void GEN_4_a_write_applied_whose_sdk_retry_then_lost_to_it_answers_its_own_result_once() {
    OrderUpdates.Applied<Refund> applied =
        refundedOnce(appliedButFailing(new StaleOrderException(orderId, 1)));

    assertThat(applied.result()).as("its own refund, not a re-decided no-op").isNotNull();
    assertThat(orders.find(orderId).orElseThrow().refunds()).hasSize(1);
  }

  @Test
  void the_item_keeps_the_ids_of_its_latest_writes_only() {
    registered();
    for (int i = 0; i < OrderUpdates.LATEST_WRITES + 3; i++) {
      String claimId = "claim-" + i;
      updates.apply(
          orderId,
          order ->
              OrderUpdates.Change.of(order.addRefund(refund(orderId, claimId, 0, 1)).order(), 1));
    }

    List<String> writes = orders.findStored(orderId).orElseThrow().writes();
    assertThat(writes).hasSize(OrderUpdates.LATEST_WRITES).doesNotHaveDuplicates();
  }

  @Test
  void GEN_4_the_same_refund_id_twice_is_one_refund() {
    registered();
    for (int attempt = 0; attempt < 2; attempt++) {
      updates.apply(
          orderId,
          order -> {
            Order.RefundResult result = order.addRefund(refund(orderId, "claim-retried", 0, 500));
            return result.added()
                ? OrderUpdates.Change.of(result.order(), result.refund())
                : OrderUpdates.Change.none(result.refund());
          });
    }

    assertThat(orders.find(orderId).orElseThrow().refunds()).hasSize(1);
  }

  @Test
  void CAN_6_an_order_is_in_the_unshipped_index_until_its_parcels_ship_or_cancel() {
    Order order = registered();
    LocalDate shipBy = order.spec().expectedShipBy();
    assertThat(allUnshippedIds(shipBy)).contains(orderId);
    assertThat(allUnshippedIds(shipBy.minusDays(1))).doesNotContain(orderId);

    Order shipped = order;
    for (String parcel : List.of("P1", "P2")) {
      shipped =
          shipped
              .recordFulfilment(
                  parcel, new FulfilmentEvent(FulfilmentType.SHIPPED, NOW, "T-" + parcel))
              .value()
              .order();
    }
    orders.replace(shipped);

    assertThat(allUnshippedIds(shipBy)).doesNotContain(orderId);
  }

  @Test
  void GEN_5_orders_with_pending_refunds_are_listed_by_earliest_due_date() {
    Order order = registered();
    assertThat(allPendingIds()).doesNotContain(orderId);

    orders.replace(order.addRefund(refund(orderId, "claim-1", 0, 100)).order());

    assertThat(allPendingIds()).contains(orderId);
  }

  @Test
  void a_cursor_this_service_did_not_issue_is_refused() {
    assertThatThrownBy(() -> orders.withPendingRefunds("bm90LWEtY3Vyc29y", 10))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void a_corrupt_item_fails_loudly_naming_the_attribute() {
    registered();
    aws.dynamoDb()
        .updateItem(
            update ->
                update
                    .tableName(aws.tableName())
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("ORDER#" + orderId),
                            "sk",
                            AttributeValue.fromS("ORDER")))
                    .updateExpression("REMOVE customerId"));

    assertThatThrownBy(() -> orders.find(orderId)).hasMessageContaining("customerId");
  }

  private List<String> allUnshippedIds(LocalDate lastShipBy) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Page<String> page = orders.unshippedDueBy(lastShipBy, cursor, 50);
      ids.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }

  private List<String> allPendingIds() {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Page<Order> page = orders.withPendingRefunds(cursor, 50);
      page.items().forEach(o -> ids.add(o.orderId()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }
}
