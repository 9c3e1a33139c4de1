package org.aftersales.shared.store.dynamodb;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderTooLargeException;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.StaleOrderException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link OrderRepository} on the one table: each write is a single conditional {@code PutItem} of
 * the whole order item (the item is the unit of atomicity; no transactions), guarded by {@code
 * attribute_not_exists(pk)} on create and {@code version = :read} on replace. Failures other than a
 * lost condition propagate.
 */
public final class DynamoDbOrderRepository implements OrderRepository {

  private static final Set<String> UNSHIPPED_KEY = Set.of("pk", "sk", "gsi3pk", "gsi3sk");
  private static final Set<String> BY_STATUS_KEY = Set.of("pk", "sk", "gsi2pk", "gsi2sk");

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbOrderRepository(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public Optional<Order> find(String orderId) {
    GetItemResponse response =
        dynamoDb.getItem(
            get -> get.tableName(tableName).key(OrderItemMapper.key(orderId)).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(OrderItemMapper.fromItem(response.item()))
        : Optional.empty();
  }

  @Override
  public boolean create(Order order) {
    try {
      dynamoDb.putItem(
          put ->
              put.tableName(tableName)
                  .item(OrderItemMapper.toItem(order, 1))
                  .conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  @Override
  public Order replace(Order changed) {
    long read = changed.version();
    Map<String, AttributeValue> item = OrderItemMapper.toItem(changed, read + 1);
    long bytes = ItemSize.of(item);
    if (bytes > ItemSize.LIMIT) {
      throw new OrderTooLargeException(changed.orderId(), bytes, ItemSize.LIMIT);
    }
    try {
      dynamoDb.putItem(
          put ->
              put.tableName(tableName)
                  .item(item)
                  .conditionExpression("#version = :read")
                  .expressionAttributeNames(Map.of("#version", "version"))
                  .expressionAttributeValues(
                      Map.of(":read", AttributeValue.fromN(Long.toString(read)))));
    } catch (ConditionalCheckFailedException lost) {
      throw new StaleOrderException(changed.orderId(), read);
    }
    return changed.withVersion(read + 1);
  }

  @Override
  public Page<String> unshippedDueBy(LocalDate lastExpectedShipBy, String cursor, int limit) {
    QueryResponse response =
        dynamoDb.query(
            query ->
                query
                    .tableName(tableName)
                    .indexName("Unshipped")
                    .keyConditionExpression("gsi3pk = :unshipped AND gsi3sk < :after")
                    .expressionAttributeValues(
                        Map.of(
                            ":unshipped", AttributeValue.fromS(OrderItemMapper.UNSHIPPED),
                            // Keys are "{expectedShipBy}#{orderId}": every key of a day ≤ last
                            // sorts below the next day.
                            ":after",
                                AttributeValue.fromS(lastExpectedShipBy.plusDays(1).toString())))
                    .projectionExpression("orderId")
                    .exclusiveStartKey(Cursors.decode(cursor, UNSHIPPED_KEY))
                    .limit(limit));
    return new Page<>(
        response.items().stream().map(item -> item.get("orderId").s()).toList(),
        Cursors.encode(response.lastEvaluatedKey()));
  }

  @Override
  public Page<Order> withPendingRefunds(String cursor, int limit) {
    QueryResponse response =
        dynamoDb.query(
            query ->
                query
                    .tableName(tableName)
                    .indexName("ByStatus")
                    .keyConditionExpression("gsi2pk = :pending")
                    .expressionAttributeValues(
                        Map.of(":pending", AttributeValue.fromS(OrderItemMapper.PENDING_REFUNDS)))
                    .exclusiveStartKey(Cursors.decode(cursor, BY_STATUS_KEY))
                    .limit(limit));
    return new Page<>(
        response.items().stream().map(OrderItemMapper::fromItem).toList(),
        Cursors.encode(response.lastEvaluatedKey()));
  }
}
