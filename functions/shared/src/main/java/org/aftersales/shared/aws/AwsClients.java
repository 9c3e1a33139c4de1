package org.aftersales.shared.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client of one JVM, built on first use with an explicit region, the URL-connection
 * HTTP client and the endpoint override of {@link AwsSettings}. The S3 clients live in the {@code
 * evidence-s3} module ({@code S3Clients}), so a function that never touches S3 ships and loads no
 * S3 class (issue 13, lean packages).
 *
 * <p>{@link #shared()} is the per-JVM instance built from the environment (what handlers' no-arg
 * constructors use); {@link #create(AwsSettings)} builds an independent one, for tests pointing at
 * local servers. {@link #close()} closes the client if it was built.
 *
 * <p><b>Fail fast</b> (issue 12): every call has a budget well below the functions' timeout (20 s
 * for the API functions) — {@value #CONNECT_MS} ms to connect, {@value #ATTEMPT_MS} ms per attempt,
 * at most {@value #MAX_ATTEMPTS} attempts, {@value #CALL_MS} ms in all — so with a dependency down
 * a request ends within 3 s (at once when the endpoint refuses connections) with an SDK client
 * exception, which {@code ApiFunction} answers as {@code 503 dependency-unavailable}. The S3
 * clients ({@code evidence-s3}'s {@code S3Clients}) use the same {@link #httpClient()} and {@link
 * #failFast()}.
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

  private AwsClients(AwsSettings settings) {
    this.settings = settings;
    this.dynamoDb = new Lazy<>(this::buildDynamoDb);
  }

  /** The clients of this JVM, configured from its environment; built once, never closed. */
  public static AwsClients shared() {
    return SharedHolder.INSTANCE;
  }

  /** A new, independent client holder (the client still built on first use). */
  public static AwsClients create(AwsSettings settings) {
    return new AwsClients(settings);
  }

  public AwsSettings settings() {
    return settings;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb.get();
  }

  @Override
  public void close() {
    dynamoDb.closeIfBuilt(DynamoDbClient::close);
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

  /** The URL-connection client with the connect and per-attempt socket timeouts. */
  public static UrlConnectionHttpClient.Builder httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofMillis(CONNECT_MS))
        .socketTimeout(Duration.ofMillis(ATTEMPT_MS));
  }

  /** The call budget of every client: attempt and call timeouts, a bounded number of retries. */
  public static ClientOverrideConfiguration failFast() {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(Duration.ofMillis(ATTEMPT_MS))
        .apiCallTimeout(Duration.ofMillis(CALL_MS))
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
        .build();
  }
}
