package org.aftersales.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.aftersales.localaws.CloudFormationYaml;
import org.aftersales.localaws.LocalResources;
import org.aftersales.localaws.ProjectRoot;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.AwsSettings;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.Eventually;
import org.aftersales.shared.testing.LambdaRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The DynamoDB server killed mid-burst (fail fast, never a lost or doubled write). This test starts
 * its own dynalite (persisting to a data directory) so killing it harms no other test; writers
 * register orders through the orders function, one function instance each, while the server is
 * killed (SIGKILL) and started again on the same port and data directory. Expected: while it is
 * down every answer is {@code 503 dependency-unavailable} with {@code retry-after}, within 3 s (the
 * clients' call budget); never a {@code 500}; and every order acknowledged with a {@code 2xx} is
 * there after the restart.
 */
class DependencyFaultIT {

  static final int WRITERS = 6;

  record Write(
      int writer,
      String orderId,
      int status,
      long startMillis,
      long millis,
      String retryAfter,
      String code) {
    boolean acknowledged() {
      return status / 100 == 2;
    }
  }

  private Path dataDir;
  private int port;
  private Process dynalite;

  @AfterEach
  void stop() throws Exception {
    if (dynalite != null) {
      dynalite.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    if (dataDir != null) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void with_the_table_server_killed_mid_burst_answers_are_503s_and_no_acknowledged_write_is_lost()
      throws Exception {
    dataDir = Files.createTempDirectory("dynalite-fault");
    port = freePort();
    dynalite = startDynalite();
    AwsClients clients =
        AwsClients.create(
            new AwsSettings(
                AwsSettings.DEFAULT_REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("fault", "fault")),
                Optional.of(URI.create("http://127.0.0.1:" + port)),
                Optional.empty()));
    String table = "fault-test";
    LocalResources.createTable(
        URI.create("http://127.0.0.1:" + port),
        table,
        CloudFormationYaml.read(ProjectRoot.find().resolve("template.yaml"))
            .path("Resources")
            .path("AfterSalesTable")
            .path("Properties"));
    DynamoDbOrderRepository orders = new DynamoDbOrderRepository(clients.dynamoDb(), table);

    // Written by the writer threads, read by this thread while they run: a concurrent queue, whose
    // iterators never throw ConcurrentModificationException (a synchronized list's streams do).
    Queue<Write> written = new ConcurrentLinkedQueue<>();
    java.util.Set<String> errors = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    long begin = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                LambdaRun run = new LambdaRun();
                Clock clock = Clock.systemUTC();
                OrdersHandler function =
                    new OrdersHandler(
                        new OrderItemFunction.Ports(
                            orders,
                            new DynamoDbIdempotencyStore(clients.dynamoDb(), table),
                            PolicyBook.loadDefault(),
                            run.log(clock),
                            run.metrics(clock),
                            clock));
                for (int i = 0; running.get(); i++) {
                  String orderId = "o-fault-" + writer + "-" + i;
                  ObjectNode event =
                      LambdaRun.forOrder(LambdaRun.event("OrdersFunction", "put-order"), orderId);
                  long start = System.nanoTime();
                  LambdaRun.Response response = run.invoke(function, event);
                  Write write =
                      new Write(
                          writer,
                          orderId,
                          response.status(),
                          (start - begin) / 1_000_000,
                          (System.nanoTime() - start) / 1_000_000,
                          response.header("retry-after"),
                          response.code());
                  written.add(write);
                  if (response.status() == 503 && errors.size() < 20) {
                    run.stdoutJson().stream()
                        .filter(l -> l.has("errorClass"))
                        .forEach(
                            l ->
                                errors.add(
                                    l.path("errorClass").asText()
                                        + ": "
                                        + l.path("errorMessage").asText()));
                  }
                }
                return null;
              }));
    }
    // Every instance warm and the burst under way.
    awaitFromEachWriter(written, "acknowledged writes before the kill", 3, w -> w.acknowledged());
    dynalite.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    long killedAt = (System.nanoTime() - begin) / 1_000_000;
    // Down until every writer has been answered, more than once, while it is down.
    awaitFromEachWriter(
        written,
        "503 answers to writes started while the server is down",
        3,
        w -> w.startMillis() > killedAt && w.status() == 503);
    dynalite = startDynalite(); // same port, same data directory
    long restartAt = (System.nanoTime() - begin) / 1_000_000;
    awaitFromEachWriter(
        written,
        "acknowledged writes started after the restart",
        2,
        w -> w.acknowledged() && w.startMillis() > restartAt);
    running.set(false);
    for (Future<?> f : writers) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    // The writers are done (joined above): from here on the writes are read as a plain list.
    List<Write> writes = List.copyOf(written);

    List<Write> acknowledged = writes.stream().filter(Write::acknowledged).toList();
    List<String> lost =
        acknowledged.stream().map(Write::orderId).filter(id -> orders.find(id).isEmpty()).toList();
    long served503 = writes.stream().filter(w -> w.status() == 503).count();
    List<Write> whileDown =
        writes.stream()
            .filter(w -> w.startMillis() > killedAt && w.startMillis() + w.millis() < restartAt)
            .toList();
    System.out.printf(
        "RELIABILITY fault timeline: killed at %d ms, restarted at %d ms, errors logged: %s%n",
        killedAt, restartAt, errors);
    long maxDownMillis = whileDown.stream().mapToLong(Write::millis).max().orElse(0);
    System.out.printf(
        "RELIABILITY fault: %d writes, %d acknowledged (2xx), %d × 503 (%d while the server was"
            + " down, slowest %d ms), %d × 500, %d acknowledged writes lost after the restart%n",
        writes.size(),
        acknowledged.size(),
        served503,
        whileDown.size(),
        maxDownMillis,
        writes.stream().filter(w -> w.status() >= 500 && w.status() != 503).count(),
        lost.size());

    assertThat(writes).allSatisfy(w -> assertThat(w.status()).as(w.toString()).isIn(200, 201, 503));
    assertThat(whileDown).isNotEmpty();
    assertThat(whileDown)
        .allSatisfy(
            w -> {
              assertThat(w.status()).as(w.toString()).isEqualTo(503);
              assertThat(w.code()).isEqualTo("dependency-unavailable");
              assertThat(w.retryAfter()).isNotBlank();
              assertThat(w.millis()).as(w.toString()).isLessThan(3_000);
            });
    assertThat(acknowledged.stream().filter(w -> w.startMillis() > restartAt)).isNotEmpty();
    assertThat(acknowledged.stream().filter(w -> whileDown.contains(w))).isEmpty();
    assertThat(lost).isEmpty();
  }

  /** Waits (up to 60 s) until each writer has made at least {@code count} writes {@code which}. */
  private static void awaitFromEachWriter(
      Queue<Write> writes, String what, int count, Predicate<Write> which) {
    Eventually.until(
        count + " " + what + " from each of the " + WRITERS + " writers",
        Duration.ofSeconds(60),
        () ->
            perWriter(writes, which).size() == WRITERS
                && perWriter(writes, which).values().stream().allMatch(n -> n >= count),
        () -> "per writer " + perWriter(writes, which));
  }

  private static Map<Integer, Long> perWriter(Queue<Write> writes, Predicate<Write> which) {
    return writes.stream()
        .filter(which)
        .collect(Collectors.groupingBy(Write::writer, TreeMap::new, Collectors.counting()));
  }

  private Process startDynalite() throws Exception {
    Path servers = ProjectRoot.find().resolve("local/servers");
    Process process =
        new ProcessBuilder(
                Optional.ofNullable(System.getProperty("aftersales.node")).orElse("node"),
                "node_modules/dynalite/cli.js",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--path",
                dataDir.toString(),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0")
            .directory(servers.toFile())
            .redirectErrorStream(true)
            .start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  if (line.startsWith("Dynalite listening")) {
                    ready.complete(null);
                  }
                }
                ready.completeExceptionally(new IllegalStateException("dynalite exited"));
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
            });
    ready.get(30, TimeUnit.SECONDS);
    return process;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
