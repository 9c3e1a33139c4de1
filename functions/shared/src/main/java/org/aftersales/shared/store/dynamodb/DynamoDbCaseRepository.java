package org.aftersales.shared.store.dynamodb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.CaseRepository;
import org.aftersales.shared.store.CaseTooLargeException;
import org.aftersales.shared.store.StoredCase;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The one {@link CaseRepository} on the one table, for returns and claims: the item {@code pk =
 * {kind}#{id}}, {@code sk = {kind}} from the store's mapper ({@code toItem}, {@code fromItem}), the
 * requests from {@link VersionedItems}. Reads by id are strongly consistent; each write is one
 * conditional request: a {@code PutItem} of the record and what it carries ({@link
 * AlongsideAttributes}) guarded by {@code attribute_not_exists(pk)} on create; on replace an {@code
 * UpdateItem} guarded by {@code version = :read} that sets every attribute of the record, removes
 * those it no longer has and adds what it carries, so the outbox and the request records on the
 * item survive it (docs/design.md "Events"); a delete guarded by the version. A write that would
 * exceed the item limit is not sent ({@link CaseTooLargeException}), and DynamoDB's refusal of a
 * replace that what the item keeps takes over the limit is the same exception. DynamoDB's other
 * failures propagate.
 */
abstract class DynamoDbCaseRepository<T extends StoredCase<T>> implements CaseRepository<T> {

  final VersionedItems<T> items;
  private final String kind;
  private final Function<Map<String, AttributeValue>, T> fromItem;
  private final BiFunction<T, Long, Item.Builder> toItem;
  private final ToLongFunction<T> createdVersion;
  private final BiFunction<String, Long, RuntimeException> stale;

  /**
   * {@code createdVersion}: the version a new case is written at (its port says which); {@code
   * stale}: the port's exception for a lost condition on replace.
   */
  DynamoDbCaseRepository(
      DynamoDbClient dynamoDb,
      String tableName,
      String kind,
      Function<Map<String, AttributeValue>, T> fromItem,
      BiFunction<T, Long, Item.Builder> toItem,
      ToLongFunction<T> createdVersion,
      BiFunction<String, Long, RuntimeException> stale) {
    this.items = new VersionedItems<>(dynamoDb, tableName, fromItem);
    this.kind = kind;
    this.fromItem = fromItem;
    this.toItem = toItem;
    this.createdVersion = createdVersion;
    this.stale = stale;
  }

  @Override
  public Optional<T> find(String id) {
    return items.get(Item.key(kind, id));
  }

  @Override
  public Optional<Read<T>> findWithRequests(String id) {
    return items.get(
        Item.key(kind, id),
        values -> new Read<>(fromItem.apply(values), AlongsideAttributes.requests(values)));
  }

  @Override
  public boolean create(T fresh, Alongside alongside) {
    alongside.requireOrder(fresh.hold().orderId());
    long version = createdVersion.applyAsLong(fresh);
    ItemUpdate update =
        AlongsideAttributes.add(
            ItemUpdate.replacing(toItem.apply(fresh, version)), pk(fresh), alongside, version);
    Map<String, AttributeValue> item = new HashMap<>(update.written());
    item.putAll(Item.key(kind, fresh.id()));
    requireFits(fresh.id(), item);
    return items.putNew(item);
  }

  @Override
  public T replace(T changed, Alongside alongside) {
    alongside.requireOrder(changed.hold().orderId());
    long next = changed.version() + 1;
    ItemUpdate update =
        AlongsideAttributes.add(
            ItemUpdate.replacing(toItem.apply(changed, next)), pk(changed), alongside, next);
    requireFits(changed.id(), update.written());
    boolean written;
    try {
      written = items.updateIfVersion(Item.key(kind, changed.id()), update, changed.version());
    } catch (DynamoDbException refused) {
      if (isOverItemLimit(refused)) {
        // what the write keeps (unpublished events, request records of earlier writes) took the
        // item over the limit: the guard counts only what the write sets
        throw new CaseTooLargeException(kind, changed.id(), ItemSize.LIMIT);
      }
      throw refused;
    }
    if (!written) {
      throw stale.apply(changed.id(), changed.version());
    }
    return changed.withVersion(next);
  }

  /** DynamoDB's refusal of an update that would take the item over its size limit. */
  private static boolean isOverItemLimit(DynamoDbException e) {
    return e.statusCode() == 400
        && e.awsErrorDetails() != null
        && "ValidationException".equals(e.awsErrorDetails().errorCode())
        && e.awsErrorDetails().errorMessage() != null
        && e.awsErrorDetails().errorMessage().contains("exceeded the maximum allowed size");
  }

  @Override
  public boolean delete(T stored) {
    return items.deleteIfVersion(Item.key(kind, stored.id()), stored.version());
  }

  @Override
  public List<T> byOrder(String orderId) {
    return items.byOrder(orderId, kind);
  }

  /**
   * Refuses a write whose attributes would exceed the item limit ({@link ItemSize}, an upper
   * estimate) before sending it, as the order store does: DynamoDB would refuse it anyway, with an
   * error no caller can tell from an outage.
   */
  private void requireFits(String id, Map<String, AttributeValue> written) {
    long bytes = ItemSize.of(written);
    if (bytes > ItemSize.LIMIT) {
      throw new CaseTooLargeException(kind, id, bytes, ItemSize.LIMIT);
    }
  }

  private String pk(T record) {
    return kind + "#" + record.id();
  }
}
