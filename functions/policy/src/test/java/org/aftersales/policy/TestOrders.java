package org.aftersales.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;

/**
 * Orders used by the tests: the example order of openapi.yaml, multi-line/multi-parcel ones, random
 * valid ones.
 */
public final class TestOrders {
  public static final Currency EUR = Currency.getInstance("EUR");
  public static final Currency JPY = Currency.getInstance("JPY");
  public static final Currency KWD = Currency.getInstance("KWD");
  public static final Instant PLACED = Instant.parse("2026-11-02T10:00:00Z");
  public static final LocalDate SHIP_BY = LocalDate.parse("2026-11-05");

  private TestOrders() {}

  public static ComponentSpec psu() {
    return new ComponentSpec("psu", "power adapter", 800);
  }

  public static LineSpec hdmiLine(int quantity) {
    return new LineSpec(
        "L1", "KW-HDMI-01", "HDMI switch", "electronics", quantity, 2999, 0, 0, List.of(psu()));
  }

  /**
   * The example order of openapi.yaml: 2 × HDMI switch 29.99, order discount 5.00, delivery 4.99,
   * paid 59.97 EUR, one parcel.
   */
  public static OrderSpec apiExample() {
    return new OrderSpec(
        "o-1",
        "c-1",
        EUR,
        PLACED,
        SHIP_BY,
        List.of(hdmiLine(2)),
        500,
        499,
        5997,
        List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 2)))));
  }

  /**
   * The example order of openapi.yaml as the functions' tests use it: its two units in two parcels,
   * P1 carrying L1#0 and P2 carrying L1#1.
   */
  public static OrderSpec apiExampleInTwoParcels(String orderId) {
    OrderSpec s = apiExample();
    return new OrderSpec(
        orderId,
        s.customerId(),
        s.currency(),
        s.placedAt(),
        s.expectedShipBy(),
        s.lines(),
        s.orderDiscount(),
        s.deliveryCharge(),
        s.paidTotal(),
        List.of(
            new ParcelSpec("P1", List.of(new ParcelLine("L1", 1))),
            new ParcelSpec("P2", List.of(new ParcelLine("L1", 1)))));
  }

  /**
   * Two lines in two parcels: L1 2 × HDMI switch 29.99 (with a power adapter), L2 1 × cable 10.00
   * (line discount 1.00, tax 0.50); order discount 3.00, delivery 6.00. P1 = L1 units 0 and 1, P2 =
   * L2 unit 0.
   */
  public static OrderSpec twoParcels() {
    LineSpec cable =
        new LineSpec("L2", "KW-CBL-02", "USB-C cable", "accessories", 1, 1000, 100, 50, List.of());
    long paid = 2999 * 2 + 1000 - 100 + 50 - 300 + 600;
    return new OrderSpec(
        "o-2",
        "c-1",
        EUR,
        PLACED,
        SHIP_BY,
        List.of(hdmiLine(2), cable),
        300,
        600,
        paid,
        List.of(
            new ParcelSpec("P1", List.of(new ParcelLine("L1", 2))),
            new ParcelSpec("P2", List.of(new ParcelLine("L2", 1)))));
  }

  /** A JPY order (0 fraction digits): 3 × 1,980 yen, 100 yen order discount, 500 yen delivery. */
  public static OrderSpec jpy() {
    LineSpec line =
        new LineSpec("L1", "KW-FAN-03", "desk fan", "electronics", 3, 1980, 0, 0, List.of());
    return new OrderSpec(
        "o-jp",
        "c-2",
        JPY,
        PLACED,
        SHIP_BY,
        List.of(line),
        100,
        500,
        3 * 1980 - 100 + 500,
        List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 3)))));
  }

  /** A random valid order (currency given), deterministic for a seed. */
  public static OrderSpec random(long seed, Currency currency) {
    Random r = new Random(seed);
    int lineCount = 1 + r.nextInt(4);
    List<LineSpec> lines = new ArrayList<>();
    long afterLineDiscounts = 0;
    long taxes = 0;
    for (int i = 0; i < lineCount; i++) {
      int qty = 1 + r.nextInt(5);
      long unitPrice = r.nextInt(4) == 0 ? 0 : r.nextInt(200_000);
      long value = unitPrice * qty;
      long discount =
          value == 0
              ? 0
              : (long) r.nextInt((int) Math.min(Integer.MAX_VALUE, value + 1)) / (1 + r.nextInt(3));
      long tax = r.nextInt(3) == 0 ? 0 : r.nextInt(5_000);
      List<ComponentSpec> comps =
          r.nextBoolean()
              ? List.of(new ComponentSpec("c" + i, "part " + i, r.nextInt(3_000)))
              : List.of();
      lines.add(
          new LineSpec(
              "L" + (i + 1),
              "SKU" + i,
              "item " + i,
              "electronics",
              qty,
              unitPrice,
              discount,
              tax,
              comps));
      afterLineDiscounts += value - discount;
      taxes += tax;
    }
    long orderDiscount =
        afterLineDiscounts == 0 ? 0 : (long) (r.nextDouble() * afterLineDiscounts / 2);
    long delivery = r.nextInt(3) == 0 ? 0 : r.nextInt(2_000);
    long paid = afterLineDiscounts + taxes - orderDiscount + delivery;
    // parcels: each unit goes into one of up to 3 parcels, grouped per line
    int parcelCount = 1 + r.nextInt(3);
    List<List<ParcelLine>> parcelLines = new ArrayList<>();
    for (int p = 0; p < parcelCount; p++) {
      parcelLines.add(new ArrayList<>());
    }
    for (LineSpec line : lines) {
      int left = line.quantity();
      while (left > 0) {
        int take = 1 + r.nextInt(left);
        parcelLines.get(r.nextInt(parcelCount)).add(new ParcelLine(line.lineId(), take));
        left -= take;
      }
    }
    List<ParcelSpec> parcels = new ArrayList<>();
    for (int p = 0; p < parcelCount; p++) {
      if (!parcelLines.get(p).isEmpty()) {
        parcels.add(new ParcelSpec("P" + (p + 1), parcelLines.get(p)));
      }
    }
    return new OrderSpec(
        "o-r" + Long.toHexString(seed),
        "c-r",
        currency,
        PLACED,
        SHIP_BY,
        lines,
        orderDiscount,
        delivery,
        paid,
        parcels);
  }

  /** {@code spec} placed at another instant. */
  public static OrderSpec placedAt(OrderSpec s, Instant placedAt, LocalDate expectedShipBy) {
    return new OrderSpec(
        s.orderId(),
        s.customerId(),
        s.currency(),
        placedAt,
        expectedShipBy,
        s.lines(),
        s.orderDiscount(),
        s.deliveryCharge(),
        s.paidTotal(),
        s.parcels());
  }
}
