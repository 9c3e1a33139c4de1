package org.aftersales.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.aftersales.cancellation.AutoCancelHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.SeedOrderItems;
import org.aftersales.shared.testing.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What one scheduled auto-cancel run (CAN-6) costs in DynamoDB requests and capacity units, with
 * {@code N} orders in the table of which 10 are overdue: the real {@link AutoCancelHandler} (page
 * size and margin as deployed) on the real {@link DynamoDbOrderRepository}, against dynalite, with
 * the schedule event of {@code events/AutoCancelFunction/schedule.json}. Every request of the run
 * asks for {@code ReturnConsumedCapacity.TOTAL} and the units each response reports are summed per
 * operation ({@link SdkCalls}, only on this benchmark's client). A second run right after, with
 * nothing overdue left, gives the fixed cost of a run.
 *
 * <p>Each size gets fresh local servers. The orders are seeded with {@code BatchWriteItem} (25
 * items a request) of the items the repository itself writes ({@link SeedOrderItems}): 10 overdue
 * (placed 2026-11-02, due to ship 2026-11-05, unshipped), the others half shipped (no key in the
 * sparse {@code Unshipped} index) and half unshipped but due to ship later (in the index, past the
 * query's key range). The run must cancel exactly the 10 overdue orders, or the benchmark fails.
 *
 * <p>Usage: {@code AutoCancelCost [lines per order] [order counts...]} (default 2 lines, 1000
 * 10000). Side effects: starts and stops the local servers.
 */
public final class AutoCancelCost {

  static final int OVERDUE = 10;
  static final Instant PLACED_LATER = Instant.parse("2026-11-25T10:00:00Z");
  static final LocalDate SHIP_LATER = LocalDate.parse("2026-11-30");

  private static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem");

  public static void main(String[] args) {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    report(System.out, lines, sizes.isEmpty() ? List.of(1_000, 10_000) : sizes);
  }

  /** One run's cost per operation and what the handler answered. */
  record Run(String name, Map<String, SdkCalls.Operation> operations, JsonNode summary, long ms) {

    double capacity(boolean reads) {
      return operations.entrySet().stream()
          .filter(e -> READS.contains(e.getKey()) == reads)
          .mapToDouble(e -> e.getValue().capacityUnits)
          .sum();
    }

    int requests() {
      return operations.values().stream().mapToInt(o -> o.requests).sum();
    }
  }

  /** One table size: what was seeded and the two runs. */
  record Size(
      int orders,
      long inIndex,
      long itemBytes,
      long cancelledItemBytes,
      long seedMs,
      List<Run> runs) {}

  static void report(PrintStream out, int lines, List<Integer> sizes) {
    out.println("before: " + Machine.describe());
    List<Size> results = new ArrayList<>();
    for (int size : sizes) {
      results.add(measure(out, lines, size));
    }
    out.println();
    out.println(
        "Orders of "
            + lines
            + " lines ("
            + 2 * lines
            + " units); schedule time "
            + scheduleTime()
            + "; page size "
            + AutoCancelHandler.DEFAULT_PAGE_SIZE
            + ". Capacity units as dynalite reports them in each response"
            + " (ReturnConsumedCapacity TOTAL: the table's units, index writes not included).");
    out.println();
    out.println(
        row(
            "orders in the table",
            "in the Unshipped index",
            "run",
            "candidates / cancelled",
            "requests",
            "read units",
            "write units",
            "run ms"));
    out.println("|---|---|---|---|---|---|---|---|");
    for (Size s : results) {
      for (Run r : s.runs()) {
        out.println(
            row(
                count(s.orders()),
                count(s.inIndex()),
                r.name(),
                r.summary().path("candidates").asInt()
                    + " / "
                    + r.summary().path("cancelledOrders").asInt(),
                r.requests(),
                units(r.capacity(true)),
                units(r.capacity(false)),
                r.ms()));
      }
    }
    out.println();
    out.println(
        row(
            "orders in the table",
            "run",
            "operation",
            "requests",
            "responses with ConsumedCapacity",
            "capacity units",
            "items returned or written",
            "items scanned (Query)"));
    out.println("|---|---|---|---|---|---|---|---|");
    for (Size s : results) {
      for (Run r : s.runs()) {
        r.operations()
            .forEach(
                (name, op) ->
                    out.println(
                        row(
                            count(s.orders()),
                            r.name(),
                            name,
                            op.requests + (op.failures > 0 ? " (" + op.failures + " failed)" : ""),
                            op.responsesWithCapacity,
                            units(op.capacityUnits),
                            op.items,
                            name.equals("Query") ? Long.toString(op.scanned) : "–")));
      }
    }
    out.println();
    for (Size s : results) {
      out.println(
          String.format(
              Locale.ROOT,
              "%,d orders: seeded in %d ms (BatchWriteItem, 25 a request); an overdue order's item"
                  + " is %d bytes before its cancellation, %d after (with its refund; ItemSize's"
                  + " estimate)",
              s.orders(),
              s.seedMs(),
              s.itemBytes(),
              s.cancelledItemBytes()));
    }
    out.println("after: " + Machine.describe());
  }

  private static Size measure(PrintStream out, int lines, int orders) {
    try (LocalAws aws = LocalAws.start()) {
      out.println(orders + " orders; local servers: " + aws.startupTimes());
      SdkCalls calls = SdkCalls.withConsumedCapacity();
      try (DynamoDbClient dynamoDb = calls.client(aws)) {
        PolicyBook policies = PolicyBook.loadDefault();
        long seedBegin = System.nanoTime();
        long itemBytes = seed(dynamoDb, aws.tableName(), policies, lines, orders);
        long seedMs = (System.nanoTime() - seedBegin) / 1_000_000;
        SdkCalls.Operation seeded = calls.takeOperations().get("BatchWriteItem");
        if (seeded == null || seeded.items != orders) {
          throw new IllegalStateException("seeding wrote " + (seeded == null ? 0 : seeded.items));
        }
        long inIndex = countUnshipped(dynamoDb, aws.tableName());
        calls.takeOperations();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, UTF_8);
        Clock clock = Clock.fixed(scheduleTime(), ZoneOffset.UTC);
        AutoCancelHandler handler =
            new AutoCancelHandler(
                new DynamoDbOrderRepository(dynamoDb, aws.tableName()),
                policies,
                new JsonLog(discard, clock, "aftersales", "AutoCancelFunction"),
                new EmfMetrics(discard, clock, "AfterSales", "aftersales"),
                AutoCancelHandler.DEFAULT_PAGE_SIZE,
                AutoCancelHandler.DEFAULT_MIN_REMAINING_MILLIS);
        Run first = run(handler, calls, OVERDUE + " overdue");
        Run again = run(handler, calls, "again, none overdue");
        require(first.summary(), OVERDUE);
        require(again.summary(), 0);
        long cancelledBytes =
            SeedOrderItems.size(
                dynamoDb
                    .getItem(
                        g ->
                            g.tableName(aws.tableName())
                                .key(
                                    Map.of(
                                        "pk", AttributeValue.fromS("ORDER#" + orderId(0)),
                                        "sk", AttributeValue.fromS("ORDER"))))
                    .item());
        return new Size(orders, inIndex, itemBytes, cancelledBytes, seedMs, List.of(first, again));
      }
    }
  }

  private static Run run(AutoCancelHandler handler, SdkCalls calls, String name) {
    try {
      byte[] event = Files.readAllBytes(scheduleEvent());
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      long begin = System.nanoTime();
      handler.handleRequest(new ByteArrayInputStream(event), output, null);
      long ms = (System.nanoTime() - begin) / 1_000_000;
      return new Run(name, calls.takeOperations(), Json.MAPPER.readTree(output.toByteArray()), ms);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void require(JsonNode summary, int cancelled) {
    if (summary.path("candidates").asInt(-1) != cancelled
        || summary.path("cancelledOrders").asInt(-1) != cancelled
        || summary.path("failures").asInt(-1) != 0
        || !summary.path("complete").asBoolean(false)) {
      throw new IllegalStateException(
          "expected " + cancelled + " orders cancelled, the run answered " + summary);
    }
  }

  /**
   * Writes {@code count} orders: every {@code count / 10}-th overdue, the others alternately
   * shipped and due later. Returns the size of an overdue order's item.
   */
  private static long seed(
      DynamoDbClient dynamoDb, String table, PolicyBook policies, int lines, int count) {
    int every = count / OVERDUE;
    long itemBytes = 0;
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String orderId = orderId(i);
      Order order;
      if (i % every == 0) {
        order =
            registered(
                BenchOrders.ofLines(lines, orderId, BenchOrders.PLACED, BenchOrders.SHIP_BY),
                policies);
      } else {
        order = registered(BenchOrders.ofLines(lines, orderId, PLACED_LATER, SHIP_LATER), policies);
        if (i % 2 == 0) {
          order = shipped(order);
        }
      }
      Map<String, AttributeValue> item = SeedOrderItems.created(order);
      if (i == 0) {
        itemBytes = SeedOrderItems.size(item);
      }
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      if (batch.size() == 25 || i == count - 1) {
        write(dynamoDb, table, batch);
        batch = new ArrayList<>();
      }
    }
    return itemBytes;
  }

  private static String orderId(int i) {
    return String.format(Locale.ROOT, "o-ac-%06d", i);
  }

  private static void write(DynamoDbClient dynamoDb, String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
    }
  }

  private static Order registered(OrderSpec spec, PolicyBook policies) {
    return Order.register(spec, policies.inForceAt(spec.placedAt()).version());
  }

  private static Order shipped(Order order) {
    for (ParcelSpec parcel : order.spec().parcels()) {
      order =
          order
              .recordFulfilment(
                  parcel.parcelId(),
                  new FulfilmentEvent(
                      FulfilmentType.SHIPPED, PLACED_LATER, "TRK-" + order.orderId()))
              .value()
              .order();
    }
    if (order.hasUnshippedParcels()) {
      throw new IllegalStateException("order " + order.orderId() + " still has unshipped parcels");
    }
    return order;
  }

  /** Orders carrying the sparse index key, counted with COUNT queries (before the runs). */
  private static long countUnshipped(DynamoDbClient dynamoDb, String table) {
    return dynamoDb
        .queryPaginator(
            q ->
                q.tableName(table)
                    .indexName("Unshipped")
                    .keyConditionExpression("gsi3pk = :unshipped")
                    .expressionAttributeValues(
                        Map.of(":unshipped", AttributeValue.fromS(SeedOrderItems.UNSHIPPED)))
                    .select(Select.COUNT))
        .stream()
        .mapToLong(QueryResponse::count)
        .sum();
  }

  private static Path scheduleEvent() {
    return WarmHandlers.projectRoot().resolve("events/AutoCancelFunction/schedule.json");
  }

  private static Instant scheduleTime() {
    try {
      return Instant.parse(Json.MAPPER.readTree(scheduleEvent().toFile()).path("time").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Markdown table row. */
  private static String row(Object... cells) {
    return Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |"));
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String units(double units) {
    return String.format(Locale.ROOT, "%.1f", units);
  }
}
