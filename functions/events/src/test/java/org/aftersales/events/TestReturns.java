package org.aftersales.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.returns.ReturnsHandler;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.dynamodb.DynamoDbEmailStates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The returns function on the local servers, as the event tests make its decisions: every DynamoDB
 * call through the client given (the tests' own, or a counting one), withdrawal records kept in the
 * local evidence bucket (LAW-3).
 */
final class TestReturns {

  /** The S3 clients of the per-JVM local servers, built once. */
  private static S3Clients s3;

  private TestReturns() {}

  /**
   * A new ReturnsHandler (one per request, as the tests' Lambda containers) deciding at {@code at}.
   */
  static ReturnsHandler handler(
      LocalAws aws, DynamoDbClient dynamoDb, PolicyBook book, Instant at) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    LambdaRun run = new LambdaRun(clock, "ReturnsFunction");
    return new ReturnsHandler(
        new ReturnsHandler.Ports(
            new DynamoDbOrderRepository(dynamoDb, aws.tableName()),
            new DynamoDbReturnRepository(dynamoDb, aws.tableName()),
            new DynamoDbEmailStates(dynamoDb, aws.tableName()),
            () -> s3(aws).evidenceStore(aws.bucketName()),
            new DynamoDbIdempotencyStore(dynamoDb, aws.tableName()),
            book,
            run.log,
            run.metrics,
            clock));
  }

  /** The S3 clients of the local servers, shared by the event tests' functions. */
  static synchronized S3Clients s3(LocalAws aws) {
    if (s3 == null) {
      s3 = S3Clients.create(aws.clients().settings());
    }
    return s3;
  }
}
