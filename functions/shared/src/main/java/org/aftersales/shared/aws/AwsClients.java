package org.aftersales.shared.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client of one JVM, built on first use, and the settings every SDK client of these
 * functions is built with ({@link #configure}). The S3 clients live in the {@code evidence-s3}
 * module ({@code S3Clients}), so a function that never touches S3 ships and loads no S3 class (lean
 * packages, for cold start).
 *
 * <p>{@link #shared()} is the per-JVM instance built from the environment (what handlers' no-arg
 * constructors use); {@link #create(AwsSettings)} builds an independent one, for tests pointing at
 * local servers. {@link #close()} closes the client if it was built.
 *
 * <p><b>Nothing looked up at cold start</b> (fewer classes loaded): region, credentials, defaults
 * mode, FIPS/dual-stack, the (empty) profile file and the HTTP client are given, not resolved from
 * profile files, system properties or instance metadata; DynamoDB's account-id endpoints are off
 * (the regional endpoint, without resolving an account-id endpoint mode).
 *
 * <p><b>Fail fast</b>: every call has a budget well below the functions' timeout (20 s for the API
 * functions) — {@value #CONNECT_MS} ms to connect, {@value #ATTEMPT_MS} ms per attempt, at most
 * {@value #MAX_ATTEMPTS} attempts, {@value #CALL_MS} ms in all — so with a dependency down a
 * request ends within 3 s (at once when the endpoint refuses connections) with an SDK client
 * exception, which {@code ApiFunction} answers as {@code 503 dependency-unavailable}. That is
 * {@link CallBudget#LAMBDA}; the settings may carry another ({@code SDK_CALL_BUDGET_MS}: the local
 * stack and the tests, whose local servers share a loaded machine).
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

  private static final ProfileFile NO_PROFILE = ProfileFile.aggregator().build();

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
        configure(DynamoDbClient.builder(), settings)
            .accountIdEndpointMode(AccountIdEndpointMode.DISABLED);
    settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * What every SDK client here is built with: the settings' region and credentials, the package's
   * HTTP client with the connect and socket timeouts ({@link HttpClients}), the fail-fast call
   * budget, and every setting the SDK would otherwise look up at build time given instead (legacy
   * defaults mode, no FIPS or dual-stack endpoints, an empty profile file).
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AwsSettings settings) {
    return builder
        .region(settings.region())
        .credentialsProvider(settings.credentials())
        .defaultsMode(DefaultsMode.LEGACY)
        .fipsEnabled(false)
        .dualstackEnabled(false)
        .httpClientBuilder(
            HttpClients.withTimeouts(settings.budget().connect(), settings.budget().attempt()))
        .overrideConfiguration(failFast(settings.budget()));
  }

  /** A client's call budget: attempt and call timeouts, a bounded number of retries. */
  static ClientOverrideConfiguration failFast(CallBudget budget) {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(budget.attempt())
        .apiCallTimeout(budget.call())
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(budget.maxAttempts())
                .build())
        .defaultProfileFileSupplier(() -> NO_PROFILE)
        .build();
  }
}
