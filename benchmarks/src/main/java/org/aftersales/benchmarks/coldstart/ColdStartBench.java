package org.aftersales.benchmarks.coldstart;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.aftersales.benchmarks.Machine;
import org.aftersales.benchmarks.Samples;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LocalAws;

/**
 * Cold start, measured from outside: for each scenario, starts a fresh JVM on an unpacked Lambda
 * zip ({@code functions/<module>/target/<module>-lambda.zip}, classes + {@code lib/*}) running
 * {@link ColdStartMain}, and times process start → marker line on stdout ({@code @@READY} after
 * init, {@code @@RESPONSE} after the first invocation) and → process exit. Scenarios × JVM flag
 * sets are interleaved run by run, so load drift hits all alike; one untimed round first warms the
 * OS file cache. Each invocation gets a freshly registered order (seeded in this JVM through {@link
 * OrdersHandler} with put-order.json) and must answer 200.
 *
 * <p>Usage: {@code ColdStartBench [runs]} (default 20), from inside the repository after {@code
 * ./mvnw -pl benchmarks -am package -DskipTests}. Side effects: starts the local servers, unpacks
 * the zips under {@code benchmarks/target/coldstart/}, writes orders to the local table.
 */
public final class ColdStartBench {

  /** The Lambda template's {@code JAVA_TOOL_OPTIONS} (template.yaml Globals). */
  static final List<String> TEMPLATE_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  record Flags(String name, List<String> args) {}

  record Scenario(String name, String module, String handler, String event) {}

  static final List<Flags> FLAGS =
      List.of(new Flags("template (C1 only)", TEMPLATE_FLAGS), new Flags("JVM default", List.of()));

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario("bare JVM, empty main (floor)", "orders", null, null),
          new Scenario(
              "OrdersFunction init", "orders", "org.aftersales.orders.OrdersHandler", null),
          new Scenario(
              "OrdersFunction init + GET /orders/{id}",
              "orders",
              "org.aftersales.orders.OrdersHandler",
              "OrdersFunction/get-order-customer.json"),
          new Scenario(
              "CancellationFunction init",
              "cancellation",
              "org.aftersales.cancellation.CancellationHandler",
              null),
          new Scenario(
              "CancellationFunction init + POST /orders/{id}/cancellation",
              "cancellation",
              "org.aftersales.cancellation.CancellationHandler",
              "CancellationFunction/cancel-all-customer.json"));

  private final Path root;
  private final Path work;
  private final Map<String, String> environment;
  private final OrdersHandler seeder;
  private int next;

  private ColdStartBench(Path root, LocalAws aws) {
    this.root = root;
    this.work = root.resolve("benchmarks/target/coldstart");
    Map<String, String> env = new LinkedHashMap<>(aws.environment());
    env.put("POWERTOOLS_SERVICE_NAME", "aftersales");
    env.put("SERVICE_NAME", "aftersales");
    env.put("METRICS_NAMESPACE", "AfterSales");
    this.environment = Map.copyOf(env);
    Clock clock = Clock.systemUTC();
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, UTF_8);
    this.seeder =
        new OrdersHandler(
            new OrderItemFunction.Ports(
                new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()),
                new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
                PolicyBook.loadDefault(),
                new JsonLog(discard, clock, "aftersales", "OrdersFunction"),
                new EmfMetrics(discard, clock, "AfterSales", "aftersales"),
                clock));
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path root = org.aftersales.benchmarks.WarmHandlers.projectRoot();
    System.out.println("before: " + Machine.describe());
    try (LocalAws aws = LocalAws.start()) {
      ColdStartBench bench = new ColdStartBench(root, aws);
      bench.prepare();
      Map<String, long[]> toMarker = new LinkedHashMap<>();
      Map<String, long[]> toExit = new LinkedHashMap<>();
      for (int run = 0; run <= runs; run++) { // run 0: untimed warm-up round
        for (Scenario scenario : SCENARIOS) {
          for (Flags flags : FLAGS) {
            long[] times = bench.once(scenario, flags);
            if (run > 0) {
              String key = scenario.name() + " | " + flags.name();
              toMarker.computeIfAbsent(key, k -> new long[runs])[run - 1] = times[0];
              toExit.computeIfAbsent(key, k -> new long[runs])[run - 1] = times[1];
            }
          }
        }
        System.out.println("round " + run + " done, load " + Machine.loadAverage());
      }
      System.out.println();
      System.out.println(
          "java: " + bench.java() + "; runs per row: " + runs + " (after one untimed round)");
      System.out.println("\nProcess start → marker line (init done / first response written):");
      System.out.println(Samples.coldHeader());
      toMarker.forEach((label, nanos) -> System.out.println(new Samples(label, nanos).coldRow()));
      System.out.println("\nProcess start → process exit:");
      System.out.println(Samples.coldHeader());
      toExit.forEach((label, nanos) -> System.out.println(new Samples(label, nanos).coldRow()));
      System.out.println("after: " + Machine.describe());
    }
  }

  /** Unpacks each module's Lambda zip once and puts {@link ColdStartMain} in its own directory. */
  private void prepare() throws IOException {
    for (String module : List.of("orders", "cancellation")) {
      Path zip = root.resolve("functions/" + module + "/target/" + module + "-lambda.zip");
      if (!Files.isRegularFile(zip)) {
        throw new IllegalStateException(
            zip + " is missing: run ./mvnw -pl benchmarks -am package -DskipTests");
      }
      unzip(zip, work.resolve(module));
    }
    String classFile = ColdStartMain.class.getName().replace('.', '/') + ".class";
    Path target = work.resolve("main").resolve(classFile);
    Files.createDirectories(target.getParent());
    try (InputStream in = ColdStartMain.class.getClassLoader().getResourceAsStream(classFile)) {
      Files.write(target, in.readAllBytes());
    }
  }

  private String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** One fresh JVM: nanoseconds to the marker line and to exit. */
  private long[] once(Scenario scenario, Flags flags) throws Exception {
    Path unpacked = work.resolve(scenario.module());
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(flags.args());
    command.add("-cp");
    command.add(unpacked + ":" + unpacked.resolve("lib") + "/*:" + work.resolve("main"));
    command.add(ColdStartMain.class.getName());
    if (scenario.handler() != null) {
      command.add(scenario.handler());
    }
    if (scenario.event() != null) {
      command.add(root.resolve("events").resolve(scenario.event()).toString());
      command.add(registeredOrder());
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().putAll(environment);
    long begin = System.nanoTime();
    Process process = builder.start();
    long marker = -1;
    StringBuilder seen = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (marker < 0 && line.startsWith("@@")) {
          marker = System.nanoTime() - begin;
          if (line.startsWith("@@RESPONSE ")
              && Json.MAPPER
                      .readTree(line.substring("@@RESPONSE ".length()))
                      .get("statusCode")
                      .intValue()
                  != 200) {
            throw new IllegalStateException(scenario.name() + ": not 200: " + line);
          }
        }
        seen.append(line).append('\n');
      }
    }
    int exit = process.waitFor();
    long exited = System.nanoTime() - begin;
    if (exit != 0 || marker < 0) {
      throw new IllegalStateException(
          scenario.name() + " (" + flags.name() + ") exited " + exit + ":\n" + seen);
    }
    return new long[] {marker, exited};
  }

  private String registeredOrder() throws IOException {
    String orderId = "o-cold-" + (++next) + "-" + ProcessHandle.current().pid();
    byte[] event =
        Files.readString(root.resolve("events/OrdersFunction/put-order.json"))
            .replace("o-1001", orderId)
            .getBytes(UTF_8);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    seeder.handleRequest(new ByteArrayInputStream(event), output, null);
    if (Json.MAPPER.readTree(output.toByteArray()).get("statusCode").intValue() != 201) {
      throw new IllegalStateException("seeding " + orderId + " failed: " + output.toString(UTF_8));
    }
    return orderId;
  }

  private static void unzip(Path zip, Path into) throws IOException {
    if (Files.isDirectory(into)) {
      try (var old = Files.walk(into)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
