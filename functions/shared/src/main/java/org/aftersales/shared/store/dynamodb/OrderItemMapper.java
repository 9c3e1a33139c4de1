package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.Contact;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.RefundStatus;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;
import org.aftersales.policy.state.ParcelState;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.UnitState;
import org.aftersales.policy.state.UnitStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order aggregate ↔ its one item (docs/design.md "Data"). Amounts are stored as integers in
 * minor units (GEN-1); the currency once, on the order. The sparse index keys are derived from the
 * state on every write: {@code gsi2*} while a refund is PENDING (GEN-5), {@code gsi3*} while a
 * parcel is neither shipped nor cancelled (CAN-6).
 */
final class OrderItemMapper {

  static final String KIND = "ORDER";
  static final String UNSHIPPED = "UNSHIPPED";
  static final String PENDING_REFUNDS = "REFUNDS#PENDING";
  static final String UNPAID_CHANGES = "CHANGES#UNPAID";
  static final String CONTACT_EMAIL = "email";

  private OrderItemMapper() {}

  static Map<String, AttributeValue> toItem(Order order, long version) {
    OrderSpec spec = order.spec();
    Item.Builder item =
        Item.builder()
            .key(KIND, spec.orderId())
            .s("type", KIND)
            .n("version", version)
            .s("orderId", spec.orderId())
            .s("customerId", spec.customerId())
            .s("currency", spec.currency().getCurrencyCode())
            .s("placedAt", spec.placedAt())
            .s("expectedShipBy", spec.expectedShipBy())
            .n("orderDiscount", spec.orderDiscount())
            .n("deliveryCharge", spec.deliveryCharge())
            .n("paidTotal", spec.paidTotal())
            .s("policyVersion", order.policyVersion())
            .s("buyer", spec.buyer())
            .s("deliveryCountry", spec.deliveryCountry())
            .map("contact", spec.contact().map(OrderItemMapper::contact).orElse(null))
            .list("lines", spec.lines(), OrderItemMapper::line)
            .list(
                "parcels",
                spec.parcels(),
                parcel -> parcel(parcel, order.parcels().get(parcel.parcelId())))
            .list(
                "units",
                new ArrayList<>(order.units().entrySet()),
                unit ->
                    Item.builder()
                        .unit(unit.getKey())
                        .s("status", unit.getValue().status())
                        .s("heldBy", unit.getValue().heldBy())
                        .n("warrantyExtensionMonths", unit.getValue().warrantyExtensionMonths())
                        .build())
            .list("refunds", order.refunds(), OrderItemMapper::refund)
            .list("changes", order.changes(), OrderItemMapper::change);
    order
        .earliestPendingDueBy()
        .ifPresent(dueBy -> item.byStatus(PENDING_REFUNDS, dueBy, spec.orderId()));
    if (order.hasUnshippedParcels()) {
      item.s("gsi3pk", UNSHIPPED).s("gsi3sk", spec.expectedShipBy() + "#" + spec.orderId());
    }
    earliestPayBy(order)
        .ifPresent(
            payBy -> item.s("gsi5pk", UNPAID_CHANGES).s("gsi5sk", payBy + "#" + spec.orderId()));
    return item.build();
  }

  /**
   * The earliest {@code payBy} of the order's changes awaiting payment (CHG-3), to the second
   * below, so every key has the same length and sorts by time; empty when none waits.
   */
  static Optional<Instant> earliestPayBy(Order order) {
    return order.changes().stream()
        .filter(c -> c.status() == ChangeStatus.AWAITING_PAYMENT)
        .map(c -> c.payBy().truncatedTo(ChronoUnit.SECONDS))
        .min(Comparator.naturalOrder());
  }

  static Order fromItem(Map<String, AttributeValue> values) {
    Item.Reader item = Item.Reader.of(values, "order", "orderId");
    Currency currency = Currency.getInstance(item.s("currency"));
    List<ParcelSpec> parcelSpecs = new ArrayList<>();
    Map<String, ParcelState> parcelStates = new LinkedHashMap<>();
    item.list(
        "parcels",
        parcel -> {
          String parcelId = parcel.s("parcelId");
          parcelSpecs.add(
              new ParcelSpec(
                  parcelId,
                  parcel.list(
                      "lines", line -> new ParcelLine(line.s("lineId"), line.i("quantity"))),
                  parcel.stringMap("deliveryAddress")));
          parcelStates.put(
              parcelId,
              new ParcelState(
                  parcelId,
                  ParcelStatus.valueOf(parcel.s("status")),
                  parcel.optInstant("processedAt"),
                  parcel.optInstant("shippedAt"),
                  parcel.optInstant("deliveredAt"),
                  parcel.optS("trackingNumber")));
          return parcelId;
        });
    OrderSpec spec =
        new OrderSpec(
            item.s("orderId"),
            item.s("customerId"),
            currency,
            item.instant("placedAt"),
            item.date("expectedShipBy"),
            item.list("lines", OrderItemMapper::line),
            item.n("orderDiscount"),
            item.n("deliveryCharge"),
            item.n("paidTotal"),
            parcelSpecs,
            item.has("contact") ? contact(item.map("contact")) : null,
            // orders stored before the buyer was asked for are consumers' (API default)
            item.has("buyer") ? Buyer.valueOf(item.s("buyer")) : Buyer.CONSUMER,
            item.optS("deliveryCountry"));
    // an order stored before holders were recorded has no heldBy: held by nobody (Order#take)
    Map<UnitRef, UnitState> units = new LinkedHashMap<>();
    item.list(
        "units",
        unit ->
            units.put(
                unit.unit(),
                new UnitState(
                    UnitStatus.valueOf(unit.s("status")),
                    unit.optS("heldBy"),
                    // WAR-4: units stored before repairs extended warranties have none
                    unit.has("warrantyExtensionMonths") ? unit.i("warrantyExtensionMonths") : 0)));
    List<Refund> refunds = item.list("refunds", refund -> refund(refund, currency));
    // orders stored before changes before processing (CHG-1) have no "changes" attribute
    List<OrderChange> changes =
        item.has("changes") ? item.list("changes", c -> change(c, currency)) : List.of();
    return new Order(
        spec, item.s("policyVersion"), parcelStates, units, refunds, changes, item.n("version"));
  }

  private static Map<String, AttributeValue> line(LineSpec line) {
    return Item.builder()
        .s("lineId", line.lineId())
        .s("sku", line.sku())
        .s("name", line.name())
        .s("category", line.category())
        .n("quantity", line.quantity())
        .n("unitPrice", line.unitPrice())
        .n("discount", line.discount())
        .n("tax", line.tax())
        .list(
            "components",
            line.components(),
            component ->
                Item.builder()
                    .s("componentId", component.componentId())
                    .s("name", component.name())
                    .n("price", component.price())
                    .build())
        .build();
  }

  private static LineSpec line(Item.Reader line) {
    return new LineSpec(
        line.s("lineId"),
        line.s("sku"),
        line.s("name"),
        line.s("category"),
        line.i("quantity"),
        line.n("unitPrice"),
        line.n("discount"),
        line.n("tax"),
        line.list(
            "components", c -> new ComponentSpec(c.s("componentId"), c.s("name"), c.n("price"))));
  }

  /** MSG-3: the order's contact. */
  private static Map<String, AttributeValue> contact(Contact contact) {
    return Item.builder()
        .s(CONTACT_EMAIL, contact.email())
        .s("language", contact.language())
        .build();
  }

  private static Contact contact(Item.Reader contact) {
    return new Contact(contact.optS(CONTACT_EMAIL), contact.optS("language"));
  }

  private static Map<String, AttributeValue> parcel(ParcelSpec spec, ParcelState state) {
    Item.Builder parcel = Item.builder();
    if (!spec.deliveryAddress().isEmpty()) {
      parcel.strings("deliveryAddress", spec.deliveryAddress());
    }
    return parcel
        .s("parcelId", spec.parcelId())
        .list(
            "lines",
            spec.lines(),
            line ->
                Item.builder().s("lineId", line.lineId()).n("quantity", line.quantity()).build())
        .s("status", state.status())
        .s("processedAt", state.processedAt())
        .s("shippedAt", state.shippedAt())
        .s("deliveredAt", state.deliveredAt())
        .s("trackingNumber", state.trackingNumber())
        .build();
  }

  private static Map<String, AttributeValue> refund(Refund refund) {
    return Item.builder()
        .s("refundId", refund.refundId())
        .s("orderId", refund.orderId())
        .s("source", refund.source())
        .s("sourceId", refund.sourceId())
        .n("amount", refund.amount().amount())
        .s("status", refund.status())
        .s("grantedAt", refund.grantedAt())
        .s("dueBy", refund.dueBy())
        .breakdown("breakdown", refund.breakdown().lines())
        .list(
            "units",
            refund.units(),
            unit -> Item.builder().unit(unit.unit()).n("amount", unit.amount()).build())
        .s("settledAt", refund.settledAt())
        .s("paymentReference", refund.paymentReference())
        .build();
  }

  private static Refund refund(Item.Reader refund, Currency currency) {
    Money amount = refund.money("amount", currency);
    return new Refund(
        refund.s("refundId"),
        refund.s("orderId"),
        RefundSource.valueOf(refund.s("source")),
        refund.s("sourceId"),
        amount,
        RefundStatus.valueOf(refund.s("status")),
        refund.instant("grantedAt"),
        refund.date("dueBy"),
        new Breakdown(refund.breakdown("breakdown", currency), amount),
        refund.list("units", unit -> new UnitAmount(unit.unit(), unit.n("amount"))),
        refund.optInstant("settledAt"),
        refund.optS("paymentReference"));
  }

  private static Map<String, AttributeValue> change(OrderChange change) {
    return Item.builder()
        .s("changeId", change.changeId())
        .s("requestedAt", change.requestedAt())
        .s("requestedBy", change.requestedBy())
        .s("status", change.status())
        .list(
            "units",
            change.units(),
            u ->
                Item.builder()
                    .unit(u.unit())
                    .map("from", line(u.from()))
                    .map("to", line(u.to()))
                    .build())
        .list(
            "parcels",
            change.parcels(),
            a ->
                Item.builder()
                    .s("parcelId", a.parcelId())
                    .strings("from", a.from())
                    .strings("to", a.to())
                    .build())
        .n("difference", change.difference().amount())
        .s("payBy", change.payBy())
        .s("refundId", change.refundId())
        .s("paymentReference", change.paymentReference())
        .n("paidAmount", change.paidAmount())
        .s("decidedAt", change.decidedAt())
        .s("lapseReason", change.lapseReason())
        .build();
  }

  private static OrderChange change(Item.Reader change, Currency currency) {
    return new OrderChange(
        change.s("changeId"),
        change.instant("requestedAt"),
        change.s("requestedBy"),
        ChangeStatus.valueOf(change.s("status")),
        change.list(
            "units",
            u -> new OrderChange.UnitChange(u.unit(), line(u.map("from")), line(u.map("to")))),
        change.list(
            "parcels",
            a ->
                new OrderChange.AddressChange(
                    a.s("parcelId"), a.stringMap("from"), a.stringMap("to"))),
        change.money("difference", currency),
        change.optInstant("payBy"),
        change.optS("refundId"),
        change.optS("paymentReference"),
        change.n("paidAmount"),
        change.optInstant("decidedAt"),
        change.optS("lapseReason"));
  }
}
