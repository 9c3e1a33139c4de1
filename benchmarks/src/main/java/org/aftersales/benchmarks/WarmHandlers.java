package org.aftersales.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Warm latency of one handler invocation per function kind, through the real handler classes with
 * the sample events of {@code events/} (order id swapped for a fresh one), against the local
 * DynamoDB server (dynalite, started by {@link LocalAws}). Every figure INCLUDES the local server's
 * latency; a bare {@code GetItem} round trip is measured too, as that floor.
 *
 * <p>Usage: {@code WarmHandlers [warmup-iterations] [measured-iterations]} (default 300, 1000).
 * Each scenario: warm-up, then timed invocations; p50/p90/p99 printed as a Markdown table. Every
 * response's status is checked (a non-2xx aborts the run). Side effects: starts and stops the local
 * servers; writes orders, cancellations and idempotency records in their table.
 */
public final class WarmHandlers {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");

  private final LocalAws aws;
  private final OrdersHandler orders;
  private final CancellationHandler cancellation;
  private final Path events;
  private int next;

  private WarmHandlers(LocalAws aws) {
    this.aws = aws;
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, UTF_8);
    PolicyBook policies = PolicyBook.loadDefault();
    var orderRepository = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    var idempotency = new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName());
    this.orders =
        new OrdersHandler(
            new OrderItemFunction.Ports(
                orderRepository,
                idempotency,
                policies,
                new JsonLog(discard, clock, "aftersales", "OrdersFunction"),
                new EmfMetrics(discard, clock, "AfterSales", "aftersales"),
                clock));
    this.cancellation =
        new CancellationHandler(
            new OrderItemFunction.Ports(
                orderRepository,
                idempotency,
                policies,
                new JsonLog(discard, clock, "aftersales", "CancellationFunction"),
                new EmfMetrics(discard, clock, "AfterSales", "aftersales"),
                clock));
    this.events = projectRoot().resolve("events");
  }

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    System.out.println("before: " + Machine.describe());
    try (LocalAws aws = LocalAws.start()) {
      System.out.println("local servers: " + aws.startupTimes());
      WarmHandlers bench = new WarmHandlers(aws);
      List<Samples> results = new ArrayList<>();
      results.add(
          bench.run(
              "DynamoDB GetItem of an order item (local server floor, no handler)",
              warmup,
              measured,
              bench::getItemScenario));
      results.add(
          bench.run(
              "OrdersFunction PUT /orders/{id} (new order, put-order.json)",
              warmup,
              measured,
              bench::registerScenario));
      results.add(
          bench.run(
              "OrdersFunction GET /orders/{id} (get-order-customer.json)",
              warmup,
              measured,
              bench::getOrderScenario));
      results.add(
          bench.run(
              "CancellationFunction POST /orders/{id}/cancellation (whole order, cancel-all-customer.json)",
              warmup,
              measured,
              bench::cancelScenario));
      // The floor and the GET again with the JVM warm from every scenario: the first rows also pay
      // for JIT compilation still going on in the background.
      results.add(
          bench.run(
              "DynamoDB GetItem of an order item, again after all scenarios",
              warmup,
              measured,
              bench::getItemScenario));
      results.add(
          bench.run(
              "OrdersFunction GET /orders/{id}, again after all scenarios",
              warmup,
              measured,
              bench::getOrderScenario));
      System.out.println();
      System.out.println(
          "warm-up "
              + warmup
              + ", measured "
              + measured
              + " invocations per scenario; times include the local"
              + " dynalite server's latency (same machine, loopback)");
      System.out.println(Samples.header());
      results.forEach(s -> System.out.println(s.row()));
      System.out.println("after: " + Machine.describe());
    }
  }

  /** One timed step and the untimed preparation before it. */
  interface Scenario {
    Prepared prepare();
  }

  interface Prepared {
    void run();
  }

  private Samples run(String label, int warmup, int measured, Scenario scenario) {
    for (int i = 0; i < warmup; i++) {
      scenario.prepare().run();
    }
    long[] nanos = new long[measured];
    for (int i = 0; i < measured; i++) {
      Prepared step = scenario.prepare();
      long begin = System.nanoTime();
      step.run();
      nanos[i] = System.nanoTime() - begin;
    }
    System.out.println("done: " + label);
    return new Samples(label, nanos);
  }

  private String getItemOrder;

  /** The same order item read again and again, as GET /orders/{id} does (no write in between). */
  private Prepared getItemScenario() {
    if (getItemOrder == null) {
      getItemOrder = registered();
    }
    String orderId = getItemOrder;
    Map<String, AttributeValue> key =
        Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("ORDER"));
    return () -> {
      if (!aws.dynamoDb().getItem(b -> b.tableName(aws.tableName()).key(key)).hasItem()) {
        throw new IllegalStateException("order " + orderId + " not found");
      }
    };
  }

  /** A new order id each run: each PUT creates (201), GEN-7. */
  private Prepared registerScenario() {
    byte[] put = event("OrdersFunction/put-order.json", freshOrderId());
    return () -> invoke(orders, put, 201);
  }

  private String lastGetOrder;

  /** One registered order read again and again. */
  private Prepared getOrderScenario() {
    if (lastGetOrder == null) {
      lastGetOrder = registered();
    }
    byte[] get = event("OrdersFunction/get-order-customer.json", lastGetOrder);
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

  private String registered() {
    String orderId = freshOrderId();
    invoke(orders, event("OrdersFunction/put-order.json", orderId), 201);
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
