package org.aftersales.shared.store.dynamodb;

import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
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
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;
import org.aftersales.shared.store.ReturnRepository.UnitCount;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.StoredReturn.Receipt;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hand-written mapping of a {@link StoredReturn} to its one item: {@code pk = RETURN#{id}},
 * {@code sk = RETURN}; {@code gsi1pk/gsi1sk = ORDER#{orderId} / RETURN#{id}} (index {@code
 * ByOrder}); {@code gsi2pk/gsi2sk = RETURNS#{status} / {sendBy}#{id}} (index {@code ByStatus}, so
 * expired candidates of a status come oldest first); items, address, what must be included, the
 * refund estimate and the receipt as nested maps; {@code version}. An unannounced parcel (RET-3) is
 * {@code pk = UNANNOUNCED#{id}}, {@code sk = UNANNOUNCED}, in {@code ByOrder} when it names an
 * order and in {@code ByStatus} as {@code RETURNS#UNANNOUNCED} / {@code {receivedAt}#{id}}: the
 * customer-care queue.
 */
final class ReturnItemMapper {

  static final String SORT_KEY = "RETURN";
  static final String PREFIX = "RETURN#";
  static final String UNANNOUNCED = "UNANNOUNCED";

  private ReturnItemMapper() {}

  static Map<String, AttributeValue> key(String returnId) {
    return Map.of(
        "pk", AttributeValue.fromS(PREFIX + returnId), "sk", AttributeValue.fromS(SORT_KEY));
  }

  static Map<String, AttributeValue> unannouncedKey(String unannouncedId) {
    return Map.of(
        "pk",
        AttributeValue.fromS(UNANNOUNCED + "#" + unannouncedId),
        "sk",
        AttributeValue.fromS(UNANNOUNCED));
  }

  static Map<String, AttributeValue> toItem(StoredReturn stored, long version) {
    ReturnCase r = stored.state();
    Map<String, AttributeValue> item = new HashMap<>(key(r.returnId()));
    item.putAll(
        Item.builder()
            .s("gsi1pk", "ORDER#" + r.orderId())
            .s("gsi1sk", PREFIX + r.returnId())
            .s("gsi2pk", "RETURNS#" + r.status().name())
            .s("gsi2sk", r.sendBy() + "#" + r.returnId())
            .n("version", version)
            .s("returnId", r.returnId())
            .s("orderId", r.orderId())
            .s("customerId", stored.customerId())
            .s("rmaNumber", r.rmaNumber())
            .s("status", r.status())
            .list(
                "items",
                r.items(),
                i -> unit(i.unit()).s("reason", i.reason()).s("condition", i.condition()).build())
            .s("sendBy", r.sendBy())
            .map("returnAddress", r.returnAddress() == null ? null : address(r.returnAddress()))
            .list(
                "mustInclude",
                r.mustInclude(),
                m ->
                    Item.builder()
                        .s("lineId", m.lineId())
                        .strings("components", m.components())
                        .build())
            .strings("instructions", r.instructions())
            .map(
                "refundEstimate", r.refundEstimate() == null ? null : breakdown(r.refundEstimate()))
            .s("authorizedAt", r.authorizedAt())
            .s("statusSince", r.statusSince())
            .s("refundId", r.refundId())
            .s("note", r.note())
            .map("receipt", stored.receipt() == null ? null : receipt(stored.receipt()))
            .build());
    return item;
  }

  static StoredReturn fromItem(Map<String, AttributeValue> values) {
    Item.Reader item =
        Item.Reader.of(
            values, "return " + values.getOrDefault("returnId", AttributeValue.fromS("?")).s());
    ReturnCase r =
        new ReturnCase(
            item.s("returnId"),
            item.s("orderId"),
            item.optS("rmaNumber"),
            ReturnStatus.valueOf(item.s("status")),
            item.list(
                "items",
                i ->
                    new ReturnItem(
                        unit(i),
                        ReturnReason.valueOf(i.s("reason")),
                        ItemCondition.valueOf(i.s("condition")))),
            item.optDate("sendBy"),
            item.has("returnAddress") ? address(item.map("returnAddress")) : null,
            item.list("mustInclude", m -> new MustInclude(m.s("lineId"), m.strings("components"))),
            item.strings("instructions"),
            item.has("refundEstimate") ? breakdown(item.map("refundEstimate")) : null,
            item.optInstant("authorizedAt"),
            item.optInstant("statusSince"),
            item.optS("refundId"),
            item.optS("note"));
    return new StoredReturn(
        r,
        item.s("customerId"),
        item.has("receipt") ? receipt(item.map("receipt")) : null,
        item.n("version"));
  }

  static Map<String, AttributeValue> toItem(UnannouncedReturn parcel) {
    Map<String, AttributeValue> item = new HashMap<>(unannouncedKey(parcel.unannouncedId()));
    if (parcel.orderId() != null) {
      item.put("gsi1pk", AttributeValue.fromS("ORDER#" + parcel.orderId()));
      item.put("gsi1sk", AttributeValue.fromS(UNANNOUNCED + "#" + parcel.unannouncedId()));
    }
    item.putAll(
        Item.builder()
            .s("gsi2pk", "RETURNS#" + UNANNOUNCED)
            .s("gsi2sk", parcel.receivedAt() + "#" + parcel.unannouncedId())
            .n("version", 0)
            .s("unannouncedId", parcel.unannouncedId())
            .s("orderId", parcel.orderId())
            .s("trackingNumber", parcel.trackingNumber())
            .s("note", parcel.note())
            .s("recordedBy", parcel.recordedBy())
            .s("receivedAt", parcel.receivedAt())
            .list(
                "units",
                parcel.units(),
                u -> Item.builder().s("lineId", u.lineId()).n("quantity", u.quantity()).build())
            .build());
    return item;
  }

  static UnannouncedReturn unannouncedFrom(Map<String, AttributeValue> values) {
    Item.Reader item = Item.Reader.of(values, "unannounced return");
    return new UnannouncedReturn(
        item.s("unannouncedId"),
        item.optS("orderId"),
        item.optS("trackingNumber"),
        item.list("units", u -> new UnitCount(u.s("lineId"), u.i("quantity"))),
        item.optS("note"),
        item.optS("recordedBy"),
        item.instant("receivedAt"));
  }

  private static Item.Builder unit(UnitRef unit) {
    return Item.builder().s("lineId", unit.lineId()).n("index", unit.index());
  }

  private static UnitRef unit(Item.Reader m) {
    return new UnitRef(m.s("lineId"), m.i("index"));
  }

  private static Map<String, AttributeValue> address(ReturnAddress a) {
    return Item.builder()
        .s("recipient", a.recipient())
        .strings("lines", a.lines())
        .s("countryCode", a.countryCode())
        .build();
  }

  private static ReturnAddress address(Item.Reader m) {
    return new ReturnAddress(m.s("recipient"), m.strings("lines"), m.s("countryCode"));
  }

  private static Map<String, AttributeValue> breakdown(Breakdown breakdown) {
    return Item.builder()
        .s("currency", breakdown.total().currency().getCurrencyCode())
        .n("total", breakdown.total().amount())
        .list(
            "lines",
            breakdown.lines(),
            line ->
                Item.builder()
                    .s("label", line.label())
                    .n("amount", line.amount().amount())
                    .strings("ruleIds", line.ruleIds())
                    .build())
        .build();
  }

  private static Breakdown breakdown(Item.Reader m) {
    Currency currency = Currency.getInstance(m.s("currency"));
    return new Breakdown(
        m.list(
            "lines",
            v ->
                new BreakdownLine(
                    v.s("label"), Money.of(v.n("amount"), currency), v.strings("ruleIds"))),
        Money.of(m.n("total"), currency));
  }

  private static Map<String, AttributeValue> receipt(Receipt receipt) {
    return Item.builder()
        .s("receivedAt", receipt.receivedAt())
        .s("overrideReason", receipt.overrideReason())
        .s("receivedBy", receipt.receivedBy())
        .list(
            "inspections",
            receipt.inspections(),
            i ->
                unit(i.unit())
                    .s("condition", i.condition())
                    .strings("missingComponents", i.missingComponents())
                    .build())
        .build();
  }

  private static Receipt receipt(Item.Reader m) {
    return new Receipt(
        m.list(
            "inspections",
            v ->
                new UnitInspection(
                    unit(v),
                    InspectedCondition.valueOf(v.s("condition")),
                    v.strings("missingComponents"))),
        m.optS("overrideReason"),
        m.optS("receivedBy"),
        m.instant("receivedAt"));
  }
}
