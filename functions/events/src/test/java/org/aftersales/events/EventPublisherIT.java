package org.aftersales.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.aftersales.localaws.LocalEventBridge;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.OutboxStore.ItemRef;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.aftersales.shared.testing.TestOrders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The publisher against the local DynamoDB server and the kit's EventBridge endpoint, through the
 * real SDK clients: outbox events reach the bus in the order of their decisions and leave the
 * outbox for the order's history; a publisher that dies at any point between a decision's write and
 * the end of its publication loses nothing (MSG-2).
 */
@ExtendWith(LocalAwsServers.class)
class EventPublisherIT {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");

  private final LocalAws aws;
  private TestBus local;
  private LocalEventBridge bridge;
  private DynamoDbOrderRepository orders;
  private OutboxStore outbox;
  private EventBus bus;

  EventPublisherIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    local = TestBus.start(aws);
    bridge = local.bridge();
    bus = local.bus();
    orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    outbox = new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName());
  }

  @AfterEach
  void tearDown() {
    local.close();
  }

  private String newOrder() {
    String orderId = aws.uniqueId("o");
    orders.create(Order.register(TestOrders.hdmiSwitches(orderId, "c-1"), "2026-01"));
    return orderId;
  }

  /** One committed decision announcing one event (the order itself unchanged but for version). */
  private String decide(String orderId, int n) {
    return decide(orderId, n, Json.object().put("n", n));
  }

  /** {@link #decide(String, int)} with {@code data} as the event's data. */
  private String decide(String orderId, int n, ObjectNode data) {
    Event event =
        Event.of(
            "OrderUnitsCancelled",
            orders.find(orderId).orElseThrow(),
            "CANCELLATION",
            orderId + "-d" + n,
            NOW.plusSeconds(n),
            Explanation.of("CAN-1", "decision " + n),
            data);
    new OrderUpdates(orders)
        .apply(orderId, order -> OrderUpdates.Change.of(order, null).announcing(event));
    return event.eventId();
  }

  private EventPublisher publisher(OutboxStore store, EventBus on) {
    return new EventPublisher(store, on, Clock.systemUTC());
  }

  private static List<String> ids(List<ObjectNode> delivered, String orderId) {
    List<String> ids = new ArrayList<>();
    for (ObjectNode e : delivered) {
      if (e.path("detail").path("orderId").asText().equals(orderId)) {
        ids.add(e.path("detail").path("eventId").asText());
      }
    }
    return ids;
  }

  @Test
  void MSG_2_an_items_events_go_on_the_bus_in_the_order_of_their_decisions_and_leave_the_outbox() {
    String orderId = newOrder();
    List<String> decided = List.of(decide(orderId, 1), decide(orderId, 2), decide(orderId, 3));
    ItemRef item = new ItemRef("ORDER#" + orderId, "ORDER");

    EventPublisher.Published published = publisher(outbox, bus).publish(item);

    assertThat(published.events()).isEqualTo(3);
    List<ObjectNode> delivered = bridge.received();
    assertThat(ids(delivered, orderId)).containsExactlyElementsOf(decided);
    ObjectNode first = delivered.getFirst();
    assertThat(first.path("source").asText()).isEqualTo("aftersales");
    assertThat(first.path("detail-type").asText()).isEqualTo("OrderUnitsCancelled");
    assertThat(first.path("event-bus-name").asText()).isEqualTo("aftersales-test-bus");
    assertThat(outbox.read(item).orElseThrow().events()).isEmpty();
    assertThat(outbox.history(orderId, null, 10).items())
        .extracting(OutboxStore.PublishedEvent::eventId)
        .containsExactlyElementsOf(decided);
    assertThat(stuckItems()).doesNotContain(item);
  }

  @Test
  void MSG_2_events_that_together_reach_256_KB_are_put_in_more_calls_in_order() {
    String orderId = newOrder();
    // three events of about 100 KB each: EventBridge refuses them in one call (the kit too)
    List<String> decided = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      decided.add(decide(orderId, n, Json.object().put("n", n).put("note", "x".repeat(100_000))));
    }
    ItemRef item = new ItemRef("ORDER#" + orderId, "ORDER");

    EventPublisher.Published published = publisher(outbox, bus).publish(item);

    assertThat(published.events()).isEqualTo(3);
    assertThat(ids(bridge.received(), orderId)).containsExactlyElementsOf(decided);
    assertThat(outbox.read(item).orElseThrow().events()).isEmpty();
  }

  @Test
  void MSG_2_a_bus_outage_keeps_the_events_until_the_sweep_puts_them() {
    String orderId = newOrder();
    String id = decide(orderId, 1);
    bridge.failNextCalls(10);

    assertThatThrownBy(
            () -> publisher(outbox, bus).publish(new ItemRef("ORDER#" + orderId, "ORDER")))
        .isInstanceOf(RuntimeException.class);
    assertThat(ids(bridge.received(), orderId)).isEmpty();

    bridge.failNextCalls(0);
    EventPublisher.Sweep sweep =
        publisher(outbox, bus).sweep(25, () -> Long.MAX_VALUE, 0, (ref, e) -> {});

    assertThat(ids(bridge.received(), orderId)).containsExactly(id);
    assertThat(sweep.failures()).isZero();
  }

  /** Where the simulated publisher dies. */
  enum CrashPoint {
    BEFORE_PUT,
    AFTER_PUT_BEFORE_MARK,
    AFTER_MARK
  }

  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(CrashPoint at) {
      super("simulated publisher crash " + at);
    }
  }

  /** The real outbox store and bus, with a publisher that dies at {@code at} once. */
  private EventPublisher crashingAt(CrashPoint at) {
    boolean[] armed = {true};
    EventBus dying =
        events -> {
          if (at == CrashPoint.BEFORE_PUT && armed[0]) {
            armed[0] = false;
            throw new Crash(at);
          }
          bus.put(events);
          if (at == CrashPoint.AFTER_PUT_BEFORE_MARK && armed[0]) {
            armed[0] = false;
            throw new Crash(at);
          }
        };
    OutboxStore store =
        new OutboxStore() {
          @Override
          public org.aftersales.shared.store.Page<ItemRef> withUnpublished(String c, int l) {
            return outbox.withUnpublished(c, l);
          }

          @Override
          public java.util.Optional<OutboxItem> read(ItemRef ref) {
            return outbox.read(ref);
          }

          @Override
          public void markPublished(OutboxItem item, List<PendingEvent> published, Instant t) {
            outbox.markPublished(item, published, t);
            if (at == CrashPoint.AFTER_MARK && armed[0]) {
              armed[0] = false;
              throw new Crash(at);
            }
          }

          @Override
          public boolean published(String eventId) {
            return outbox.published(eventId);
          }

          @Override
          public org.aftersales.shared.store.Page<PublishedEvent> history(
              String orderId, String cursor, int limit) {
            return outbox.history(orderId, cursor, limit);
          }
        };
    return publisher(store, dying);
  }

  @Test
  void MSG_2_a_publisher_killed_anywhere_loses_nothing_and_keeps_each_orders_order() {
    Random random = new Random(20261206L);
    Map<String, List<String>> decidedByOrder = new LinkedHashMap<>();
    List<String> orderIds = List.of(newOrder(), newOrder(), newOrder());
    orderIds.forEach(o -> decidedByOrder.put(o, new ArrayList<>()));
    for (int n = 1; n <= 24; n++) {
      String orderId = orderIds.get(random.nextInt(orderIds.size()));
      decidedByOrder.get(orderId).add(decide(orderId, n));
      if (random.nextInt(3) == 0) {
        CrashPoint at = CrashPoint.values()[random.nextInt(CrashPoint.values().length)];
        try {
          crashingAt(at).publish(new ItemRef("ORDER#" + orderId, "ORDER"));
        } catch (Crash expected) {
          // the publisher died at `at`
        }
      }
    }

    EventPublisher.Sweep sweep =
        publisher(outbox, bus).sweep(2, () -> Long.MAX_VALUE, 0, (ref, e) -> {});

    assertThat(sweep.failures()).isZero();
    List<ObjectNode> delivered = bridge.received();
    for (String orderId : orderIds) {
      List<String> firstSeen = new ArrayList<>(new LinkedHashSet<>(ids(delivered, orderId)));
      assertThat(firstSeen)
          .as("every committed decision of %s published, in the order decided", orderId)
          .containsExactlyElementsOf(decidedByOrder.get(orderId));
      assertThat(outbox.read(new ItemRef("ORDER#" + orderId, "ORDER")).orElseThrow().events())
          .isEmpty();
    }
    assertThat(stuckItems())
        .doesNotContainAnyElementsOf(
            orderIds.stream().map(o -> new ItemRef("ORDER#" + o, "ORDER")).toList());
  }

  private Set<ItemRef> stuckItems() {
    Set<ItemRef> refs = new LinkedHashSet<>();
    String cursor = null;
    do {
      var page = outbox.withUnpublished(cursor, 100);
      refs.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return refs;
  }

  private PublisherHandler handler() {
    var run =
        new org.aftersales.shared.testing.LambdaRun(Clock.systemUTC(), "EventPublisherFunction");
    return new PublisherHandler(outbox, bus, run.log, run.metrics, Clock.systemUTC());
  }

  @Test
  void
      MSG_2_the_publisher_function_publishes_the_items_of_its_stream_records_and_sweeps_on_schedule() {
    String streamed = newOrder();
    String streamedId = decide(streamed, 1);
    ObjectNode stream =
        org.aftersales.shared.testing.LambdaRun.event("EventPublisherFunction", "stream");
    ObjectNode keys = (ObjectNode) stream.at("/Records/0/dynamodb/Keys");
    keys.putObject("pk").put("S", "ORDER#" + streamed);

    var fromStream = org.aftersales.shared.testing.LambdaRun.raw(handler(), stream.toString());

    assertThat(fromStream.path("trigger").asText()).isEqualTo("stream");
    assertThat(ids(bridge.received(), streamed)).containsExactly(streamedId);

    String swept = newOrder();
    String sweptId = decide(swept, 2);
    var fromSweep =
        org.aftersales.shared.testing.LambdaRun.raw(
            handler(),
            org.aftersales.shared.testing.LambdaRun.eventText("EventPublisherFunction", "sweep"));

    assertThat(fromSweep.path("trigger").asText()).isEqualTo("sweep");
    assertThat(fromSweep.path("complete").asBoolean()).isTrue();
    assertThat(ids(bridge.received(), swept)).containsExactly(sweptId);
    assertThat(stuckItems()).doesNotContain(new ItemRef("ORDER#" + swept, "ORDER"));
  }

  @Test
  void the_local_bus_hands_over_what_was_put_within_a_deadline() {
    String orderId = newOrder();
    String id = decide(orderId, 1);
    publisher(outbox, bus).publish(new ItemRef("ORDER#" + orderId, "ORDER"));

    assertThat(ids(bridge.await(r -> !ids(r, orderId).isEmpty(), Duration.ofSeconds(5)), orderId))
        .containsExactly(id);
  }
}
