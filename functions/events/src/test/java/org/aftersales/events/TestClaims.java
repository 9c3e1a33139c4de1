package org.aftersales.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aftersales.claims.ClaimExpiryHandler;
import org.aftersales.claims.ClaimPorts;
import org.aftersales.claims.ClaimsHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;

/**
 * The claims functions on the local servers, as the event tests make their decisions: the claim
 * routes and the hourly {@code ClaimExpiryFunction}, deciding at a given instant, evidence in the
 * local bucket.
 */
final class TestClaims {

  private TestClaims() {}

  /**
   * A new ClaimsHandler (one per request, as the tests' Lambda containers) deciding at {@code at}.
   */
  static ClaimsHandler handler(LocalAws aws, PolicyBook book, Instant at) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    LambdaRun run = new LambdaRun(clock, "ClaimsFunction");
    return new ClaimsHandler(
        new ClaimsHandler.Ports(
            ports(aws, book, clock),
            new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
            run.log,
            run.metrics));
  }

  /** {@code ClaimExpiryFunction}; it decides by its schedule event's {@code time}. */
  static ClaimExpiryHandler expiry(LocalAws aws, PolicyBook book) {
    Clock clock = Clock.systemUTC();
    LambdaRun run = new LambdaRun(clock, "ClaimExpiryFunction");
    return new ClaimExpiryHandler(
        ports(aws, book, clock),
        run.log,
        run.metrics,
        ClaimExpiryHandler.DEFAULT_PAGE_SIZE,
        ClaimExpiryHandler.DEFAULT_MIN_REMAINING_MILLIS);
  }

  private static ClaimPorts ports(LocalAws aws, PolicyBook book, Clock clock) {
    return new ClaimPorts(
        new DynamoDbClaimRepository(aws.dynamoDb(), aws.tableName()),
        new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName()),
        TestReturns.s3(aws).evidenceStore(aws.bucketName()),
        book,
        clock);
  }
}
