package org.aftersales.shared;

import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.ResourceNames;
import org.aftersales.shared.events.EmailStates;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbEmailStates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB adapters a function's no-arg constructor (Lambda's entry point) wires: the JVM's one
 * client ({@link AwsClients#shared()}) on the table named by {@code TABLE_NAME}. The one place the
 * production wiring lives; tests hand adapters to the handlers' second constructor instead. (The
 * evidence bucket's adapter is {@code S3Clients}, in its own module, so that S3-free functions load
 * no S3 classes.)
 */
public final class Production {

  private Production() {}

  public static OrderRepository orders() {
    return new DynamoDbOrderRepository(dynamoDb(), table());
  }

  public static ReturnRepository returns() {
    return new DynamoDbReturnRepository(dynamoDb(), table());
  }

  public static ClaimRepository claims() {
    return new DynamoDbClaimRepository(dynamoDb(), table());
  }

  /** The customer emails' delivery state (MSG-3), read by functions that show it. */
  public static EmailStates emailStates() {
    return new DynamoDbEmailStates(dynamoDb(), table());
  }

  /** The events' outbox and published history (MSG-1, MSG-2). */
  public static OutboxStore outbox() {
    return new DynamoDbOutboxStore(dynamoDb(), table());
  }

  public static IdempotencyStore idempotency() {
    return new DynamoDbIdempotencyStore(dynamoDb(), table());
  }

  private static DynamoDbClient dynamoDb() {
    return AwsClients.shared().dynamoDb();
  }

  private static String table() {
    return ResourceNames.fromEnvironment().tableName();
  }
}
