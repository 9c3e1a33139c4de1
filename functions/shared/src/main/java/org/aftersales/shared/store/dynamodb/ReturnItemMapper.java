package org.aftersales.shared.store.dynamodb;

import java.util.Currency;
import java.util.Map;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.document.ReturnAddress;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.MustInclude;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnItem;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;
import org.aftersales.shared.store.ReturnRepository.UnitCount;
import org.aftersales.shared.store.ReturnRepository.WithdrawalRecord;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.StoredReturn.Receipt;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hand-written mapping of a {@link StoredReturn} to its one item: {@code pk = RETURN#{id}},
 * {@code sk = RETURN}; {@code gsi1pk/gsi1sk = ORDER#{orderId} / RETURN#{id}} (index {@code
 * ByOrder}); {@code gsi2pk/gsi2sk = RETURNS#{status} / {sendBy}#{id}} while AUTHORIZED (index
 * {@code ByStatus}: RET-9's candidates oldest send-by first, and the newest authorisations from
 * their send-by date) and {@code RETURNS#{status} / {statusSince, fixed width}#{id}} in every other
 * status (the sweep's recent decisions, {@code inStatusSince}); items, address, what must be
 * included, the refund estimate and the receipt as nested maps; {@code version}. An unannounced
 * parcel (RET-3) is {@code pk = UNANNOUNCED#{id}}, {@code sk = UNANNOUNCED}, in {@code ByOrder}
 * when it names an order and in {@code ByStatus} as {@code RETURNS#UNANNOUNCED} / {@code
 * {receivedAt}#{id}}: the customer-care queue. A withdrawal's acknowledgement record (LAW-3) is
 * {@code pk = WITHDRAWAL#{id}}, {@code sk = WITHDRAWAL}, in {@code ByOrder} as {@code
 * ORDER#{orderId}} / {@code WITHDRAWAL#{id}}; written once, never changed.
 */
final class ReturnItemMapper {

  static final String KIND = "RETURN";
  static final String UNANNOUNCED = "UNANNOUNCED";
  static final String WITHDRAWAL = "WITHDRAWAL";

  private ReturnItemMapper() {}

  /**
   * The record's attributes at {@code version} (a builder: it knows what the record leaves out).
   */
  static Item.Builder item(StoredReturn stored, long version) {
    ReturnCase r = stored.state();
    return Item.builder()
        .key(KIND, r.returnId())
        .byOrder(r.orderId(), KIND, r.returnId())
        .byStatus("RETURNS#" + r.status().name(), statusKey(r), r.returnId())
        .n("version", version)
        .s("returnId", r.returnId())
        .s("orderId", r.orderId())
        .s("customerId", stored.customerId())
        .s("rmaNumber", r.rmaNumber())
        .s("status", r.status())
        .list(
            "items",
            r.items(),
            i ->
                Item.builder()
                    .unit(i.unit())
                    .s("reason", i.reason())
                    .s("condition", i.condition())
                    .build())
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
        .map("refundEstimate", r.refundEstimate() == null ? null : breakdown(r.refundEstimate()))
        .s("authorizedAt", r.authorizedAt())
        .s("statusSince", r.statusSince())
        .s("refundId", r.refundId())
        .s("note", r.note())
        .map("receipt", stored.receipt() == null ? null : receipt(stored.receipt()));
  }

  /**
   * The {@code ByStatus} sort key's time part: the send-by date of an AUTHORIZED return, the
   * instant of its status otherwise. A return stored before the second existed keeps its send-by
   * date there until its next write.
   */
  private static Object statusKey(ReturnCase r) {
    return r.status() == ReturnStatus.AUTHORIZED || r.statusSince() == null
        ? r.sendBy()
        : Item.sortable(r.statusSince());
  }

  static StoredReturn fromItem(Map<String, AttributeValue> values) {
    Item.Reader item = Item.Reader.of(values, "return", "returnId");
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
                        i.unit(),
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
    String id = parcel.unannouncedId();
    return Item.builder()
        .key(UNANNOUNCED, id)
        .byOrder(parcel.orderId(), UNANNOUNCED, id)
        .byStatus("RETURNS#" + UNANNOUNCED, parcel.receivedAt(), id)
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
        .build();
  }

  static UnannouncedReturn unannouncedFrom(Map<String, AttributeValue> values) {
    Item.Reader item = Item.Reader.of(values, "unannounced return", "unannouncedId");
    return new UnannouncedReturn(
        item.s("unannouncedId"),
        item.optS("orderId"),
        item.optS("trackingNumber"),
        item.list("units", u -> new UnitCount(u.s("lineId"), u.i("quantity"))),
        item.optS("note"),
        item.optS("recordedBy"),
        item.instant("receivedAt"));
  }

  static Map<String, AttributeValue> toItem(WithdrawalRecord record) {
    String id = record.withdrawalId();
    return Item.builder()
        .key(WITHDRAWAL, id)
        .byOrder(record.orderId(), WITHDRAWAL, id)
        .n("version", 0)
        .s("withdrawalId", id)
        .s("orderId", record.orderId())
        .s("customerId", record.customerId())
        .s("name", record.name())
        .s("email", record.email())
        .s("statement", record.statement())
        .s("receivedAt", record.receivedAt())
        .list(
            "units",
            record.units(),
            u -> Item.builder().s("lineId", u.lineId()).n("quantity", u.quantity()).build())
        .build();
  }

  static WithdrawalRecord withdrawalFrom(Map<String, AttributeValue> values) {
    Item.Reader item = Item.Reader.of(values, "withdrawal", "withdrawalId");
    return new WithdrawalRecord(
        item.s("withdrawalId"),
        item.s("orderId"),
        item.s("customerId"),
        item.s("name"),
        item.optS("email"),
        item.list("units", u -> new UnitCount(u.s("lineId"), u.i("quantity"))),
        item.s("statement"),
        item.instant("receivedAt"));
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
        .breakdown("lines", breakdown.lines())
        .build();
  }

  private static Breakdown breakdown(Item.Reader m) {
    Currency currency = Currency.getInstance(m.s("currency"));
    return new Breakdown(m.breakdown("lines", currency), m.money("total", currency));
  }

  private static Map<String, AttributeValue> receipt(Receipt receipt) {
    return Item.builder()
        .s("receivedAt", receipt.receivedAt())
        .s("overrideReason", receipt.overrideReason())
        .s("receivedBy", receipt.receivedBy())
        .list(
            "inspections",
            receipt.inspections(),
            i -> {
              Item.Builder inspection =
                  Item.builder()
                      .unit(i.unit())
                      .s("condition", i.condition())
                      .strings("missingComponents", i.missingComponents());
              if (i.deduction() != null) { // LAW-2: a withdrawal's stated diminished value
                inspection
                    .n("deductionAmount", i.deduction().amount())
                    .s("deductionReason", i.deduction().reason());
              }
              if (i.sealed() != null) { // LAW-1: the seal of a unit Art. 16(e), (i) excludes
                inspection.bool("sealed", i.sealed());
              }
              return inspection.build();
            })
        .build();
  }

  private static Receipt receipt(Item.Reader m) {
    return new Receipt(
        m.list(
            "inspections",
            v ->
                new UnitInspection(
                    v.unit(),
                    InspectedCondition.valueOf(v.s("condition")),
                    v.strings("missingComponents"),
                    v.has("deductionAmount")
                        ? new WithdrawalPolicy.Deduction(
                            v.n("deductionAmount"), v.s("deductionReason"))
                        : null,
                    v.has("sealed") ? v.bool("sealed") : null)),
        m.optS("overrideReason"),
        m.optS("receivedBy"),
        m.instant("receivedAt"));
  }
}
