package org.aftersales.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.shared.json.Json;

/**
 * The orders the policy benchmarks price and decide on: {@code n} lines of 2 units each (every
 * other line with a component, every third with a line discount and tax), an order discount and a
 * delivery charge, lines spread round-robin over up to 3 parcels. Valid by construction (the paid
 * total is the spec's own expected total); deterministic, no randomness.
 */
final class BenchOrders {

  static final Currency EUR = Currency.getInstance("EUR");
  static final Instant PLACED = Instant.parse("2026-11-02T10:00:00Z");
  static final LocalDate SHIP_BY = LocalDate.parse("2026-11-05");

  private BenchOrders() {}

  static OrderSpec ofLines(int lineCount) {
    return ofLines(lineCount, "o-bench-" + lineCount, PLACED, SHIP_BY);
  }

  /** The same order under another id, placed and due to ship on other days. */
  static OrderSpec ofLines(int lineCount, String orderId, Instant placed, LocalDate shipBy) {
    List<LineSpec> lines = new ArrayList<>();
    int parcelCount = Math.min(3, lineCount);
    List<List<ParcelLine>> parcelLines = new ArrayList<>();
    for (int p = 0; p < parcelCount; p++) {
      parcelLines.add(new ArrayList<>());
    }
    for (int i = 1; i <= lineCount; i++) {
      String lineId = "L" + i;
      long unitPrice = 1_000 + 137L * i;
      long discount = i % 3 == 0 ? 150 : 0;
      long tax = i % 3 == 0 ? 40 : 0;
      List<ComponentSpec> components =
          i % 2 == 0
              ? List.of(new ComponentSpec("psu-" + i, "power adapter " + i, 300))
              : List.of();
      lines.add(
          new LineSpec(
              lineId,
              "SKU-" + i,
              "item " + i,
              "electronics",
              2,
              unitPrice,
              discount,
              tax,
              components));
      parcelLines.get((i - 1) % parcelCount).add(new ParcelLine(lineId, 2));
    }
    List<ParcelSpec> parcels = new ArrayList<>();
    for (int p = 0; p < parcelCount; p++) {
      parcels.add(new ParcelSpec("P" + (p + 1), parcelLines.get(p)));
    }
    OrderSpec draft =
        new OrderSpec(orderId, "c-1", EUR, placed, shipBy, lines, 500, 499, 0, parcels);
    return new OrderSpec(
        draft.orderId(),
        draft.customerId(),
        EUR,
        placed,
        shipBy,
        lines,
        500,
        499,
        draft.expectedPaidTotal(),
        parcels);
  }

  /** The body of {@code PUT /orders/{orderId}} (openapi.yaml) that registers {@code spec}. */
  static String putBody(OrderSpec spec) {
    ObjectNode body = Json.object();
    body.put("customerId", spec.customerId());
    body.put("currency", spec.currency().getCurrencyCode());
    body.put("placedAt", spec.placedAt().toString());
    body.put("expectedShipBy", spec.expectedShipBy().toString());
    ArrayNode lines = body.putArray("lines");
    for (LineSpec line : spec.lines()) {
      ObjectNode json =
          lines
              .addObject()
              .put("lineId", line.lineId())
              .put("sku", line.sku())
              .put("name", line.name())
              .put("category", line.category())
              .put("quantity", line.quantity())
              .put("unitPrice", line.unitPrice())
              .put("discount", line.discount())
              .put("tax", line.tax());
      ArrayNode components = json.putArray("components");
      for (ComponentSpec c : line.components()) {
        components
            .addObject()
            .put("componentId", c.componentId())
            .put("name", c.name())
            .put("price", c.price());
      }
    }
    body.put("orderDiscount", spec.orderDiscount());
    body.put("deliveryCharge", spec.deliveryCharge());
    body.put("paidTotal", spec.paidTotal());
    ArrayNode parcels = body.putArray("parcels");
    for (ParcelSpec parcel : spec.parcels()) {
      ArrayNode parcelLines =
          parcels.addObject().put("parcelId", parcel.parcelId()).putArray("lines");
      for (ParcelLine line : parcel.lines()) {
        parcelLines.addObject().put("lineId", line.lineId()).put("quantity", line.quantity());
      }
    }
    return body.toString();
  }
}
