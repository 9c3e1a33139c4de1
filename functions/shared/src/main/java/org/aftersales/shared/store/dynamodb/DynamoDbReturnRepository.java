package org.aftersales.shared.store.dynamodb;

import java.util.List;
import java.util.Optional;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.StoredReturn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link ReturnRepository} on the one table ({@link ReturnItemMapper} gives the items, {@link
 * VersionedItems} the requests). Reads by id are strongly consistent; each write is one conditional
 * {@code PutItem} ({@code attribute_not_exists(pk)} on create, {@code version = :read} on replace).
 * DynamoDB failures propagate.
 */
public final class DynamoDbReturnRepository implements ReturnRepository {

  private final VersionedItems<StoredReturn> items;

  public DynamoDbReturnRepository(DynamoDbClient dynamoDb, String tableName) {
    this.items = new VersionedItems<>(dynamoDb, tableName, ReturnItemMapper::fromItem);
  }

  @Override
  public Optional<StoredReturn> find(String returnId) {
    return items.get(ReturnItemMapper.key(returnId));
  }

  @Override
  public boolean create(StoredReturn newReturn) {
    return items.putNew(ReturnItemMapper.toItem(newReturn, newReturn.version()));
  }

  @Override
  public StoredReturn replace(StoredReturn changed) {
    long next = changed.version() + 1;
    if (!items.putIfVersion(ReturnItemMapper.toItem(changed, next), changed.version())) {
      throw new StaleReturnException(changed.returnId(), changed.version());
    }
    return changed.withVersion(next);
  }

  @Override
  public boolean delete(StoredReturn stored) {
    return items.deleteIfVersion(ReturnItemMapper.key(stored.returnId()), stored.version());
  }

  @Override
  public List<StoredReturn> byOrder(String orderId) {
    return items.byOrder(orderId, ReturnItemMapper.PREFIX);
  }

  @Override
  public boolean createUnannounced(UnannouncedReturn parcel) {
    return items.putNew(ReturnItemMapper.toItem(parcel));
  }

  @Override
  public Optional<UnannouncedReturn> findUnannounced(String unannouncedId) {
    return items.get(
        ReturnItemMapper.unannouncedKey(unannouncedId), ReturnItemMapper::unannouncedFrom);
  }
}
