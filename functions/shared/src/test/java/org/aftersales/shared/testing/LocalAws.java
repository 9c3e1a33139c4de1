package org.aftersales.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.aftersales.localaws.CloudFormationYaml;
import org.aftersales.localaws.LocalNames;
import org.aftersales.localaws.LocalResources;
import org.aftersales.localaws.LocalServers;
import org.aftersales.localaws.ProjectRoot;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.AwsSettings;
import org.aftersales.shared.aws.CallBudget;
import org.aftersales.shared.aws.ResourceNames;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A running pair of local servers — dynalite (DynamoDB) and s3rver (S3) on free loopback ports —
 * with the table and bucket of {@code template.yaml} created, and SDK clients pointed at them. The
 * clients, and the functions given {@link #environment()}, have the local servers' call budget
 * ({@link CallBudget#LOCAL_SERVERS}): a test run shares the machine, and Lambda's 2.8 s budget
 * turned a loaded machine's slow answer into a failed test. Tests about the budget build their own
 * clients with Lambda's.
 *
 * <p>{@link #start()} launches both with the local-AWS kit ({@link LocalServers}, {@link
 * LocalResources}); {@link #close()} stops them, closes the clients and deletes the S3 data
 * directory. A JVM shutdown hook closes it too, so no server outlives the JVM that started it
 * (short of SIGKILL; even then s3rver exits when its stdin closes). Tests normally get the per-JVM
 * instance through {@link LocalAwsServers}.
 */
public final class LocalAws implements AutoCloseable {

  /** Credentials the local S3 server accepts (dynalite accepts any). */
  public static final String ACCESS_KEY = LocalServers.ACCESS_KEY;

  public static final String SECRET_KEY = LocalServers.SECRET_KEY;

  public static final String TABLE_NAME = "aftersales-test";
  public static final String BUCKET_NAME = "aftersales-evidence-test";

  private static final AtomicLong IDS = new AtomicLong();

  private final LocalServers servers;
  private final Path workDirectory;
  private final S3EventLines s3Events;
  private final AwsClients clients;
  private final StartupTimes startupTimes;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** How long each step of {@link #start()} took, in milliseconds. */
  public record StartupTimes(long serversReadyMs, long tableAndBucketMs, long totalMs) {
    @Override
    public String toString() {
      return "dynalite, s3rver and aws-ses-v2-local ready in "
          + serversReadyMs
          + " ms (started side by side), table + SDK clients + bucket check in "
          + tableAndBucketMs
          + " ms, total "
          + totalMs
          + " ms";
    }
  }

  private LocalAws(
      LocalServers servers,
      Path workDirectory,
      S3EventLines s3Events,
      AwsClients clients,
      StartupTimes startupTimes) {
    this.servers = servers;
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
    JsonNode template = CloudFormationYaml.read(root.resolve("template.yaml"));
    LocalNames names = new LocalNames(template, Map.of());
    JsonNode bucket = template.path("Resources").path("EvidenceBucket").path("Properties");
    Path work = createWorkDirectory();
    LocalServers servers = null;
    try {
      S3EventLines events = new S3EventLines();
      servers =
          LocalServers.start(
              new LocalServers.Settings(
                  root.resolve("local/servers"),
                  work,
                  0,
                  0,
                  false,
                  Collections.singletonMap(
                      BUCKET_NAME, LocalResources.writeCors(work, BUCKET_NAME, bucket, names))),
              notification -> events.add(new S3EventLine(notification)));
      long serversMs = millisSince(begin);

      long tableBegin = System.nanoTime();
      LocalResources.createTable(
          servers.dynamoDbEndpoint(),
          TABLE_NAME,
          template.path("Resources").path("AfterSalesTable").path("Properties"));
      AwsClients clients =
          AwsClients.create(
              new AwsSettings(
                  AwsSettings.DEFAULT_REGION,
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                  Optional.of(servers.dynamoDbEndpoint()),
                  Optional.of(servers.s3Endpoint()),
                  CallBudget.LOCAL_SERVERS));
      long tableMs = millisSince(tableBegin);

      LocalAws aws =
          new LocalAws(
              servers,
              work,
              events,
              clients,
              new StartupTimes(serversMs, tableMs, millisSince(begin)));
      Runtime.getRuntime().addShutdownHook(aws.shutdownHook);
      return aws;
    } catch (RuntimeException e) {
      if (servers != null) {
        servers.close();
      }
      deleteRecursively(work);
      throw e;
    }
  }

  public DynamoDbClient dynamoDb() {
    return clients.dynamoDb();
  }

  /**
   * The clients, for code that takes an {@link AwsClients}; S3 clients for these servers: {@code
   * S3Clients.create(aws.clients().settings())} (module evidence-s3).
   */
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
    return servers.dynamoDbEndpoint();
  }

  public URI s3Endpoint() {
    return servers.s3Endpoint();
  }

  /**
   * The local SES v2 server (aws-ses-v2-local): {@code GET /store} lists every email it was sent
   * since it started (this JVM's tests share it: find yours by recipient or subject).
   */
  public URI sesEndpoint() {
    return servers.sesEndpoint();
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
    env.put("AWS_ENDPOINT_URL_DYNAMODB", servers.dynamoDbEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_S3", servers.s3Endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SESV2", servers.sesEndpoint().toString());
    env.put("TABLE_NAME", TABLE_NAME);
    env.put("EVIDENCE_BUCKET", BUCKET_NAME);
    env.put(CallBudget.VARIABLE, Long.toString(CallBudget.LOCAL_SERVERS.call().toMillis()));
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
    return servers.pids();
  }

  public boolean isRunning() {
    return !closed.get() && servers.isRunning();
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
      servers.close();
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

  /** The repository root ({@link ProjectRoot}). */
  static Path projectRoot() {
    return ProjectRoot.find();
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
