package org.aftersales.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersales.policy.decision.OrderActions;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;
import org.aftersales.policy.state.ParcelState;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;

/**
 * The order as {@code GET /orders/{orderId}} shows it: spec, parcels, refunds, {@code paidTotal},
 * {@code refundedTotal}, per parcel its progress and per line how many units to ship and how many
 * were cancelled, and per unit group (same line, parcel and status) what the customer may do now
 * and until when: {@code cancel} (CAN-1/2/3), {@code return} (RET-1, RET-8, GEN-6), {@code claim}
 * (DOA-1, GEN-6), each with {@code allowed}, {@code until} (last day, store zone, or null), {@code
 * ruleIds} and, when not allowed, the refusal's {@code code} and {@code reason} ({@link
 * OrderActions}), plus {@code change} (CHG-1), the unit group's {@code item} as it is now (CHG-5)
 * and its {@code unitIndexes} (what a change names); each parcel's {@code deliveryAddress} once
 * changed, and {@code changes}: the history of changes before processing (when, who, from → to,
 * difference, status); the order's {@code buyer}, and its {@code contact} (MSG-3) and {@code
 * deliveryCountry} when registered with them. Judged by the order's own policy version (GEN-7) at
 * {@code now}.
 */
final class OrderView {

  private OrderView() {}

  static ObjectNode of(Order order, PolicyDocument policy, Instant now) {
    ObjectNode json = Json.object();
    var spec = order.spec();
    json.put("orderId", order.orderId());
    json.put("customerId", spec.customerId());
    json.put("currency", spec.currency().getCurrencyCode());
    json.put("placedAt", spec.placedAt().toString());
    json.put("expectedShipBy", spec.expectedShipBy().toString());
    json.put("policyVersion", order.policyVersion());
    json.put("buyer", spec.buyer().name());
    if (spec.deliveryCountry() != null) {
      json.put("deliveryCountry", spec.deliveryCountry());
    }
    spec.contact()
        .ifPresent(
            contact -> {
              ObjectNode c = json.putObject("contact");
              if (contact.email() != null) {
                c.put("email", contact.email());
              }
              c.put("language", contact.language());
            });
    OrderPricing pricing = order.pricing();

    ArrayNode lines = json.putArray("lines");
    for (LineSpec line : spec.lines()) {
      ObjectNode l = lines.addObject();
      l.put("lineId", line.lineId());
      l.put("sku", line.sku());
      l.put("name", line.name());
      l.put("category", line.category());
      l.put("quantity", line.quantity());
      l.put("unitPrice", line.unitPrice());
      l.put("discount", line.discount());
      l.put("tax", line.tax());
      l.set("components", ApiJson.components(line.components()));
      l.set("paid", ApiJson.money(pricing.linePaid(line.lineId())));
    }
    json.put("orderDiscount", spec.orderDiscount());
    json.put("deliveryCharge", spec.deliveryCharge());

    ArrayNode parcels = json.putArray("parcels");
    for (ParcelState p : order.parcels().values()) {
      parcels.add(parcel(order, p));
    }

    ArrayNode groups = json.putArray("units");
    for (OrderActions.UnitGroupActions group : OrderActions.of(order, policy, now)) {
      ObjectNode g = groups.addObject();
      g.put("lineId", group.lineId());
      g.put("parcelId", group.parcelId());
      g.put("status", group.status().name());
      g.put("quantity", group.quantity());
      ArrayNode indexes = g.putArray("unitIndexes");
      group.units().forEach(u -> indexes.add(u.index()));
      g.set("item", ApiJson.item(order.itemOf(group.units().get(0))));
      Money paid = Money.zero(spec.currency());
      for (UnitRef u : group.units()) {
        paid = paid.plus(pricing.paidPrice(u)).plus(pricing.deliveryShare(u));
      }
      g.set("paidWithDelivery", ApiJson.money(paid));
      ObjectNode actions = g.putObject("actions");
      actions.set("cancel", action(group.cancel()));
      actions.set("return", action(group.returnItem()));
      actions.set("claim", action(group.claim()));
      ObjectNode change = action(group.change());
      if (group.change().allowed()) {
        change.put("reason", group.change().message());
      }
      actions.set("change", change);
    }

    // LAW-1, LAW-3: the withdrawal, on orders the EU consumer law covers
    WithdrawalPolicy.action(order, policy, WithdrawalPolicy.factsOf(order), now)
        .ifPresent(w -> json.putObject("actions").set("withdraw", action(w)));

    ArrayNode refunds = json.putArray("refunds");
    for (Refund r : order.refunds()) {
      refunds.add(ApiJson.refund(r));
    }
    ArrayNode changes = json.putArray("changes");
    for (OrderChange c : order.changes()) {
      changes.add(ApiJson.change(c, order));
    }
    json.set("paidTotal", ApiJson.money(order.paidTotal()));
    json.set("refundedTotal", ApiJson.money(order.refundedTotal()));
    return json;
  }

  /**
   * A parcel's progress and, per line it carries, {@code quantity} (units of the line in it),
   * {@code cancelled} (those cancelled and refunded) and {@code toShip} (the rest): a parcel stays
   * open while some of its units are not cancelled, so this is how the warehouse learns which units
   * to leave out (CAN-7).
   */
  static ObjectNode parcel(Order order, ParcelState p) {
    ObjectNode json = Json.object();
    json.put("parcelId", p.parcelId());
    json.put("status", p.status().name());
    json.put("processedAt", p.processedAt() == null ? null : p.processedAt().toString());
    json.put("shippedAt", p.shippedAt() == null ? null : p.shippedAt().toString());
    json.put("deliveredAt", p.deliveredAt() == null ? null : p.deliveredAt().toString());
    json.put("trackingNumber", p.trackingNumber());
    Map<String, String> address = order.deliveryAddress(p.parcelId());
    if (!address.isEmpty()) {
      ObjectNode a = json.putObject("deliveryAddress");
      address.forEach(a::put);
    }
    Map<String, int[]> byLine = new LinkedHashMap<>();
    for (UnitRef unit : order.unitsOf(p.parcelId())) {
      int[] counts = byLine.computeIfAbsent(unit.lineId(), k -> new int[2]);
      counts[0]++;
      if (order.statusOf(unit) == UnitStatus.CANCELLED) {
        counts[1]++;
      }
    }
    ArrayNode lines = json.putArray("lines");
    byLine.forEach(
        (lineId, counts) ->
            lines
                .addObject()
                .put("lineId", lineId)
                .put("quantity", counts[0])
                .put("cancelled", counts[1])
                .put("toShip", counts[0] - counts[1]));
    return json;
  }

  private static ObjectNode action(OrderActions.Action a) {
    return ApiJson.action(a);
  }
}
