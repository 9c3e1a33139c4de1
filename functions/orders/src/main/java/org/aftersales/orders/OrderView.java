package org.aftersales.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.calendar.Window;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelState;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;

/**
 * The order as {@code GET /orders/{orderId}} shows it: spec, parcels, refunds, {@code paidTotal},
 * {@code refundedTotal}, and per unit group (same line, parcel and status) what the customer
 * may do now and until when: {@code cancel} (CAN-1/2/3), {@code return} (RET-1, RET-8, GEN-6),
 * {@code claim} (DOA-1, GEN-6), each with {@code allowed}, {@code until} (last day, store zone,
 * or null) and {@code ruleIds}. Judged by the order's own policy version (GEN-7) at {@code now}.
 */
final class OrderView {

  private OrderView() {}

  /** One action's answer. */
  record Action(boolean allowed, LocalDate until, List<String> ruleIds, String reason) {}

  static ObjectNode of(Order order, PolicyDocument policy, Instant now) {
    ObjectNode json = Json.object();
    var spec = order.spec();
    json.put("orderId", order.orderId());
    json.put("customerId", spec.customerId());
    json.put("currency", spec.currency().getCurrencyCode());
    json.put("placedAt", spec.placedAt().toString());
    json.put("expectedShipBy", spec.expectedShipBy().toString());
    json.put("policyVersion", order.policyVersion());
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
      ArrayNode components = l.putArray("components");
      for (ComponentSpec c : line.components()) {
        components.addObject().put("componentId", c.componentId()).put("name", c.name()).put("price", c.price());
      }
      l.set("paid", ApiJson.money(pricing.linePaid(line.lineId())));
    }
    json.put("orderDiscount", spec.orderDiscount());
    json.put("deliveryCharge", spec.deliveryCharge());

    ArrayNode parcels = json.putArray("parcels");
    for (ParcelState p : order.parcels().values()) {
      parcels.add(parcel(p));
    }

    ArrayNode groups = json.putArray("units");
    unitGroups(order).forEach((key, units) -> {
      ObjectNode g = groups.addObject();
      g.put("lineId", key.lineId());
      g.put("parcelId", key.parcelId());
      g.put("status", key.status().name());
      g.put("quantity", units.size());
      Money paid = Money.zero(spec.currency());
      for (UnitRef u : units) {
        paid = paid.plus(pricing.paidPrice(u)).plus(pricing.deliveryShare(u));
      }
      g.set("paidWithDelivery", ApiJson.money(paid));
      ObjectNode actions = g.putObject("actions");
      actions.set("cancel", action(cancel(order, policy, units.getFirst(), now)));
      actions.set("return", action(returnAction(order, policy, units.getFirst(), now)));
      actions.set("claim", action(claim(order, policy, units.getFirst(), now)));
    });

    ArrayNode refunds = json.putArray("refunds");
    for (Refund r : order.refunds()) {
      refunds.add(ApiJson.refund(r));
    }
    json.set("paidTotal", ApiJson.money(order.paidTotal()));
    json.set("refundedTotal", ApiJson.money(order.refundedTotal()));
    return json;
  }

  static ObjectNode parcel(ParcelState p) {
    ObjectNode json = Json.object();
    json.put("parcelId", p.parcelId());
    json.put("status", p.status().name());
    json.put("processedAt", p.processedAt() == null ? null : p.processedAt().toString());
    json.put("shippedAt", p.shippedAt() == null ? null : p.shippedAt().toString());
    json.put("deliveredAt", p.deliveredAt() == null ? null : p.deliveredAt().toString());
    json.put("trackingNumber", p.trackingNumber());
    return json;
  }

  private record GroupKey(String lineId, String parcelId, UnitStatus status) {}

  /** Units grouped by line, parcel and status, in the order's unit order. */
  private static Map<GroupKey, List<UnitRef>> unitGroups(Order order) {
    Map<GroupKey, List<UnitRef>> groups = new LinkedHashMap<>();
    order.units().forEach((unit, status) -> groups
        .computeIfAbsent(new GroupKey(unit.lineId(), order.parcelOf(unit).parcelId(), status), k -> new ArrayList<>())
        .add(unit));
    return groups;
  }

  static Action cancel(Order order, PolicyDocument policy, UnitRef unit, Instant now) {
    Decision<UnitRef> d = CancellationPolicy.check(order, policy, unit, now);
    return new Action(d.accepted() && order.statusOf(unit) == UnitStatus.ACTIVE, null, d.ruleIds(),
        d.accepted() ? null : d.refusal().message());
  }

  /** RET-1 within the return window after delivery (GEN-6), RET-8 non-returnable categories. */
  static Action returnAction(Order order, PolicyDocument policy, UnitRef unit, Instant now) {
    LineSpec line = order.spec().line(unit.lineId()).orElseThrow();
    Optional<Window> window = Window.after(order.parcelOf(unit).deliveredOn(policy.storeZone()),
        policy.returnWindowDays(), policy.storeZone());
    LocalDate until = window.map(Window::lastDay).orElse(null);
    if (order.statusOf(unit) != UnitStatus.ACTIVE) {
      return new Action(false, null, List.of("RET-1"), "The item is " + order.statusOf(unit).name().toLowerCase());
    }
    if (!policy.isReturnable(line.category())) {
      return new Action(false, null, List.of("RET-8"), "Items of category " + line.category() + " can not be returned.");
    }
    if (window.isEmpty()) {
      return new Action(false, null, List.of("RET-1", "GEN-6"), "The return window opens on delivery.");
    }
    boolean open = window.get().isOpenAt(now);
    return new Action(open, until, List.of("RET-1", "GEN-6"),
        open ? null : "The " + policy.returnWindowDays() + " day return window closed after " + until + ".");
  }

  /** DOA-1 within the DOA window after delivery (GEN-6). */
  static Action claim(Order order, PolicyDocument policy, UnitRef unit, Instant now) {
    Optional<Window> window = Window.after(order.parcelOf(unit).deliveredOn(policy.storeZone()),
        policy.doaWindowDays(), policy.storeZone());
    LocalDate until = window.map(Window::lastDay).orElse(null);
    if (order.statusOf(unit) != UnitStatus.ACTIVE) {
      return new Action(false, null, List.of("DOA-1"), "The item is " + order.statusOf(unit).name().toLowerCase());
    }
    if (window.isEmpty()) {
      return new Action(false, null, List.of("DOA-1", "GEN-6"), "The DOA guarantee starts on delivery.");
    }
    boolean open = window.get().isOpenAt(now);
    return new Action(open, until, List.of("DOA-1", "GEN-6"),
        open ? null : "The " + policy.doaWindowDays() + " day DOA guarantee ended on " + until
            + "; the warranty of the category may still apply (RET-7).");
  }

  private static ObjectNode action(Action a) {
    ObjectNode json = Json.object();
    json.put("allowed", a.allowed());
    json.put("until", a.until() == null ? null : a.until().toString());
    ArrayNode rules = json.putArray("ruleIds");
    a.ruleIds().forEach(rules::add);
    if (a.reason() != null) {
      json.put("reason", a.reason());
    }
    return json;
  }
}
