package org.aftersales.shared.aws;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK clients of one JVM: DynamoDB, S3 and the S3 presigner, each built on first use with an
 * explicit region, the URL-connection HTTP client and the endpoint overrides of {@link
 * AwsSettings}.
 *
 * <p>{@link #shared()} is the per-JVM instance built from the environment (what handlers' no-arg
 * constructors use); {@link #create(AwsSettings)} builds an independent set, for tests pointing at
 * local servers. When an S3 endpoint is overridden (a local S3 server), the clients use path-style
 * addressing and plain (not aws-chunked) uploads, which the local server requires; presigned URLs
 * get the same addressing. {@link #close()} closes the clients built so far.
 *
 * <p><b>Fail fast</b> (issue 12): every call has a budget well below the functions' timeout (20 s
 * for the API functions) — {@value #CONNECT_MS} ms to connect, {@value #ATTEMPT_MS} ms per attempt,
 * at most {@value #MAX_ATTEMPTS} attempts, {@value #CALL_MS} ms in all — so with a dependency down
 * a request ends within 3 s (at once when the endpoint refuses connections) with an SDK client
 * exception, which {@code ApiFunction} answers as {@code 503 dependency-unavailable}, instead of
 * hanging or retrying for seconds.
 */
public final class AwsClients implements AutoCloseable {

  private static final class SharedHolder {
    static final AwsClients INSTANCE = create(AwsSettings.fromEnvironment());
  }

  /** Connecting to an endpoint, in milliseconds. */
  public static final int CONNECT_MS = 500;

  /**
   * One attempt of a call (connect, send, read the answer), in milliseconds: DynamoDB and S3 answer
   * in tens of milliseconds; the margin is for local servers on a loaded machine.
   */
  public static final int ATTEMPT_MS = 2_000;

  /** A whole call, all attempts and back-off included, in milliseconds: a request ends in 3 s. */
  public static final int CALL_MS = 2_800;

  /** Attempts per call: the first and two retries (the SDK's standard mode allows three). */
  public static final int MAX_ATTEMPTS = 3;

  private final AwsSettings settings;
  private final Lazy<DynamoDbClient> dynamoDb;
  private final Lazy<S3Client> s3;
  private final Lazy<S3Presigner> s3Presigner;

  private AwsClients(AwsSettings settings) {
    this.settings = settings;
    this.dynamoDb = new Lazy<>(this::buildDynamoDb);
    this.s3 = new Lazy<>(this::buildS3);
    this.s3Presigner = new Lazy<>(this::buildS3Presigner);
  }

  /** The clients of this JVM, configured from its environment; built once, never closed. */
  public static AwsClients shared() {
    return SharedHolder.INSTANCE;
  }

  /** A new, independent set of clients (each still built on first use). */
  public static AwsClients create(AwsSettings settings) {
    return new AwsClients(settings);
  }

  public AwsSettings settings() {
    return settings;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb.get();
  }

  public S3Client s3() {
    return s3.get();
  }

  public S3Presigner s3Presigner() {
    return s3Presigner.get();
  }

  @Override
  public void close() {
    dynamoDb.closeIfBuilt(DynamoDbClient::close);
    s3.closeIfBuilt(S3Client::close);
    s3Presigner.closeIfBuilt(S3Presigner::close);
  }

  private DynamoDbClient buildDynamoDb() {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(settings.region())
            .credentialsProvider(settings.credentials())
            .httpClientBuilder(httpClient())
            .overrideConfiguration(failFast());
    settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private S3Client buildS3() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(settings.region())
            .credentialsProvider(settings.credentials())
            .httpClientBuilder(httpClient())
            .overrideConfiguration(failFast());
    settings
        .s3Endpoint()
        .ifPresent(
            endpoint ->
                builder.endpointOverride(endpoint).serviceConfiguration(localS3Configuration()));
    return builder.build();
  }

  private S3Presigner buildS3Presigner() {
    S3Presigner.Builder builder =
        S3Presigner.builder().region(settings.region()).credentialsProvider(settings.credentials());
    settings
        .s3Endpoint()
        .ifPresent(
            endpoint ->
                builder.endpointOverride(endpoint).serviceConfiguration(localS3Configuration()));
    return builder.build();
  }

  private static UrlConnectionHttpClient.Builder httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofMillis(CONNECT_MS))
        .socketTimeout(Duration.ofMillis(ATTEMPT_MS));
  }

  /** The call budget of every client: attempt and call timeouts, a bounded number of retries. */
  static ClientOverrideConfiguration failFast() {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(Duration.ofMillis(ATTEMPT_MS))
        .apiCallTimeout(Duration.ofMillis(CALL_MS))
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
        .build();
  }

  /** A local S3 server has no virtual-host buckets and refuses the SDK's aws-chunked uploads. */
  private static S3Configuration localS3Configuration() {
    return S3Configuration.builder()
        .pathStyleAccessEnabled(true)
        .chunkedEncodingEnabled(false)
        .build();
  }

  /** A value built on first use, at most once, by whichever thread gets there first. */
  private static final class Lazy<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    T get() {
      T current = value;
      if (current == null) {
        synchronized (this) {
          current = value;
          if (current == null) {
            current = factory.get();
            value = current;
          }
        }
      }
      return current;
    }

    synchronized void closeIfBuilt(Consumer<T> closer) {
      if (value != null) {
        closer.accept(value);
      }
    }
  }
}
