package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.document.ReturnAddress;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.MustInclude;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnItem;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StaleReturnException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link ReturnRepository} on the single table (docs/design.md "Data"), with a hand-written mapper.
 * A return is one item {@code pk = RETURN#{returnId}}, {@code sk = RETURN}, in the {@code ByOrder}
 * index as {@code ORDER#{orderId}} / {@code RETURN#{returnId}} and in the {@code ByStatus} index as
 * {@code RETURNS#{status}} / {@code {sendBy}#{returnId}} (so expired candidates of a status come
 * oldest first). An unannounced parcel (RET-3) is {@code pk = UNANNOUNCED#{id}}, {@code sk =
 * UNANNOUNCED}, in {@code ByOrder} when it names an order and in {@code ByStatus} as {@code
 * RETURNS#UNANNOUNCED} / {@code {receivedAt}#{id}}: the customer-care queue.
 *
 * <p>Every write is one conditional request on the item's {@code version}. DynamoDB failures
 * propagate.
 */
public final class DynamoDbReturnRepository implements ReturnRepository {

  static final String RETURN_SORT_KEY = "RETURN";
  static final String UNANNOUNCED_SORT_KEY = "UNANNOUNCED";
  static final String BY_ORDER = "ByOrder";

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbReturnRepository(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  public static String partitionKey(String returnId) {
    return "RETURN#" + returnId;
  }

  @Override
  public Optional<StoredReturn> find(String returnId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                get ->
                    get.tableName(tableName)
                        .key(key(partitionKey(returnId), RETURN_SORT_KEY))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public boolean create(StoredReturn newReturn) {
    try {
      dynamoDb.putItem(
          put ->
              put.tableName(tableName)
                  .item(toItem(newReturn, newReturn.version()))
                  .conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  @Override
  public StoredReturn replace(StoredReturn changed) {
    long next = changed.version() + 1;
    try {
      dynamoDb.putItem(
          put ->
              put.tableName(tableName)
                  .item(toItem(changed, next))
                  .conditionExpression("attribute_exists(pk) AND version = :expected")
                  .expressionAttributeValues(Map.of(":expected", n(changed.version()))));
    } catch (ConditionalCheckFailedException stale) {
      throw new StaleReturnException(changed.returnId(), changed.version());
    }
    return new StoredReturn(changed.returnCase(), changed.customerId(), changed.receipt(), next);
  }

  @Override
  public boolean delete(StoredReturn stored) {
    try {
      dynamoDb.deleteItem(
          delete ->
              delete
                  .tableName(tableName)
                  .key(key(partitionKey(stored.returnId()), RETURN_SORT_KEY))
                  .conditionExpression("version = :expected")
                  .expressionAttributeValues(Map.of(":expected", n(stored.version()))));
      return true;
    } catch (ConditionalCheckFailedException stale) {
      return false;
    }
  }

  @Override
  public List<StoredReturn> byOrder(String orderId) {
    List<StoredReturn> found = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          dynamoDb.query(
              query ->
                  query
                      .tableName(tableName)
                      .indexName(BY_ORDER)
                      .keyConditionExpression("gsi1pk = :order AND begins_with(gsi1sk, :prefix)")
                      .expressionAttributeValues(
                          Map.of(":order", s("ORDER#" + orderId), ":prefix", s("RETURN#")))
                      .exclusiveStartKey(from));
      page.items().forEach(item -> found.add(fromItem(item)));
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return found;
  }

  @Override
  public boolean createUnannounced(UnannouncedReturn parcel) {
    try {
      dynamoDb.putItem(
          put ->
              put.tableName(tableName)
                  .item(toItem(parcel))
                  .conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  @Override
  public Optional<UnannouncedReturn> findUnannounced(String unannouncedId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                get ->
                    get.tableName(tableName)
                        .key(key("UNANNOUNCED#" + unannouncedId, UNANNOUNCED_SORT_KEY))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(unannouncedFrom(item));
  }

  // ---- mapper: returns
  // ---------------------------------------------------------------------------

  static Map<String, AttributeValue> toItem(StoredReturn stored, long version) {
    ReturnCase r = stored.returnCase();
    Map<String, AttributeValue> item =
        new HashMap<>(key(partitionKey(r.returnId()), RETURN_SORT_KEY));
    item.put("gsi1pk", s("ORDER#" + r.orderId()));
    item.put("gsi1sk", s("RETURN#" + r.returnId()));
    item.put("gsi2pk", s("RETURNS#" + r.status().name()));
    item.put("gsi2sk", s(r.sendBy() + "#" + r.returnId()));
    item.put("version", n(version));
    item.put("returnId", s(r.returnId()));
    item.put("orderId", s(r.orderId()));
    item.put("customerId", s(stored.customerId()));
    item.put("rmaNumber", s(r.rmaNumber()));
    item.put("status", s(r.status().name()));
    item.put(
        "items",
        AttributeValue.fromL(r.items().stream().map(DynamoDbReturnRepository::itemValue).toList()));
    putIfPresent(item, "sendBy", r.sendBy() == null ? null : r.sendBy().toString());
    if (r.returnAddress() != null) {
      item.put(
          "returnAddress",
          AttributeValue.fromM(
              Map.of(
                  "recipient", s(r.returnAddress().recipient()),
                  "lines", strings(r.returnAddress().lines()),
                  "countryCode", s(r.returnAddress().countryCode()))));
    }
    item.put(
        "mustInclude",
        AttributeValue.fromL(
            r.mustInclude().stream()
                .map(
                    m ->
                        AttributeValue.fromM(
                            Map.of("lineId", s(m.lineId()), "components", strings(m.components()))))
                .toList()));
    item.put("instructions", strings(r.instructions()));
    if (r.refundEstimate() != null) {
      item.put("refundEstimate", breakdownValue(r.refundEstimate()));
    }
    putIfPresent(
        item, "authorizedAt", r.authorizedAt() == null ? null : r.authorizedAt().toString());
    putIfPresent(item, "statusSince", r.statusSince() == null ? null : r.statusSince().toString());
    putIfPresent(item, "refundId", r.refundId());
    putIfPresent(item, "note", r.note());
    if (stored.receipt() != null) {
      item.put("receipt", receiptValue(stored.receipt()));
    }
    return item;
  }

  static StoredReturn fromItem(Map<String, AttributeValue> item) {
    ReturnCase r =
        new ReturnCase(
            str(item, "returnId"),
            str(item, "orderId"),
            str(item, "rmaNumber"),
            ReturnStatus.valueOf(str(item, "status")),
            item.get("items").l().stream().map(DynamoDbReturnRepository::returnItem).toList(),
            date(str(item, "sendBy")),
            item.containsKey("returnAddress") ? returnAddress(item.get("returnAddress").m()) : null,
            item.get("mustInclude").l().stream()
                .map(
                    v -> new MustInclude(v.m().get("lineId").s(), strings(v.m().get("components"))))
                .toList(),
            strings(item.get("instructions")),
            item.containsKey("refundEstimate") ? breakdown(item.get("refundEstimate").m()) : null,
            instant(str(item, "authorizedAt")),
            instant(str(item, "statusSince")),
            str(item, "refundId"),
            str(item, "note"));
    return new StoredReturn(
        r,
        str(item, "customerId"),
        item.containsKey("receipt") ? receipt(item.get("receipt").m()) : null,
        Long.parseLong(item.get("version").n()));
  }

  private static AttributeValue itemValue(ReturnItem i) {
    return AttributeValue.fromM(
        Map.of(
            "lineId", s(i.unit().lineId()),
            "index", n(i.unit().index()),
            "reason", s(i.reason().name()),
            "condition", s(i.condition().name())));
  }

  private static ReturnItem returnItem(AttributeValue v) {
    Map<String, AttributeValue> m = v.m();
    return new ReturnItem(
        unit(m),
        ReturnReason.valueOf(m.get("reason").s()),
        ItemCondition.valueOf(m.get("condition").s()));
  }

  private static ReturnAddress returnAddress(Map<String, AttributeValue> m) {
    return new ReturnAddress(
        m.get("recipient").s(), strings(m.get("lines")), m.get("countryCode").s());
  }

  static AttributeValue breakdownValue(Breakdown breakdown) {
    return AttributeValue.fromM(
        Map.of(
            "currency", s(breakdown.total().currency().getCurrencyCode()),
            "total", n(breakdown.total().amount()),
            "lines",
                AttributeValue.fromL(
                    breakdown.lines().stream()
                        .map(
                            line ->
                                AttributeValue.fromM(
                                    Map.of(
                                        "label", s(line.label()),
                                        "amount", n(line.amount().amount()),
                                        "ruleIds", strings(line.ruleIds()))))
                        .toList())));
  }

  static Breakdown breakdown(Map<String, AttributeValue> m) {
    Currency currency = Currency.getInstance(m.get("currency").s());
    List<BreakdownLine> lines =
        m.get("lines").l().stream()
            .map(
                v ->
                    new BreakdownLine(
                        v.m().get("label").s(),
                        Money.of(Long.parseLong(v.m().get("amount").n()), currency),
                        strings(v.m().get("ruleIds"))))
            .toList();
    return new Breakdown(lines, Money.of(Long.parseLong(m.get("total").n()), currency));
  }

  private static AttributeValue receiptValue(Receipt receipt) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put("receivedAt", s(receipt.receivedAt().toString()));
    putIfPresent(m, "overrideReason", receipt.overrideReason());
    putIfPresent(m, "receivedBy", receipt.receivedBy());
    m.put(
        "inspections",
        AttributeValue.fromL(
            receipt.inspections().stream()
                .map(
                    i ->
                        AttributeValue.fromM(
                            Map.of(
                                "lineId", s(i.unit().lineId()),
                                "index", n(i.unit().index()),
                                "condition", s(i.condition().name()),
                                "missingComponents", strings(i.missingComponents()))))
                .toList()));
    return AttributeValue.fromM(m);
  }

  private static Receipt receipt(Map<String, AttributeValue> m) {
    List<UnitInspection> inspections =
        m.get("inspections").l().stream()
            .map(
                v ->
                    new UnitInspection(
                        unit(v.m()),
                        InspectedCondition.valueOf(v.m().get("condition").s()),
                        strings(v.m().get("missingComponents"))))
            .toList();
    return new Receipt(
        inspections,
        str(m, "overrideReason"),
        str(m, "receivedBy"),
        Instant.parse(str(m, "receivedAt")));
  }

  // ---- mapper: unannounced parcels
  // ---------------------------------------------------------------

  static Map<String, AttributeValue> toItem(UnannouncedReturn parcel) {
    Map<String, AttributeValue> item =
        new HashMap<>(key("UNANNOUNCED#" + parcel.unannouncedId(), UNANNOUNCED_SORT_KEY));
    if (parcel.orderId() != null) {
      item.put("gsi1pk", s("ORDER#" + parcel.orderId()));
      item.put("gsi1sk", s("UNANNOUNCED#" + parcel.unannouncedId()));
    }
    item.put("gsi2pk", s("RETURNS#UNANNOUNCED"));
    item.put("gsi2sk", s(parcel.receivedAt() + "#" + parcel.unannouncedId()));
    item.put("version", n(0));
    item.put("unannouncedId", s(parcel.unannouncedId()));
    putIfPresent(item, "orderId", parcel.orderId());
    putIfPresent(item, "trackingNumber", parcel.trackingNumber());
    putIfPresent(item, "note", parcel.note());
    putIfPresent(item, "recordedBy", parcel.recordedBy());
    item.put("receivedAt", s(parcel.receivedAt().toString()));
    item.put(
        "units",
        AttributeValue.fromL(
            parcel.units().stream()
                .map(
                    u ->
                        AttributeValue.fromM(
                            Map.of("lineId", s(u.lineId()), "quantity", n(u.quantity()))))
                .toList()));
    return item;
  }

  static UnannouncedReturn unannouncedFrom(Map<String, AttributeValue> item) {
    return new UnannouncedReturn(
        str(item, "unannouncedId"),
        str(item, "orderId"),
        str(item, "trackingNumber"),
        item.get("units").l().stream()
            .map(
                v ->
                    new UnitCount(
                        v.m().get("lineId").s(), Integer.parseInt(v.m().get("quantity").n())))
            .toList(),
        str(item, "note"),
        str(item, "recordedBy"),
        Instant.parse(str(item, "receivedAt")));
  }

  // ---- attribute helpers
  // -------------------------------------------------------------------------

  private static UnitRef unit(Map<String, AttributeValue> m) {
    return new UnitRef(m.get("lineId").s(), Integer.parseInt(m.get("index").n()));
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static AttributeValue strings(List<String> values) {
    return AttributeValue.fromL(values.stream().map(DynamoDbReturnRepository::s).toList());
  }

  private static List<String> strings(AttributeValue value) {
    return value == null || !value.hasL()
        ? List.of()
        : value.l().stream().map(AttributeValue::s).toList();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
