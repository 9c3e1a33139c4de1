package org.aftersales.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aftersales.cancellation.CancellationHandler;
import org.aftersales.localaws.ProjectRoot;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Warm latency of one handler invocation per function kind, through the real handler classes with
 * the sample events of {@code events/} (order id swapped for a fresh one), against the local
 * DynamoDB server (dynalite, started by {@link LocalAws}). Every figure INCLUDES the local server's
 * latency; a bare {@code GetItem} round trip is measured too, as that floor. The GET and the whole
 * cancellation are also measured on the largest order accepted (50 lines, {@link BenchOrders}),
 * with the bare requests the handlers send for it (consistent {@code GetItem}, version-guarded
 * {@code PutItem}) as their floors (warm path). The handlers' client carries {@link SdkCalls}, so
 * each invocation's time is also split into time inside SDK calls, the part of it on the wire, and
 * the rest (our code).
 *
 * <p>Usage: {@code WarmHandlers [warmup-iterations] [measured-iterations] [label part]} (default
 * 300, 1000, every scenario; e.g. {@code 50-line} runs only the 50-line ones, for a profile; {@code
 * floor-interleaved} runs the 50-line cancellation and its floors in turns). Each scenario:
 * warm-up, then timed invocations; p50/p90/p99 printed as a Markdown table. Every response's status
 * is checked (a non-2xx aborts the run). Side effects: starts and stops the local servers; writes
 * orders, cancellations and idempotency records in their table.
 */
public final class WarmHandlers {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");

  /**
   * The label part that runs the 50-line cancellation and its floors in turns ({@link
   * #interleaved}) instead of one after the other.
   */
  static final String FLOOR_INTERLEAVED = "floor-interleaved";

  /** The largest order accepted (OrderValidation.MAX_LINES; 2 units a line, 100 units). */
  static final int LARGEST_ORDER_LINES = 50;

  private final SdkCalls calls = SdkCalls.timing();
  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final OrdersHandler orders;
  private final CancellationHandler cancellation;
  private final Path events;
  private int next;

  private WarmHandlers(LocalAws aws) {
    this.dynamoDb = calls.client(aws);
    this.tableName = aws.tableName();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, UTF_8);
    PolicyBook policies = PolicyBook.loadDefault();
    var orderRepository = new DynamoDbOrderRepository(dynamoDb, tableName);
    var idempotency = new DynamoDbIdempotencyStore(dynamoDb, tableName);
    Function<String, OrderItemFunction.Ports> ports =
        function ->
            new OrderItemFunction.Ports(
                orderRepository,
                idempotency,
                policies,
                new JsonLog(discard, clock, "aftersales", function),
                new EmfMetrics(discard, clock, "AfterSales", "aftersales"),
                clock);
    this.orders = new OrdersHandler(ports.apply("OrdersFunction"));
    this.cancellation = new CancellationHandler(ports.apply("CancellationFunction"));
    this.events = projectRoot().resolve("events");
  }

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    report(System.out, warmup, measured, args.length > 2 ? args[2] : "");
  }

  /**
   * Runs every scenario whose label contains {@code only} (all for "") and prints its tables to
   * {@code out}.
   */
  static void report(PrintStream out, int warmup, int measured, String only) {
    out.println("before: " + Machine.describe());
    try (LocalAws aws = LocalAws.start()) {
      out.println("local servers: " + aws.startupTimes());
      WarmHandlers bench = new WarmHandlers(aws);
      List<Measured> results = new ArrayList<>();
      String fifty = LARGEST_ORDER_LINES + "-line";
      List<Named> scenarios =
          List.of(
              new Named(
                  "DynamoDB GetItem of an order item (local server floor, no handler)",
                  bench::getItemScenario),
              new Named(
                  "OrdersFunction PUT /orders/{id} (new order, put-order.json)",
                  bench::registerScenario),
              new Named(
                  "OrdersFunction GET /orders/{id} (get-order-customer.json)",
                  bench::getOrderScenario),
              new Named(
                  "CancellationFunction POST /orders/{id}/cancellation (whole order,"
                      + " cancel-all-customer.json)",
                  bench::cancelScenario),
              new Named(
                  "DynamoDB GetItem, consistent, of a " + fifty + " order item (floor, no handler)",
                  bench::getLargeItemScenario),
              new Named(
                  "DynamoDB conditional PutItem of a "
                      + fifty
                      + " order item, version-guarded (floor of the order write, no handler)",
                  bench::putLargeItemScenario),
              new Named(
                  "DynamoDB UpdateItem of every attribute of a "
                      + fifty
                      + " order item as a whole-order cancellation leaves it (refund, outbox,"
                      + " request record), version-guarded (floor of the cancellation's write, no"
                      + " handler)",
                  bench::updateCancelledItemScenario),
              new Named(
                  "OrdersFunction GET /orders/{id}, " + fifty + " order (100 units, 3 parcels)",
                  bench::getLargeOrderScenario),
              new Named(
                  "CancellationFunction POST /orders/{id}/cancellation, whole " + fifty + " order",
                  bench::cancelLargeScenario),
              // The floors and GETs again with the JVM warm from every scenario: the first rows
              // also pay
              // for JIT compilation still going on in the background.
              new Named(
                  "DynamoDB GetItem of an order item, again after all scenarios",
                  bench::getItemScenario),
              new Named(
                  "OrdersFunction GET /orders/{id}, again after all scenarios",
                  bench::getOrderScenario),
              new Named(
                  "DynamoDB GetItem of a " + fifty + " order item, again after all scenarios",
                  bench::getLargeItemScenario),
              new Named(
                  "OrdersFunction GET /orders/{id}, " + fifty + " order, again after all scenarios",
                  bench::getLargeOrderScenario));
      if (only.equals(FLOOR_INTERLEAVED)) {
        // The 50-line cancellation and its two floors in turns: the ratio from one run.
        results.addAll(
            bench.interleaved(
                scenarios.stream()
                    .filter(
                        n ->
                            n.label().contains("GetItem, consistent, of a " + fifty)
                                || n.label().contains("UpdateItem of every attribute")
                                || n.label().contains("cancellation, whole " + fifty))
                    .toList(),
                warmup,
                measured));
      }
      for (Named scenario : scenarios) {
        if (only.equals(FLOOR_INTERLEAVED) || !scenario.label().contains(only)) {
          continue;
        }
        results.add(bench.run(scenario.label(), warmup, measured, scenario.scenario()));
        out.println("done: " + scenario.label());
      }
      out.println();
      out.println(
          "warm-up "
              + warmup
              + ", measured "
              + measured
              + " invocations per scenario; times include the local"
              + " dynalite server's latency (same machine, loopback)");
      out.println();
      out.println(Samples.header());
      results.forEach(m -> out.println(m.total().row()));
      out.println();
      out.println(
          "Where the time goes, per invocation (each column's percentiles are its own: they do"
              + " not add up). SDK calls = beforeExecution → afterExecution of every DynamoDB call"
              + " (marshal, sign, HTTP, unmarshal); on the wire = beforeTransmission →"
              + " afterTransmission (the local server's answer, loopback); in the JVM = all but the"
              + " wire (what the function itself spends); handler minus SDK calls = our code:"
              + " event parsing, caller check, policy, mapping, view, JSON.");
      out.println();
      out.println(Measured.splitHeader());
      results.forEach(m -> out.println(m.splitRow()));
      floorRatio(out, results);
      out.println("after: " + Machine.describe());
      bench.dynamoDb.close();
    }
  }

  /** One timed step and the untimed preparation before it. */
  interface Scenario {
    Prepared prepare();
  }

  interface Prepared {
    void run();
  }

  record Named(String label, Scenario scenario) {}

  /**
   * A scenario's timings: the whole step, the time inside its SDK calls, the part of that on the
   * wire, and the step minus its SDK calls (each a sample per invocation), and the calls it made.
   */
  record Measured(
      Samples total,
      Samples inCalls,
      Samples onWire,
      Samples inJvm,
      Samples ownCode,
      int minCalls,
      int maxCalls) {

    static String splitHeader() {
      return "| scenario | SDK calls per invocation | in-handler p50 / p99 ms | in SDK calls p50 /"
          + " p99 ms | of which on the wire p50 / p99 ms | in the JVM (in-handler minus on the"
          + " wire) p50 / p99 ms | handler minus SDK calls p50 / p99 ms |"
          + "\n|---|---|---|---|---|---|---|";
    }

    String splitRow() {
      return "| "
          + total.label()
          + " | "
          + (minCalls == maxCalls ? minCalls : minCalls + "–" + maxCalls)
          + " | "
          + p50p99(total)
          + " | "
          + p50p99(inCalls)
          + " | "
          + p50p99(onWire)
          + " | "
          + p50p99(inJvm)
          + " | "
          + p50p99(ownCode)
          + " |";
    }

    private static String p50p99(Samples s) {
      return Samples.ms(s.percentile(50)) + " / " + Samples.ms(s.percentile(99));
    }
  }

  private Measured run(String label, int warmup, int measured, Scenario scenario) {
    return interleaved(List.of(new Named(label, scenario)), warmup, measured).getFirst();
  }

  /**
   * Runs {@code scenarios} in turns, one step of each per round (the order of the turn rotating
   * each round), so a burst of load on the machine falls on all of them alike: what a ratio between
   * them needs on a shared machine.
   */
  private List<Measured> interleaved(List<Named> scenarios, int warmup, int measured) {
    int n = scenarios.size();
    for (int i = 0; i < warmup; i++) {
      for (Named scenario : scenarios) {
        scenario.scenario().prepare().run();
      }
    }
    long[][] nanos = new long[n][measured];
    long[][] inCalls = new long[n][measured];
    long[][] onWire = new long[n][measured];
    long[][] inJvm = new long[n][measured];
    long[][] own = new long[n][measured];
    int[] minCalls = new int[n];
    int[] maxCalls = new int[n];
    java.util.Arrays.fill(minCalls, Integer.MAX_VALUE);
    for (int i = 0; i < measured; i++) {
      for (int turn = 0; turn < n; turn++) {
        int s = (turn + i) % n;
        Prepared step = scenarios.get(s).scenario().prepare();
        calls.resetTimes();
        long begin = System.nanoTime();
        step.run();
        nanos[s][i] = System.nanoTime() - begin;
        SdkCalls.Times times = calls.takeTimes();
        inCalls[s][i] = times.callNanos();
        onWire[s][i] = times.wireNanos();
        inJvm[s][i] = nanos[s][i] - times.wireNanos();
        own[s][i] = nanos[s][i] - times.callNanos();
        minCalls[s] = Math.min(minCalls[s], times.calls());
        maxCalls[s] = Math.max(maxCalls[s], times.calls());
      }
    }
    List<Measured> results = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      String label = scenarios.get(s).label();
      results.add(
          new Measured(
              new Samples(label, nanos[s]),
              new Samples(label, inCalls[s]),
              new Samples(label, onWire[s]),
              new Samples(label, inJvm[s]),
              new Samples(label, own[s]),
              minCalls[s],
              maxCalls[s]));
    }
    return results;
  }

  /** The order each read scenario reads again and again, registered on first use. */
  private final Map<String, String> readAgain = new HashMap<>();

  private String readAgain(String scenario, Supplier<String> register) {
    return readAgain.computeIfAbsent(scenario, s -> register.get());
  }

  /** The same order item read again and again, as GET /orders/{id} does (no write in between). */
  private Prepared getItemScenario() {
    return getItem(readAgain("GetItem", this::registered), false);
  }

  /** The 50-line order item read as the repository reads it (consistent), again and again. */
  private Prepared getLargeItemScenario() {
    return getItem(readAgain("GetItem 50 lines", this::registeredLarge), true);
  }

  private Prepared getItem(String orderId, boolean consistent) {
    Map<String, AttributeValue> key = orderKey(orderId);
    return () -> {
      if (!dynamoDb
          .getItem(b -> b.tableName(tableName).key(key).consistentRead(consistent))
          .hasItem()) {
        throw new IllegalStateException("order " + orderId + " not found");
      }
    };
  }

  private Map<String, AttributeValue> largePutItem;

  /**
   * The request {@code DynamoDbOrderRepository.replace} sends for a 50-line order: the whole item,
   * version + 1, conditional on the version read; each run writes the next version of one order.
   */
  private Prepared putLargeItemScenario() {
    if (largePutItem == null) {
      largePutItem =
          dynamoDb.getItem(b -> b.tableName(tableName).key(orderKey(registeredLarge()))).item();
    }
    long read = Long.parseLong(largePutItem.get("version").n());
    Map<String, AttributeValue> item = new HashMap<>(largePutItem);
    item.put("version", AttributeValue.fromN(Long.toString(read + 1)));
    largePutItem = item;
    return () ->
        dynamoDb.putItem(
            put ->
                put.tableName(tableName)
                    .item(item)
                    .conditionExpression("#version = :read")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(
                        Map.of(":read", AttributeValue.fromN(Long.toString(read)))));
  }

  /**
   * The whole 50-line cancellation beside its floor, all from this run: per percentile, the
   * in-handler time over the sum of the same percentile of the consistent {@code GetItem} and the
   * version-guarded {@code UpdateItem} of the cancelled item.
   */
  private static void floorRatio(PrintStream out, List<Measured> results) {
    Samples get = total(results, "GetItem, consistent, of a " + LARGEST_ORDER_LINES);
    Samples write = total(results, "UpdateItem of every attribute");
    Samples cancel = total(results, "cancellation, whole " + LARGEST_ORDER_LINES);
    if (get == null || write == null || cancel == null) {
      return;
    }
    out.println();
    out.println("| 50-line cancellation vs its floor | p50 ms | p99 ms |\n|---|---|---|");
    double[] ratio = new double[2];
    int i = 0;
    StringBuilder floor = new StringBuilder("| floor: GetItem + UpdateItem |");
    StringBuilder handler = new StringBuilder("| cancellation, in-handler |");
    StringBuilder ratios = new StringBuilder("| ratio |");
    for (double p : new double[] {50, 99}) {
      long sum = get.percentile(p) + write.percentile(p);
      ratio[i++] = (double) cancel.percentile(p) / sum;
      floor
          .append(' ')
          .append(Samples.ms(get.percentile(p)))
          .append(" + ")
          .append(Samples.ms(write.percentile(p)))
          .append(" = ")
          .append(Samples.ms(sum))
          .append(" |");
      handler.append(' ').append(Samples.ms(cancel.percentile(p))).append(" |");
      ratios.append(String.format(java.util.Locale.ROOT, " %.2f× |", ratio[i - 1]));
    }
    out.println(floor);
    out.println(handler);
    out.println(ratios);
  }

  private static Samples total(List<Measured> results, String labelPart) {
    return results.stream()
        .map(Measured::total)
        .filter(s -> s.label().contains(labelPart))
        .findFirst()
        .orElse(null);
  }

  private Map<String, AttributeValue> cancelledItem;

  /**
   * The write a whole-order cancellation of a 50-line order makes, bare: every attribute of the
   * item as that cancellation left it (units, refund, the outbox with its events, the request
   * record) set by one {@code UpdateItem} guarded by the version read; each run writes the next
   * version of one order.
   */
  private Prepared updateCancelledItemScenario() {
    if (cancelledItem == null) {
      String orderId = registeredLarge();
      invoke(cancellation, event("CancellationFunction/cancel-all-customer.json", orderId), 200);
      cancelledItem = dynamoDb.getItem(b -> b.tableName(tableName).key(orderKey(orderId))).item();
    }
    long read = Long.parseLong(cancelledItem.get("version").n());
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder set = new StringBuilder("SET ");
    int n = 0;
    for (Map.Entry<String, AttributeValue> attribute : cancelledItem.entrySet()) {
      if (attribute.getKey().equals("pk") || attribute.getKey().equals("sk")) {
        continue;
      }
      names.put("#a" + n, attribute.getKey());
      values.put(
          ":v" + n,
          attribute.getKey().equals("version")
              ? AttributeValue.fromN(Long.toString(read + 1))
              : attribute.getValue());
      set.append(n == 0 ? "" : ", ").append("#a").append(n).append(" = :v").append(n);
      n++;
    }
    values.put(":read", AttributeValue.fromN(Long.toString(read)));
    Map<String, AttributeValue> key = orderKey(cancelledItem.get("orderId").s());
    Map<String, AttributeValue> next = new HashMap<>(cancelledItem);
    next.put("version", AttributeValue.fromN(Long.toString(read + 1)));
    cancelledItem = next;
    String condition = "#version = :read";
    names.put("#version", "version");
    return () ->
        dynamoDb.updateItem(
            u ->
                u.tableName(tableName)
                    .key(key)
                    .updateExpression(set.toString())
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
  }

  private static Map<String, AttributeValue> orderKey(String orderId) {
    return Map.of(
        "pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("ORDER"));
  }

  /** A new order id each run: each PUT creates (201), GEN-7. */
  private Prepared registerScenario() {
    byte[] put = event("OrdersFunction/put-order.json", freshOrderId());
    return () -> invoke(orders, put, 201);
  }

  /** One registered order read again and again. */
  private Prepared getOrderScenario() {
    return getOrder(readAgain("GET", this::registered));
  }

  /** One registered 50-line order read again and again. */
  private Prepared getLargeOrderScenario() {
    return getOrder(readAgain("GET 50 lines", this::registeredLarge));
  }

  private Prepared getOrder(String orderId) {
    byte[] get = event("OrdersFunction/get-order-customer.json", orderId);
    return () -> invoke(orders, get, 200);
  }

  /**
   * A freshly registered order (untimed) cancelled whole (timed): each run cancels for real, CAN-1,
   * CAN-5.
   */
  private Prepared cancelScenario() {
    byte[] cancel = event("CancellationFunction/cancel-all-customer.json", registered());
    return () -> invoke(cancellation, cancel, 200);
  }

  /** As {@link #cancelScenario()} with a freshly registered 50-line order. */
  private Prepared cancelLargeScenario() {
    byte[] cancel = event("CancellationFunction/cancel-all-customer.json", registeredLarge());
    return () -> invoke(cancellation, cancel, 200);
  }

  private String registered() {
    String orderId = freshOrderId();
    invoke(orders, event("OrdersFunction/put-order.json", orderId), 201);
    return orderId;
  }

  /** A 50-line order ({@link BenchOrders}) registered through {@code PUT /orders/{id}}. */
  private String registeredLarge() {
    String orderId = freshOrderId();
    try {
      ObjectNode put =
          (ObjectNode) Json.MAPPER.readTree(event("OrdersFunction/put-order.json", orderId));
      put.put("body", BenchOrders.putBody(BenchOrders.ofLines(LARGEST_ORDER_LINES)));
      invoke(orders, Json.MAPPER.writeValueAsBytes(put), 201);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return orderId;
  }

  private String freshOrderId() {
    return "o-warm-" + (++next);
  }

  /**
   * The sample event aimed at {@code orderId} (path, path parameter and idempotency key name
   * o-1001).
   */
  private byte[] event(String file, String orderId) {
    try {
      return Files.readString(events.resolve(file)).replace("o-1001", orderId).getBytes(UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void invoke(RequestStreamHandler handler, byte[] event, int expectedStatus) {
    try {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), output, null);
      int status = Json.MAPPER.readTree(output.toByteArray()).get("statusCode").intValue();
      if (status != expectedStatus) {
        throw new IllegalStateException(
            "expected " + expectedStatus + ", got " + output.toString(UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path projectRoot() {
    return ProjectRoot.find();
  }
}
