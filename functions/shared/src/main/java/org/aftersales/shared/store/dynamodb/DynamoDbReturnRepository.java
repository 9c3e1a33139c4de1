package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.StoredReturn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ReturnRepository} on the one table ({@link ReturnItemMapper} gives the items, {@link
 * DynamoDbCaseRepository} the protocol shared with claims); an unannounced parcel is one item
 * written once ({@code attribute_not_exists(pk)}).
 */
public final class DynamoDbReturnRepository extends DynamoDbCaseRepository<StoredReturn>
    implements ReturnRepository {

  private static final String AUTHORIZED = "RETURNS#AUTHORIZED";

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
  public boolean createUnannounced(UnannouncedReturn parcel, List<Event> events) {
    Map<String, AttributeValue> item = ReturnItemMapper.toItem(parcel);
    ItemUpdate update = new ItemUpdate().setAll(item);
    AlongsideAttributes.addEvents(
        update, ReturnItemMapper.UNANNOUNCED + "#" + parcel.unannouncedId(), events, 0);
    Map<String, AttributeValue> withOutbox = new HashMap<>(update.written());
    withOutbox.put("pk", item.get("pk"));
    withOutbox.put("sk", item.get("sk"));
    return items.putNew(withOutbox);
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

  @Override
  public Page<String> authorizedSendByBefore(LocalDate before, String cursor, int limit) {
    // Keys are "{sendBy}#{returnId}": every key of a day before sorts below the day.
    return items.idsByStatus(
        AUTHORIZED,
        "gsi2sk < :before",
        Map.of(":before", AttributeValue.fromS(before.toString())),
        "returnId",
        cursor,
        limit);
  }

  @Override
  public Page<StoredReturn> authorizedSendByFrom(LocalDate from, String cursor, int limit) {
    // Keys are "{sendBy}#{returnId}": every key of the day sorts above the day.
    return items.byStatus(
        AUTHORIZED,
        "gsi2sk >= :from",
        Map.of(":from", AttributeValue.fromS(from.toString())),
        cursor,
        limit);
  }

  @Override
  public Page<StoredReturn> inStatusSince(
      ReturnStatus status, Instant from, Instant to, String cursor, int limit) {
    if (status == ReturnStatus.AUTHORIZED) {
      throw new IllegalArgumentException("AUTHORIZED returns are keyed by send-by date");
    }
    // Keys are "{statusSince, fixed width}#{returnId}"; "~" sorts above "#".
    return items.byStatus(
        "RETURNS#" + status.name(),
        "gsi2sk BETWEEN :from AND :to",
        Map.of(
            ":from", AttributeValue.fromS(Item.sortable(from)),
            ":to", AttributeValue.fromS(Item.sortable(to) + "~")),
        cursor,
        limit);
  }
}
