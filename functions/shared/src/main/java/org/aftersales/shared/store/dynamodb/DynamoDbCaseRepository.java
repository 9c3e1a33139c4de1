package org.aftersales.shared.store.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.aftersales.shared.store.CaseRepository;
import org.aftersales.shared.store.StoredCase;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one {@link CaseRepository} on the one table, for returns and claims: the item {@code pk =
 * {kind}#{id}}, {@code sk = {kind}} from the store's mapper ({@code toItem}, {@code fromItem}), the
 * requests from {@link VersionedItems}. Reads by id are strongly consistent; each write is one
 * conditional request ({@code attribute_not_exists(pk)} on create, {@code version = :read} on
 * replace and delete). DynamoDB failures propagate.
 */
abstract class DynamoDbCaseRepository<T extends StoredCase<T>> implements CaseRepository<T> {

  final VersionedItems<T> items;
  private final String kind;
  private final BiFunction<T, Long, Map<String, AttributeValue>> toItem;
  private final BiFunction<String, Long, RuntimeException> stale;

  DynamoDbCaseRepository(
      DynamoDbClient dynamoDb,
      String tableName,
      String kind,
      Function<Map<String, AttributeValue>, T> fromItem,
      BiFunction<T, Long, Map<String, AttributeValue>> toItem,
      BiFunction<String, Long, RuntimeException> stale) {
    this.items = new VersionedItems<>(dynamoDb, tableName, fromItem);
    this.kind = kind;
    this.toItem = toItem;
    this.stale = stale;
  }

  @Override
  public Optional<T> find(String id) {
    return items.get(Item.key(kind, id));
  }

  /** Writes {@code fresh} at {@code version} unless its id exists. */
  boolean create(T fresh, long version) {
    return items.putNew(toItem.apply(fresh, version));
  }

  @Override
  public T replace(T changed) {
    long next = changed.version() + 1;
    if (!items.putIfVersion(toItem.apply(changed, next), changed.version())) {
      throw stale.apply(changed.id(), changed.version());
    }
    return changed.withVersion(next);
  }

  @Override
  public boolean delete(T stored) {
    return items.deleteIfVersion(Item.key(kind, stored.id()), stored.version());
  }

  @Override
  public List<T> byOrder(String orderId) {
    return items.byOrder(orderId, kind);
  }
}
