package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderTooLargeException;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.StaleOrderException;
import org.aftersales.shared.store.StoredOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link OrderRepository} on the one table ({@link OrderItemMapper} gives the item, {@link
 * VersionedItems} the requests): each write is a single conditional request (the item is the unit
 * of atomicity; no transactions): a {@code PutItem} guarded by {@code attribute_not_exists(pk)} on
 * create, an {@code UpdateItem} of every attribute of the order guarded by {@code version = :read}
 * on replace, which also records the write's events and request record ({@link
 * AlongsideAttributes}) and leaves the rest of the outbox as the publisher left it. Failures other
 * than a lost condition propagate.
 */
public final class DynamoDbOrderRepository implements OrderRepository {

  private static final Set<String> UNSHIPPED_KEY = Set.of("pk", "sk", "gsi3pk", "gsi3sk");
  private static final Set<String> UNPAID_CHANGES_KEY = Set.of("pk", "sk", "gsi5pk", "gsi5sk");

  /** The order's sparse index keys, removed when the state no longer has them. */
  private static final List<String> SPARSE_KEYS =
      List.of("gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk", "gsi5pk", "gsi5sk");

  private final VersionedItems<Order> items;

  public DynamoDbOrderRepository(DynamoDbClient dynamoDb, String tableName) {
    this.items = new VersionedItems<>(dynamoDb, tableName, OrderItemMapper::fromItem);
  }

  @Override
  public Optional<Order> find(String orderId) {
    return items.get(Item.key(OrderItemMapper.KIND, orderId));
  }

  @Override
  public Optional<StoredOrder> findStored(String orderId) {
    return items.get(
        Item.key(OrderItemMapper.KIND, orderId),
        values ->
            new StoredOrder(
                OrderItemMapper.fromItem(values),
                AlongsideAttributes.requests(values),
                AlongsideAttributes.writes(values)));
  }

  @Override
  public boolean create(Order order) {
    return items.putNew(OrderItemMapper.toItem(order, 1));
  }

  @Override
  public Order replace(Order changed, Alongside alongside) {
    long read = changed.version();
    Map<String, AttributeValue> item = OrderItemMapper.toItem(changed, read + 1);
    ItemUpdate update = new ItemUpdate().setAll(item);
    SPARSE_KEYS.stream().filter(k -> !item.containsKey(k)).forEach(update::remove);
    AlongsideAttributes.add(
        update, OrderItemMapper.KIND + "#" + changed.orderId(), alongside, read + 1);
    long bytes = ItemSize.of(update.written());
    if (bytes > ItemSize.LIMIT) {
      throw new OrderTooLargeException(changed.orderId(), bytes, ItemSize.LIMIT);
    }
    if (!items.updateIfVersion(Item.key(OrderItemMapper.KIND, changed.orderId()), update, read)) {
      throw new StaleOrderException(changed.orderId(), read);
    }
    return changed.withVersion(read + 1);
  }

  @Override
  public Order record(Order read, Alongside alongside) {
    if (!alongside.events().isEmpty()) {
      throw new IllegalArgumentException("events need their decision written (MSG-2)");
    }
    ItemUpdate update =
        AlongsideAttributes.add(
            new ItemUpdate(),
            OrderItemMapper.KIND + "#" + read.orderId(),
            alongside,
            read.version());
    if (update.isEmpty()) {
      return read;
    }
    if (!items.updateIfVersion(
        Item.key(OrderItemMapper.KIND, read.orderId()), update, read.version())) {
      throw new StaleOrderException(read.orderId(), read.version());
    }
    return read;
  }

  @Override
  public Page<String> unshippedDueBy(LocalDate lastExpectedShipBy, String cursor, int limit) {
    Map<String, AttributeValue> start =
        Cursors.decode(cursor, UNSHIPPED_KEY, "gsi3pk", OrderItemMapper.UNSHIPPED);
    return items.page(
        query ->
            query
                .indexName("Unshipped")
                .keyConditionExpression("gsi3pk = :unshipped AND gsi3sk < :after")
                .expressionAttributeValues(
                    Map.of(
                        ":unshipped", AttributeValue.fromS(OrderItemMapper.UNSHIPPED),
                        // Keys are "{expectedShipBy}#{orderId}": every key of a day ≤ last
                        // sorts below the next day.
                        ":after", AttributeValue.fromS(lastExpectedShipBy.plusDays(1).toString())))
                .projectionExpression("orderId")
                .exclusiveStartKey(start)
                .limit(limit),
        item -> item.get("orderId").s());
  }

  @Override
  public Page<String> withChangesUnpaidAt(Instant at, String cursor, int limit) {
    Map<String, AttributeValue> start =
        Cursors.decode(cursor, UNPAID_CHANGES_KEY, "gsi5pk", OrderItemMapper.UNPAID_CHANGES);
    return items.page(
        query ->
            query
                .indexName("UnpaidChanges")
                .keyConditionExpression("gsi5pk = :unpaid AND gsi5sk < :at")
                .expressionAttributeValues(
                    Map.of(
                        ":unpaid",
                        AttributeValue.fromS(OrderItemMapper.UNPAID_CHANGES),
                        // Keys are "{payBy to the second}#{orderId}": a payBy before the second
                        // of at sorts below it (one in that second is a candidate too early,
                        // which the caller's own check of payBy leaves alone).
                        ":at",
                        AttributeValue.fromS(
                            at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString())))
                .exclusiveStartKey(start)
                .limit(limit),
        item -> item.get("pk").s().substring(OrderItemMapper.KIND.length() + 1));
  }

  @Override
  public Page<Order> withPendingRefunds(String cursor, int limit) {
    return items.byStatus(OrderItemMapper.PENDING_REFUNDS, cursor, limit);
  }
}
