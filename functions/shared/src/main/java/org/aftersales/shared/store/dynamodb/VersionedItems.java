package org.aftersales.shared.store.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.aftersales.shared.store.InvalidCursorException;
import org.aftersales.shared.store.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The requests every store makes on the one table: a consistent get, a put that never overwrites,
 * an update and a delete guarded by the item's {@code version}, every item of an order under a
 * prefix ({@code ByOrder}) and a page of a query ({@code ByStatus}, {@code Unshipped}; paged with
 * {@link Cursors}). {@code fromItem} is the store's mapper. DynamoDB failures other than a lost
 * condition propagate.
 */
record VersionedItems<T>(
    DynamoDbClient dynamoDb, String tableName, Function<Map<String, AttributeValue>, T> fromItem) {

  private static final Set<String> BY_STATUS_KEY = Set.of("pk", "sk", "gsi2pk", "gsi2sk");
  private static final String VERSION_IS_READ = "#version = :read";
  private static final Map<String, String> VERSION = Map.of("#version", "version");

  VersionedItems {
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(tableName, "tableName");
  }

  /** The item under {@code key}, read consistently, mapped with {@code mapper}; or empty. */
  <R> Optional<R> get(
      Map<String, AttributeValue> key, Function<Map<String, AttributeValue>, R> mapper) {
    GetItemResponse response =
        dynamoDb.getItem(get -> get.tableName(tableName).key(key).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(mapper.apply(response.item()))
        : Optional.empty();
  }

  Optional<T> get(Map<String, AttributeValue> key) {
    return get(key, fromItem);
  }

  /** Writes {@code item} unless its key exists; {@code false} = it exists, nothing written. */
  boolean putNew(Map<String, AttributeValue> item) {
    return put(item, put -> put.conditionExpression("attribute_not_exists(pk)"));
  }

  /**
   * Applies {@code update} to the item under {@code key} if it is still at version {@code read};
   * {@code false} = another write came first or it is gone, nothing written. Attributes the update
   * does not name stay as stored.
   */
  boolean updateIfVersion(Map<String, AttributeValue> key, ItemUpdate update, long read) {
    String condition = update.name("version") + " = " + update.value(version(read));
    return conditionally(
        () ->
            dynamoDb.updateItem(
                request ->
                    request
                        .tableName(tableName)
                        .key(key)
                        .updateExpression(update.expression())
                        .conditionExpression(condition)
                        .expressionAttributeNames(update.names())
                        .expressionAttributeValues(update.values())));
  }

  /** Deletes the item if it is still at version {@code read}; {@code false} = nothing deleted. */
  boolean deleteIfVersion(Map<String, AttributeValue> key, long read) {
    return conditionally(
        () ->
            dynamoDb.deleteItem(
                delete ->
                    delete
                        .tableName(tableName)
                        .key(key)
                        .conditionExpression(VERSION_IS_READ)
                        .expressionAttributeNames(VERSION)
                        .expressionAttributeValues(Map.of(":read", version(read)))));
  }

  /**
   * Every item of the order whose {@code ByOrder} sort key is {@code {kind}#…}, page after page (a
   * loop, not the SDK's paginator: fewer classes at cold start).
   */
  List<T> byOrder(String orderId, String kind) {
    List<T> found = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          dynamoDb.query(
              query ->
                  query
                      .tableName(tableName)
                      .indexName("ByOrder")
                      .keyConditionExpression("gsi1pk = :order AND begins_with(gsi1sk, :prefix)")
                      .expressionAttributeValues(
                          Map.of(
                              ":order",
                              AttributeValue.fromS("ORDER#" + orderId),
                              ":prefix",
                              AttributeValue.fromS(kind + "#")))
                      .exclusiveStartKey(from));
      page.items().forEach(item -> found.add(fromItem.apply(item)));
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null && !start.isEmpty());
    return found;
  }

  /**
   * One page of {@code ByStatus} partition {@code partition}, lowest sort key first.
   *
   * @throws InvalidCursorException when the cursor is not one this listing gave
   */
  Page<T> byStatus(String partition, String cursor, int limit) {
    return byStatus(partition, null, Map.of(), cursor, limit);
  }

  /**
   * As {@link #byStatus(String, String, int)}, only the items whose sort key meets {@code
   * sortKeyCondition} ({@code gsi2sk} against {@code values}, e.g. {@code "gsi2sk < :before"}).
   */
  Page<T> byStatus(
      String partition,
      String sortKeyCondition,
      Map<String, AttributeValue> values,
      String cursor,
      int limit) {
    return byStatus(partition, sortKeyCondition, values, null, fromItem, cursor, limit);
  }

  /** As {@link #byStatus(String, String, Map, String, int)}, reading only {@code idAttribute}. */
  Page<String> idsByStatus(
      String partition,
      String sortKeyCondition,
      Map<String, AttributeValue> values,
      String idAttribute,
      String cursor,
      int limit) {
    return byStatus(
        partition,
        sortKeyCondition,
        values,
        idAttribute,
        item -> item.get(idAttribute).s(),
        cursor,
        limit);
  }

  private <R> Page<R> byStatus(
      String partition,
      String sortKeyCondition,
      Map<String, AttributeValue> values,
      String projection,
      Function<Map<String, AttributeValue>, R> mapper,
      String cursor,
      int limit) {
    Map<String, AttributeValue> start = Cursors.decode(cursor, BY_STATUS_KEY, "gsi2pk", partition);
    Map<String, AttributeValue> bound = new HashMap<>(values);
    bound.put(":status", AttributeValue.fromS(partition));
    return page(
        query ->
            query
                .indexName("ByStatus")
                .keyConditionExpression(
                    sortKeyCondition == null
                        ? "gsi2pk = :status"
                        : "gsi2pk = :status AND " + sortKeyCondition)
                .expressionAttributeValues(bound)
                .projectionExpression(projection)
                .exclusiveStartKey(start)
                .limit(limit),
        mapper);
  }

  /** One page of {@code query} on the table, its items mapped with {@code mapper}. */
  <R> Page<R> page(
      Consumer<QueryRequest.Builder> query, Function<Map<String, AttributeValue>, R> mapper) {
    QueryResponse response = dynamoDb.query(request -> query.accept(request.tableName(tableName)));
    return new Page<>(
        response.items().stream().map(mapper).toList(),
        Cursors.encode(response.lastEvaluatedKey()));
  }

  private boolean put(
      Map<String, AttributeValue> item, Consumer<PutItemRequest.Builder> condition) {
    return conditionally(
        () -> dynamoDb.putItem(put -> condition.accept(put.tableName(tableName).item(item))));
  }

  private static boolean conditionally(Runnable write) {
    try {
      write.run();
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }

  private static AttributeValue version(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
