package org.aftersales.shared.store.dynamodb;

import java.util.Optional;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.StoredReturn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link ReturnRepository} on the one table ({@link ReturnItemMapper} gives the items, {@link
 * DynamoDbCaseRepository} the protocol shared with claims); an unannounced parcel is one item
 * written once ({@code attribute_not_exists(pk)}).
 */
public final class DynamoDbReturnRepository extends DynamoDbCaseRepository<StoredReturn>
    implements ReturnRepository {

  public DynamoDbReturnRepository(DynamoDbClient dynamoDb, String tableName) {
    super(
        dynamoDb,
        tableName,
        ReturnItemMapper.KIND,
        ReturnItemMapper::fromItem,
        ReturnItemMapper::item,
        StoredReturn::version,
        StaleReturnException::new);
  }

  @Override
  public boolean createUnannounced(UnannouncedReturn parcel) {
    return items.putNew(ReturnItemMapper.toItem(parcel));
  }

  @Override
  public Optional<UnannouncedReturn> findUnannounced(String unannouncedId) {
    return items.get(
        Item.key(ReturnItemMapper.UNANNOUNCED, unannouncedId), ReturnItemMapper::unannouncedFrom);
  }

  @Override
  public boolean createWithdrawal(WithdrawalRecord record) {
    return items.putNew(ReturnItemMapper.toItem(record));
  }

  @Override
  public Optional<WithdrawalRecord> findWithdrawal(String withdrawalId) {
    return items.get(
        Item.key(ReturnItemMapper.WITHDRAWAL, withdrawalId), ReturnItemMapper::withdrawalFrom);
  }
}
