package org.aftersales.benchmarks;

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
        new OrderSpec(
            "o-bench-" + lineCount, "c-1", EUR, PLACED, SHIP_BY, lines, 500, 499, 0, parcels);
    return new OrderSpec(
        draft.orderId(),
        draft.customerId(),
        EUR,
        PLACED,
        SHIP_BY,
        lines,
        500,
        499,
        draft.expectedPaidTotal(),
        parcels);
  }
}
