package org.aftersales.shared.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.shared.store.dynamodb.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link IdempotencyStore} on the single table: one item per caller and key, {@code pk =
 * IDEMPOTENCY#{callerScope}#{key}}, {@code sk = IDEMPOTENCY}, with the request hash, the stored
 * response once complete, and {@code expiresAt} (epoch seconds, the table's TTL attribute) 24 h
 * after the claim.
 *
 * <p>Every write is one conditional request, so concurrent claims of a key have exactly one winner.
 * An expired record counts as absent: a claim may overwrite it, whether or not TTL has deleted it
 * yet. DynamoDB failures propagate; a {@code complete} or {@code release} that does not match a
 * live claim fails with {@link IllegalStateException}.
 */
public record DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String tableName)
    implements IdempotencyStore {

  /** How long a key is remembered (openapi.yaml: 24 h). */
  public static final Duration TIME_TO_LIVE = Duration.ofHours(24);

  /**
   * How long a claim without a response holds its key: longer than any API function runs (the
   * template's Timeout, 20 s; API Gateway gives up after 30 s), short enough that a request that
   * died mid-way can be retried with its key soon.
   */
  public static final Duration IN_PROGRESS_LEASE = Duration.ofMinutes(2);

  static final String KIND = "IDEMPOTENCY";
  private static final int CLAIM_ATTEMPTS = 3;

  public DynamoDbIdempotencyStore {
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public Optional<IdempotencyRecord> claim(
      String callerScope, String key, String requestHash, Instant now) {
    Objects.requireNonNull(requestHash, "requestHash");
    long nowSeconds = now.getEpochSecond();
    Map<String, AttributeValue> item =
        Item.builder()
            .key(KIND, scoped(callerScope, key))
            .s("requestHash", requestHash)
            .n("expiresAt", nowSeconds + IN_PROGRESS_LEASE.toSeconds())
            .build();
    // A failed claim means a live record holds the key; it may vanish (release) or expire before
    // we read it, in which case the claim is tried again.
    for (int attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      try {
        dynamoDb.putItem(
            put ->
                put.tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(
                        Map.of(":now", AttributeValue.fromN(Long.toString(nowSeconds)))));
        return Optional.empty();
      } catch (ConditionalCheckFailedException held) {
        Optional<IdempotencyRecord> live = read(callerScope, key, nowSeconds);
        if (live.isPresent()) {
          return live;
        }
      }
    }
    throw new IllegalStateException(
        "idempotency key "
            + key
            + " kept changing hands during "
            + CLAIM_ATTEMPTS
            + " claim attempts");
  }

  @Override
  public void complete(String callerScope, String key, StoredResponse response, Instant now) {
    Map<String, AttributeValue> values =
        Item.builder()
            .n(":expires", now.getEpochSecond() + TIME_TO_LIVE.toSeconds())
            .n(":status", response.status())
            .strings(":headers", response.headers())
            .s(":body", response.body() == null ? "" : response.body())
            .build();
    refusedAs(
        "idempotency key " + key + " is not claimed, or its response is already stored",
        () ->
            dynamoDb.updateItem(
                update ->
                    update
                        .tableName(tableName)
                        .key(Item.key(KIND, scoped(callerScope, key)))
                        .updateExpression(
                            "SET responseStatus = :status, responseHeaders = :headers,"
                                + " responseBody = :body, expiresAt = :expires")
                        .conditionExpression(
                            "attribute_exists(pk) AND attribute_not_exists(responseStatus)")
                        .expressionAttributeValues(values)));
  }

  @Override
  public void release(String callerScope, String key) {
    // A record without a response is a running claim; a completed one must stay for replays.
    refusedAs(
        "idempotency key " + key + " is completed: its response must stay for replays",
        () ->
            dynamoDb.deleteItem(
                delete ->
                    delete
                        .tableName(tableName)
                        .key(Item.key(KIND, scoped(callerScope, key)))
                        .conditionExpression("attribute_not_exists(responseStatus)")));
  }

  /**
   * Runs a conditional {@code write}; a lost condition is the caller's mistake, {@code refusal}.
   */
  private static void refusedAs(String refusal, Runnable write) {
    try {
      write.run();
    } catch (ConditionalCheckFailedException e) {
      throw new IllegalStateException(refusal, e);
    }
  }

  private Optional<IdempotencyRecord> read(String callerScope, String key, long nowSeconds) {
    Map<String, AttributeValue> values =
        dynamoDb
            .getItem(
                get ->
                    get.tableName(tableName)
                        .key(Item.key(KIND, scoped(callerScope, key)))
                        .consistentRead(true))
            .item();
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    Item.Reader item = Item.Reader.of(values, "idempotency record", "pk");
    long expiresAt = item.n("expiresAt");
    if (expiresAt < nowSeconds) {
      return Optional.empty();
    }
    Optional<StoredResponse> response =
        item.has("responseStatus")
            ? Optional.of(
                new StoredResponse(
                    item.i("responseStatus"),
                    item.stringMap("responseHeaders"),
                    item.has("responseBody") ? item.s("responseBody") : ""))
            : Optional.empty();
    return Optional.of(
        new IdempotencyRecord(item.s("requestHash"), response, Instant.ofEpochSecond(expiresAt)));
  }

  /** {@code pk = IDEMPOTENCY#{callerScope}#{key}}. */
  private static String scoped(String callerScope, String key) {
    return Objects.requireNonNull(callerScope, "callerScope")
        + "#"
        + Objects.requireNonNull(key, "key");
  }
}
