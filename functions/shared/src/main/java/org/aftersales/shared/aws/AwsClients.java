package org.aftersales.shared.aws;

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
 */
public final class AwsClients implements AutoCloseable {

  private static final class SharedHolder {
    static final AwsClients INSTANCE = create(AwsSettings.fromEnvironment());
  }

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
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
