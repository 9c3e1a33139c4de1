package org.aftersales.shared.testing;

import java.util.ArrayList;
import java.util.List;
import org.aftersales.shared.aws.AwsClients;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * A DynamoDB client on the local server, built as the functions' own ({@link
 * AwsClients#configure}), that records the operation of every request it sends (a round trip each,
 * retries included), so a test can state how many round trips a route takes.
 */
public final class CountedCalls implements ExecutionInterceptor {

  private final List<String> operations = new ArrayList<>();

  public DynamoDbClient client(LocalAws aws) {
    return clientWith(aws, this);
  }

  /**
   * A DynamoDB client for the local server built as the functions' own ({@link
   * AwsClients#configure}: HTTP client, timeouts, fail-fast budget; account-id endpoints off), with
   * {@code interceptor} added to its override configuration.
   */
  public static DynamoDbClient clientWith(LocalAws aws, ExecutionInterceptor interceptor) {
    DynamoDbClientBuilder builder =
        AwsClients.configure(DynamoDbClient.builder(), aws.clients().settings())
            .accountIdEndpointMode(AccountIdEndpointMode.DISABLED)
            .endpointOverride(aws.dynamoDbEndpoint());
    return builder
        .overrideConfiguration(
            builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(interceptor)
                .build())
        .build();
  }

  @Override
  public synchronized void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    operations.add(context.request().getClass().getSimpleName().replace("Request", ""));
  }

  /** The operations sent since the last call, in order, and forgets them. */
  public synchronized List<String> take() {
    List<String> taken = List.copyOf(operations);
    operations.clear();
    return taken;
  }
}
