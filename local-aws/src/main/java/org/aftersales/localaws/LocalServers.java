package org.aftersales.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one launcher of the local DynamoDB ({@code dynalite}), S3 ({@code local/servers/s3rver.js})
 * and SES v2 ({@code aws-ses-v2-local}) servers, for the tests and the local stack: all run as
 * child processes of this JVM on loopback ports, with their files under a data dir ({@code s3/},
 * {@code logs/}, and {@code dynamodb/} when tables are kept; in memory otherwise). The SES server
 * keeps the emails it was sent in memory only ({@code GET /store}, and a web page at {@code /}):
 * they are gone when it stops. s3rver creates the given buckets with their CORS documents; each of
 * its S3 notifications ({@code Records[]}, keys raw) is handed to the consumer, in order, on one
 * thread of its own (so a slow consumer never stalls the server's output).
 *
 * <p>Side effects: three {@code node} processes; {@link #close} stops them (SIGTERM, then SIGKILL)
 * and waits until they are gone. s3rver also exits when this JVM's end of its stdin closes.
 */
public final class LocalServers implements AutoCloseable {

  /** The credentials s3rver accepts (dynalite accepts any). */
  public static final String ACCESS_KEY = "S3RVER";

  public static final String SECRET_KEY = "S3RVER";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final int FREE_PORT_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where and how to run: {@code serversDir} is {@code local/servers} (npm-installed); a port of 0
   * means any free one; {@code keepTables} stores dynalite's tables under the data dir (else in
   * memory); {@code buckets} maps each bucket name to its CORS XML file, or null.
   */
  public record Settings(
      Path serversDir,
      Path dataDir,
      int dynamoDbPort,
      int s3Port,
      boolean keepTables,
      Map<String, Path> buckets,
      int sesPort) {

    /** The SES server on any free port. */
    public Settings(
        Path serversDir,
        Path dataDir,
        int dynamoDbPort,
        int s3Port,
        boolean keepTables,
        Map<String, Path> buckets) {
      this(serversDir, dataDir, dynamoDbPort, s3Port, keepTables, buckets, 0);
    }
  }

  /** What the SES server prints once it listens, before its address. */
  private static final String SES_READY = "aws-ses-v2-local: server running at ";

  private final Settings settings;
  private final Consumer<JsonNode> s3Events;
  private volatile ServerProcess dynalite;
  private volatile ServerProcess s3rver;
  private volatile ServerProcess ses;
  private final URI dynamoDbEndpoint;
  private final URI s3Endpoint;
  private final URI sesEndpoint;
  private final ExecutorService events;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger dynaliteRestarts = new AtomicInteger();
  private final AtomicInteger s3rverRestarts = new AtomicInteger();
  private final AtomicInteger sesRestarts = new AtomicInteger();
  private ScheduledExecutorService supervisor;

  private LocalServers(
      Settings settings,
      Consumer<JsonNode> s3Events,
      ServerProcess dynalite,
      ServerProcess s3rver,
      SesStart ses,
      URI dynamoDbEndpoint,
      URI s3Endpoint,
      ExecutorService events) {
    this.settings = settings;
    this.s3Events = s3Events;
    this.dynalite = dynalite;
    this.s3rver = s3rver;
    this.ses = ses.process();
    this.dynamoDbEndpoint = dynamoDbEndpoint;
    this.s3Endpoint = s3Endpoint;
    this.sesEndpoint = ses.endpoint();
    this.events = events;
  }

  /** Starts the servers side by side and returns once all have said they are ready. */
  public static LocalServers start(Settings settings, Consumer<JsonNode> s3Events) {
    requireInstalled(settings.serversDir());
    ExecutorService events =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("s3-events").unstarted(r));
    List<ServerProcess> started = new ArrayList<>();
    try {
      ServerProcess s3rver = startS3rver(settings, settings.s3Port(), events, s3Events);
      started.add(s3rver);
      ServerProcess sesProcess = startSes(settings, settings.sesPort());
      started.add(sesProcess);
      DynaliteStart dynalite = startDynalite(settings, logs(settings));
      started.add(dynalite.process());
      SesStart ses = new SesStart(sesProcess, sesEndpoint(sesProcess.awaitReady(READY_TIMEOUT)));
      URI s3Endpoint =
          URI.create(
              JSON.readTree(s3rver.awaitReady(READY_TIMEOUT))
                  .path("ready")
                  .path("endpoint")
                  .asText());
      return new LocalServers(
          settings,
          s3Events,
          dynalite.process(),
          s3rver,
          ses,
          dynalite.endpoint(),
          s3Endpoint,
          events);
    } catch (IOException | RuntimeException e) {
      started.forEach(ServerProcess::close);
      events.shutdownNow();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot start the local servers", io);
      }
      throw (RuntimeException) e;
    }
  }

  /** One server's state, for the local stack's {@code /_local/health}. */
  public record Health(String name, URI endpoint, boolean alive, int restarts) {}

  /** Each server's state now: alive or not, and how often each was restarted. */
  public List<Health> health() {
    return List.of(
        new Health("dynamodb", dynamoDbEndpoint, dynalite.isAlive(), dynaliteRestarts.get()),
        new Health("s3", s3Endpoint, s3rver.isAlive(), s3rverRestarts.get()),
        new Health("ses", sesEndpoint, ses.isAlive(), sesRestarts.get()));
  }

  /**
   * Checks the servers every {@code interval} and starts a dead one again on its port and data dir
   * (so the local stack survives a crashed server, and endpoints and presigned URLs given out
   * before stay valid; a restarted SES server starts with an empty inbox); each restart is reported
   * to {@code report}.
   */
  public synchronized void supervise(Duration interval, Consumer<String> report) {
    if (supervisor != null || closed.get()) {
      return;
    }
    supervisor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("local-servers-supervisor").unstarted(r));
    supervisor.scheduleWithFixedDelay(
        () -> {
          try {
            restartDeadServers(report);
          } catch (IOException | RuntimeException e) {
            report.accept("restart failed, trying again: " + e.getMessage());
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private synchronized void restartDeadServers(Consumer<String> report) throws IOException {
    if (closed.get()) {
      return;
    }
    if (!dynalite.isAlive()) {
      report.accept("DynamoDB server (dynalite) died; starting it again on " + dynamoDbEndpoint);
      Settings samePort =
          new Settings(
              settings.serversDir(),
              settings.dataDir(),
              dynamoDbEndpoint.getPort(),
              s3Endpoint.getPort(),
              settings.keepTables(),
              settings.buckets());
      dynalite = startDynalite(samePort, logs(settings)).process();
      dynaliteRestarts.incrementAndGet();
    }
    if (!s3rver.isAlive()) {
      report.accept("S3 server (s3rver) died; starting it again on " + s3Endpoint);
      ServerProcess restarted = startS3rver(settings, s3Endpoint.getPort(), events, s3Events);
      restarted.awaitReady(READY_TIMEOUT);
      s3rver = restarted;
      s3rverRestarts.incrementAndGet();
    }
    if (!ses.isAlive()) {
      report.accept("SES server (aws-ses-v2-local) died; starting it again on " + sesEndpoint);
      ServerProcess restarted = startSes(settings, sesEndpoint.getPort());
      restarted.awaitReady(READY_TIMEOUT);
      ses = restarted;
      sesRestarts.incrementAndGet();
    }
  }

  private record SesStart(ServerProcess process, URI endpoint) {}

  /**
   * aws-ses-v2-local's own CLI: it takes port 0 and prints the port it got ({@code … running at
   * http://localhost:PORT}); it checks only that a request carries an {@code AWS…} authorization
   * header (any credentials).
   */
  private static ServerProcess startSes(Settings settings, int port) throws IOException {
    return ServerProcess.start(
        "aws-ses-v2-local",
        List.of(
            node(),
            "node_modules/aws-ses-v2-local/dist/cli.js",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port)),
        settings.serversDir(),
        logs(settings).resolve("ses.log"),
        line -> line.startsWith(SES_READY),
        line -> {});
  }

  private static URI sesEndpoint(String readyLine) {
    URI printed = URI.create(readyLine.substring(SES_READY.length()).strip());
    return URI.create("http://127.0.0.1:" + printed.getPort());
  }

  private static Path logs(Settings settings) throws IOException {
    return Files.createDirectories(settings.dataDir().resolve("logs"));
  }

  private static ServerProcess startS3rver(
      Settings settings, int port, ExecutorService events, Consumer<JsonNode> s3Events)
      throws IOException {
    return ServerProcess.start(
        "s3rver",
        s3rverCommand(settings, port),
        settings.serversDir(),
        logs(settings).resolve("s3rver.log"),
        line -> line.startsWith("{\"ready\""),
        line -> onS3rverLine(line, events, s3Events));
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  public URI s3Endpoint() {
    return s3Endpoint;
  }

  /**
   * The SES v2 server: the endpoint for {@code AWS_ENDPOINT_URL_SESV2}; {@code GET /store} lists
   * what it was sent, {@code /} shows its inbox page.
   */
  public URI sesEndpoint() {
    return sesEndpoint;
  }

  /** The process ids of the servers (dynalite, s3rver, aws-ses-v2-local). */
  public List<Long> pids() {
    return List.of(dynalite.pid(), s3rver.pid(), ses.pid());
  }

  public boolean isRunning() {
    return !closed.get() && dynalite.isAlive() && s3rver.isAlive() && ses.isAlive();
  }

  /** Stops the servers and waits until they are gone; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (supervisor != null) {
      supervisor.shutdownNow();
    }
    try {
      dynalite.close();
      s3rver.close();
      ses.close();
    } finally {
      events.shutdownNow();
    }
  }

  /** A loopback port that is free now. */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static List<String> s3rverCommand(Settings settings, int port) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                node(),
                "--openssl-legacy-provider",
                "s3rver.js",
                "--address",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--directory",
                Files.createDirectories(settings.dataDir().resolve("s3")).toString(),
                "--exit-with-stdin"));
    settings
        .buckets()
        .forEach(
            (name, cors) ->
                command.addAll(List.of("--bucket", cors == null ? name : name + "=" + cors)));
    return command;
  }

  private record DynaliteStart(ServerProcess process, URI endpoint) {}

  /**
   * dynalite's CLI can't take port 0, so for "any port" a free one is picked first; if another
   * process takes it in between, dynalite exits and is started again on a new one.
   */
  private static DynaliteStart startDynalite(Settings settings, Path logs) throws IOException {
    List<String> storage =
        settings.keepTables()
            ? List.of(
                "--path",
                Files.createDirectories(settings.dataDir().resolve("dynamodb")).toString())
            : List.of();
    int attempts = settings.dynamoDbPort() == 0 ? FREE_PORT_ATTEMPTS : 1;
    IllegalStateException lastFailure = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      int port = settings.dynamoDbPort() == 0 ? freeLoopbackPort() : settings.dynamoDbPort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  node(),
                  "node_modules/dynalite/cli.js",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port),
                  "--createTableMs",
                  "0",
                  "--deleteTableMs",
                  "0",
                  "--updateTableMs",
                  "0"));
      command.addAll(storage);
      ServerProcess process =
          ServerProcess.start(
              "dynalite",
              command,
              settings.serversDir(),
              logs.resolve("dynalite.log"),
              line -> line.startsWith("Dynalite listening at"),
              line -> {});
      try {
        process.awaitReady(READY_TIMEOUT);
        return new DynaliteStart(process, URI.create("http://127.0.0.1:" + port));
      } catch (IllegalStateException e) {
        process.close();
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  private static void onS3rverLine(
      String line, ExecutorService events, Consumer<JsonNode> s3Events) {
    try {
      JsonNode event = JSON.readTree(line).get("event");
      if (event != null) {
        events.execute(() -> s3Events.accept(event));
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("[s3rver] unexpected output: " + line);
    }
  }

  private static String node() {
    String configured = System.getProperty("aftersales.node", System.getenv("NODE"));
    return configured == null || configured.isBlank() ? "node" : configured;
  }

  private static void requireInstalled(Path serversDir) {
    for (String file :
        List.of(
            "node_modules/dynalite/cli.js",
            "node_modules/@20minutes/s3rver/package.json",
            "node_modules/aws-ses-v2-local/dist/cli.js")) {
      if (!Files.isRegularFile(serversDir.resolve(file))) {
        throw new IllegalStateException(
            serversDir.resolve(file)
                + " is missing: run `npm ci --no-audit --no-fund` in "
                + serversDir
                + " (run-local.sh and the local-aws build do it)");
      }
    }
  }
}
