package org.aftersales.shared.aws;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where the AWS clients point and how long their calls may take: region, credentials, optional
 * endpoint overrides and the call budget ({@link CallBudget}).
 *
 * <p>{@link #fromEnvironment(Map)} reads the variables Lambda sets ({@code AWS_REGION}, the
 * credential variables) and the standard endpoint overrides {@code AWS_ENDPOINT_URL_DYNAMODB} /
 * {@code AWS_ENDPOINT_URL_S3}, which are unset in AWS and set by tests and the local stack, and
 * {@code SDK_CALL_BUDGET_MS} ({@link CallBudget#fromEnvironment}), unset in AWS. Credentials come
 * from environment variables only: no profile files or instance metadata lookups at cold start.
 */
public record AwsSettings(
    Region region,
    AwsCredentialsProvider credentials,
    Optional<URI> dynamoDbEndpoint,
    Optional<URI> s3Endpoint,
    CallBudget budget) {

  /** The region used when {@code AWS_REGION} is unset (never the case in Lambda). */
  public static final Region DEFAULT_REGION = Region.US_EAST_1;

  public AwsSettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
    Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    Objects.requireNonNull(budget, "budget");
  }

  /** Settings with Lambda's call budget ({@link CallBudget#LAMBDA}). */
  public AwsSettings(
      Region region,
      AwsCredentialsProvider credentials,
      Optional<URI> dynamoDbEndpoint,
      Optional<URI> s3Endpoint) {
    this(region, credentials, dynamoDbEndpoint, s3Endpoint, CallBudget.LAMBDA);
  }

  /**
   * Settings from this process's environment variables. Credentials are read from the variables on
   * each use, not captured here, so a SnapStart restore with new credentials is honoured.
   */
  public static AwsSettings fromEnvironment() {
    return fromVariables(System.getenv(), EnvironmentVariableCredentialsProvider.create());
  }

  /**
   * Settings from the given variables (a map, so tests and tools need not change the real
   * environment). Credentials are {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (and
   * {@code AWS_SESSION_TOKEN}) of the map when it has them, else the process's own variables.
   */
  public static AwsSettings fromEnvironment(Map<String, String> env) {
    String accessKey = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
    String secretKey = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
    String sessionToken = blankToNull(env.get("AWS_SESSION_TOKEN"));
    AwsCredentialsProvider credentials =
        accessKey == null || secretKey == null
            ? EnvironmentVariableCredentialsProvider.create()
            : StaticCredentialsProvider.create(
                sessionToken == null
                    ? AwsBasicCredentials.create(accessKey, secretKey)
                    : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    return fromVariables(env, credentials);
  }

  private static AwsSettings fromVariables(
      Map<String, String> env, AwsCredentialsProvider credentials) {
    return new AwsSettings(
        Optional.ofNullable(blankToNull(env.get("AWS_REGION")))
            .map(Region::of)
            .orElse(DEFAULT_REGION),
        credentials,
        endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB"),
        endpoint(env, "AWS_ENDPOINT_URL_S3"),
        CallBudget.fromEnvironment(env));
  }

  private static Optional<URI> endpoint(Map<String, String> env, String name) {
    return Optional.ofNullable(blankToNull(env.get(name))).map(URI::create);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
