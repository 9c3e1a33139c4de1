package org.aftersales.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.AwsSettings;
import org.aftersales.shared.aws.ResourceNames;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A running pair of local servers — dynalite (DynamoDB) and s3rver (S3) on free loopback ports —
 * with the table and bucket of {@code template.yaml} created, and SDK clients pointed at them.
 *
 * <p>{@link #start()} launches both as child processes of this JVM ({@code local/servers}, see its
 * README); {@link #close()} stops them, closes the clients and deletes the S3 data directory. A JVM
 * shutdown hook closes it too, so no server outlives the JVM that started it (short of SIGKILL;
 * even then s3rver exits when its stdin closes). Tests normally get the per-JVM instance through
 * {@link LocalAwsServers}.
 */
public final class LocalAws implements AutoCloseable {

  /** Credentials the local S3 server accepts (dynalite accepts any). */
  public static final String ACCESS_KEY = "S3RVER";

  public static final String SECRET_KEY = "S3RVER";

  public static final String TABLE_NAME = "aftersales-test";
  public static final String BUCKET_NAME = "aftersales-evidence-test";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final int DYNALITE_PORT_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong IDS = new AtomicLong();

  private final ServerProcess dynalite;
  private final ServerProcess s3rver;
  private final URI dynamoDbEndpoint;
  private final URI s3Endpoint;
  private final Path workDirectory;
  private final S3EventLines s3Events;
  private final AwsClients clients;
  private final StartupTimes startupTimes;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** How long each step of {@link #start()} took, in milliseconds. */
  public record StartupTimes(
      long dynaliteReadyMs, long s3rverReadyMs, long tableAndBucketMs, long totalMs) {
    @Override
    public String toString() {
      return "dynalite ready in "
          + dynaliteReadyMs
          + " ms, s3rver ready in "
          + s3rverReadyMs
          + " ms (started side by side), SDK clients + table + bucket check in "
          + tableAndBucketMs
          + " ms, total "
          + totalMs
          + " ms";
    }
  }

  private LocalAws(
      ServerProcess dynalite,
      ServerProcess s3rver,
      URI dynamoDbEndpoint,
      URI s3Endpoint,
      Path workDirectory,
      S3EventLines s3Events,
      AwsClients clients,
      StartupTimes startupTimes) {
    this.dynalite = dynalite;
    this.s3rver = s3rver;
    this.dynamoDbEndpoint = dynamoDbEndpoint;
    this.s3Endpoint = s3Endpoint;
    this.workDirectory = workDirectory;
    this.s3Events = s3Events;
    this.clients = clients;
    this.startupTimes = startupTimes;
    this.shutdownHook = Thread.ofPlatform().unstarted(this::close);
  }

  /**
   * Starts both servers, waits until they answer and creates the table ({@code AfterSalesTable})
   * and bucket ({@code EvidenceBucket}, with its CORS rules) as {@code template.yaml} defines them.
   */
  public static LocalAws start() {
    long begin = System.nanoTime();
    Path root = projectRoot();
    Path serversDirectory = root.resolve("local/servers");
    requireInstalled(serversDirectory);
    CloudFormationTemplate template = CloudFormationTemplate.read(root.resolve("template.yaml"));
    String corsXml =
        BucketDefinition.corsXml(
            template, template.resourceProperties("EvidenceBucket", "AWS::S3::Bucket"));

    Path work = createWorkDirectory();
    List<ServerProcess> started = new ArrayList<>();
    try {
      Path corsFile = work.resolve("cors.xml");
      List<String> s3rverCommand =
          new ArrayList<>(
              List.of(
                  node(),
                  "--openssl-legacy-provider",
                  "s3rver.js",
                  "--address",
                  "127.0.0.1",
                  "--port",
                  "0",
                  "--directory",
                  work.resolve("s3").toString(),
                  "--exit-with-stdin"));
      if (corsXml != null) {
        Files.writeString(corsFile, corsXml, StandardCharsets.UTF_8);
        s3rverCommand.addAll(List.of("--bucket", BUCKET_NAME + "=" + corsFile));
      } else {
        s3rverCommand.addAll(List.of("--bucket", BUCKET_NAME));
      }
      S3EventLines events = new S3EventLines();
      ServerProcess s3rver =
          ServerProcess.start(
              "s3rver",
              s3rverCommand,
              serversDirectory,
              work.resolve("s3rver.stderr.log"),
              line -> line.startsWith("{\"ready\""),
              line -> onS3rverLine(line, events));
      started.add(s3rver);

      DynaliteStart dynalite = startDynalite(serversDirectory, work, begin);
      started.add(dynalite.process());

      JsonNode ready = JSON.readTree(s3rver.awaitReady(READY_TIMEOUT)).get("ready");
      long s3rverReadyMs = millisSince(begin);
      URI s3Endpoint = URI.create(ready.get("endpoint").asText());

      AwsClients clients =
          AwsClients.create(
              new AwsSettings(
                  AwsSettings.DEFAULT_REGION,
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                  Optional.of(dynalite.endpoint()),
                  Optional.of(s3Endpoint)));

      long tableBegin = System.nanoTime();
      try {
        clients
            .dynamoDb()
            .createTable(
                TableDefinition.createTableRequest(
                    template.resourceProperties("AfterSalesTable", "AWS::DynamoDB::Table"),
                    TABLE_NAME));
      } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException created) {
        // A first attempt that outran the clients' attempt timeout on a busy machine did create
        // it (AwsClients fails fast and retries): the table is there.
      }
      clients.dynamoDb().waiter().waitUntilTableExists(b -> b.tableName(TABLE_NAME));
      clients.s3().headBucket(b -> b.bucket(BUCKET_NAME)); // created by s3rver.js at start
      long tableMs = millisSince(tableBegin);

      LocalAws aws =
          new LocalAws(
              dynalite.process(),
              s3rver,
              dynalite.endpoint(),
              s3Endpoint,
              work,
              events,
              clients,
              new StartupTimes(dynalite.readyMs(), s3rverReadyMs, tableMs, millisSince(begin)));
      Runtime.getRuntime().addShutdownHook(aws.shutdownHook);
      return aws;
    } catch (IOException | RuntimeException e) {
      started.forEach(ServerProcess::close);
      deleteRecursively(work);
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  public DynamoDbClient dynamoDb() {
    return clients.dynamoDb();
  }

  public S3Client s3() {
    return clients.s3();
  }

  public S3Presigner s3Presigner() {
    return clients.s3Presigner();
  }

  /** All three clients, for code that takes an {@link AwsClients}. */
  public AwsClients clients() {
    return clients;
  }

  public String tableName() {
    return TABLE_NAME;
  }

  public String bucketName() {
    return BUCKET_NAME;
  }

  public ResourceNames resourceNames() {
    return new ResourceNames(TABLE_NAME, BUCKET_NAME);
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  public URI s3Endpoint() {
    return s3Endpoint;
  }

  /** The S3 notifications the server has emitted (one per object created or removed). */
  public S3EventLines s3Events() {
    return s3Events;
  }

  /**
   * The environment a function would see when pointed at these servers ({@code TABLE_NAME}, {@code
   * EVIDENCE_BUCKET}, region, endpoints, credentials), for code that reads its settings from a map.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", AwsSettings.DEFAULT_REGION.id());
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
    env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
    env.put("TABLE_NAME", TABLE_NAME);
    env.put("EVIDENCE_BUCKET", BUCKET_NAME);
    return Map.copyOf(env);
  }

  /**
   * An id no other test of this JVM gets ({@code prefix-<counter>-<random>}), so test classes
   * sharing the servers keep to their own orders, claims and keys.
   */
  public String uniqueId(String prefix) {
    return prefix
        + "-"
        + IDS.incrementAndGet()
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  public StartupTimes startupTimes() {
    return startupTimes;
  }

  /** The process ids of the two servers (dynalite, s3rver). */
  public List<Long> serverPids() {
    return List.of(dynalite.pid(), s3rver.pid());
  }

  public boolean isRunning() {
    return !closed.get() && dynalite.isAlive() && s3rver.isAlive();
  }

  /** Stops both servers and waits until they are gone; safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      clients.close();
    } finally {
      dynalite.close();
      s3rver.close();
      deleteRecursively(workDirectory);
      if (Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already exiting: the hook runs and finds this closed
        }
      }
    }
  }

  private record DynaliteStart(ServerProcess process, URI endpoint, long readyMs) {}

  /**
   * dynalite's CLI can't take port 0, so a free port is picked first; if another process takes it
   * in between, dynalite exits and is started again on a new one.
   */
  private static DynaliteStart startDynalite(Path serversDirectory, Path work, long begin) {
    IllegalStateException lastFailure = null;
    for (int attempt = 1; attempt <= DYNALITE_PORT_ATTEMPTS; attempt++) {
      int port = freeLoopbackPort();
      ServerProcess process =
          ServerProcess.start(
              "dynalite",
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
                  "0"),
              serversDirectory,
              work.resolve("dynalite-" + attempt + ".stderr.log"),
              line -> line.startsWith("Dynalite listening at"),
              line -> {});
      try {
        process.awaitReady(READY_TIMEOUT);
        return new DynaliteStart(
            process, URI.create("http://127.0.0.1:" + port), millisSince(begin));
      } catch (IllegalStateException e) {
        process.close();
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  private static void onS3rverLine(String line, S3EventLines events) {
    if (!line.startsWith("{")) {
      return; // not one of s3rver.js's JSON lines (it prints none other; be lenient)
    }
    try {
      JsonNode parsed = JSON.readTree(line);
      if (parsed.has("event")) {
        events.add(S3EventLine.parse(line, parsed));
      }
    } catch (IOException e) {
      System.err.println("LocalAws: unreadable s3rver line: " + line);
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static String node() {
    String configured = System.getProperty("aftersales.node", System.getenv("NODE"));
    return configured == null || configured.isBlank() ? "node" : configured;
  }

  /**
   * The repository root: the {@code aftersales.root} system property (set by the build), else the
   * nearest ancestor of the working directory holding {@code template.yaml}.
   */
  static Path projectRoot() {
    String configured = System.getProperty("aftersales.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))
          && Files.isDirectory(dir.resolve("local/servers"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root: set -Daftersales.root or run from inside the repository");
  }

  private static void requireInstalled(Path serversDirectory) {
    for (String file :
        List.of("node_modules/dynalite/cli.js", "node_modules/@20minutes/s3rver/package.json")) {
      if (!Files.isRegularFile(serversDirectory.resolve(file))) {
        throw new IllegalStateException(
            serversDirectory
                + "/"
                + file
                + " is missing: run `npm ci --no-audit --no-fund` in "
                + serversDirectory
                + " (the functions/shared build does it in process-test-resources)");
      }
    }
  }

  private static Path createWorkDirectory() {
    try {
      return Files.createTempDirectory("aftersales-local-aws-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("LocalAws: could not delete " + directory + ": " + e);
    }
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
