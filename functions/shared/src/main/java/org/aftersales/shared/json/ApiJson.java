package org.aftersales.shared.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.OrderActions;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;

/**
 * The policy's values in openapi.yaml's JSON shapes, written by hand (one mapper, no reflection):
 * Money {@code {"amount", "currency"}} in minor units (GEN-1), Breakdown, Refund, and an
 * explanation as {@code [{"ruleId", "text"}]} (GEN-8).
 */
public final class ApiJson {

  private ApiJson() {}

  public static ObjectNode money(Money money) {
    ObjectNode node = Json.object();
    node.put("amount", money.amount());
    node.put("currency", money.currency().getCurrencyCode());
    return node;
  }

  public static ArrayNode strings(List<String> values) {
    ArrayNode array = Json.array();
    values.forEach(array::add);
    return array;
  }

  public static ObjectNode breakdown(Breakdown breakdown) {
    ObjectNode node = Json.object();
    ArrayNode lines = node.putArray("lines");
    for (BreakdownLine line : breakdown.lines()) {
      ObjectNode item = lines.addObject();
      item.put("label", line.label());
      item.set("amount", money(line.amount()));
      item.set("ruleIds", strings(line.ruleIds()));
    }
    node.set("total", money(breakdown.total()));
    return node;
  }

  /**
   * openapi.yaml "Refund"; {@code settledAt} and {@code paymentReference} once settled. The {@code
   * refundId} is the public one, {@code {orderId}~{ledger id}} ({@link PublicRefundId}), which
   * {@code POST /refunds/{refundId}/settlement} takes.
   */
  public static ObjectNode refund(Refund refund) {
    ObjectNode node = Json.object();
    node.put("refundId", PublicRefundId.valueOf(refund));
    node.put("orderId", refund.orderId());
    node.put("source", refund.source().name());
    node.put("sourceId", refund.sourceId());
    node.set("amount", money(refund.amount()));
    node.put("status", refund.status().name());
    node.put("grantedAt", refund.grantedAt().toString());
    node.put("dueBy", refund.dueBy().toString());
    node.set("breakdown", breakdown(refund.breakdown()));
    if (refund.settledAt() != null) {
      node.put("settledAt", refund.settledAt().toString());
    }
    if (refund.paymentReference() != null) {
      node.put("paymentReference", refund.paymentReference());
    }
    return node;
  }

  public static ArrayNode explanation(Explanation explanation) {
    ArrayNode lines = Json.array();
    explanation
        .lines()
        .forEach(
            line -> {
              ObjectNode item = lines.addObject();
              item.put("ruleId", line.ruleId());
              item.put("text", line.text());
            });
    return lines;
  }

  /**
   * openapi.yaml "Changes before processing" Change: {@code changeId, status, requestedAt,
   * requestedBy, units [{lineId, unitIndex, from, to, difference}], parcels [{parcelId,
   * deliveryAddress}], difference, breakdown} (GEN-8), plus {@code amountDue, payBy} while awaiting
   * payment, {@code refundId} of a cheaper change, {@code paymentReference}, {@code decidedAt},
   * {@code lapseReason}.
   */
  public static ObjectNode change(OrderChange change, Order order) {
    ObjectNode node = Json.object();
    node.put("changeId", change.changeId());
    node.put("status", change.status().name());
    node.put("requestedAt", change.requestedAt().toString());
    node.put("requestedBy", change.requestedBy());
    ArrayNode units = node.putArray("units");
    for (OrderChange.UnitChange u : change.units()) {
      ObjectNode unit = units.addObject();
      unit.put("lineId", u.unit().lineId());
      unit.put("unitIndex", u.unit().index());
      unit.set("from", item(u.from()));
      unit.set("to", item(u.to()));
      unit.set("difference", money(Money.of(u.difference(), order.spec().currency())));
    }
    ArrayNode parcels = node.putArray("parcels");
    for (OrderChange.AddressChange a : change.parcels()) {
      ObjectNode parcel = parcels.addObject();
      parcel.put("parcelId", a.parcelId());
      ObjectNode address = parcel.putObject("deliveryAddress");
      a.to().forEach(address::put);
    }
    node.set("difference", money(change.difference()));
    node.set("breakdown", breakdown(change.breakdown()));
    if (change.payBy() != null) {
      node.set("amountDue", money(change.amountDue()));
      node.put("payBy", change.payBy().toString());
    }
    if (change.refundId() != null) {
      order
          .refund(change.refundId())
          .ifPresent(r -> node.put("refundId", PublicRefundId.valueOf(r)));
    }
    if (change.paymentReference() != null) {
      node.put("paymentReference", change.paymentReference());
    }
    if (change.decidedAt() != null) {
      node.put("decidedAt", change.decidedAt().toString());
    }
    if (change.lapseReason() != null) {
      node.put("lapseReason", change.lapseReason());
    }
    return node;
  }

  /**
   * One unit's item as it was or is (CHG-1): the shape of {@code replaceWith}, amounts as plain
   * minor units of the order's currency as in {@code PUT /orders}.
   */
  public static ObjectNode item(LineSpec item) {
    ObjectNode node = Json.object();
    node.put("sku", item.sku());
    node.put("name", item.name());
    node.put("category", item.category());
    node.put("unitPrice", item.unitPrice());
    node.put("discount", item.discount());
    node.put("tax", item.tax());
    node.set("components", components(item.components()));
    return node;
  }

  /** An item's components (RET-5) as in {@code PUT /orders}: id, name, price in minor units. */
  public static ArrayNode components(List<ComponentSpec> components) {
    ArrayNode array = Json.array();
    for (ComponentSpec c : components) {
      array
          .addObject()
          .put("componentId", c.componentId())
          .put("name", c.name())
          .put("price", c.price());
    }
    return array;
  }

  /**
   * What the customer may do (API {@code actions}): {@code {"allowed", "until", "ruleIds"}} and,
   * when not allowed, the refusal's {@code code} and {@code reason}.
   */
  public static ObjectNode action(OrderActions.Action a) {
    ObjectNode json = Json.object();
    json.put("allowed", a.allowed());
    json.put("until", a.until() == null ? null : a.until().toString());
    json.set("ruleIds", strings(a.ruleIds()));
    if (!a.allowed()) {
      json.put("code", a.code());
      json.put("reason", a.message());
    }
    if (a.coverage() != null) {
      json.put("coverage", a.coverage().name()); // WAR-1: DOA or WARRANTY, until `until`
    }
    return json;
  }
}
