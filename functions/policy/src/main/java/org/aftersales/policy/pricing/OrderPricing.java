package org.aftersales.policy.pricing;

import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.money.Allocation;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.UnitRef;

/**
 * What each unit of a (valid) order cost the customer. GEN-2: the order discount is spread over the
 * lines by their value after line discounts; a line's paid amount (value − line discount − its
 * order-discount share + line tax) is spread evenly over its units. GEN-3: the delivery charge is
 * spread over all units in proportion to their paid price. Every split is largest remainder
 * (GEN-1), so {@code Σ paid prices + Σ delivery shares == paidTotal} exactly.
 */
public final class OrderPricing {

  private final Currency currency;
  private final long paidTotal;
  private final Map<String, Long> orderDiscountShare;
  private final Map<String, Long> linePaid;
  private final Map<UnitRef, Long> paid;
  private final Map<UnitRef, Long> delivery;
  private final List<UnitRef> units;

  private OrderPricing(OrderSpec spec) {
    this.currency = spec.currency();
    this.paidTotal = spec.paidTotal();
    List<LineSpec> lines = spec.lines();
    long[] lineWeights = new long[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      lineWeights[i] = lines.get(i).valueAfterLineDiscount();
    }
    long[] discountShares = Allocation.largestRemainder(spec.orderDiscount(), lineWeights);
    Map<String, Long> discountByLine = new LinkedHashMap<>();
    Map<String, Long> paidByLine = new LinkedHashMap<>();
    Map<UnitRef, Long> paidByUnit = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      LineSpec line = lines.get(i);
      long linePaidAmount = lineWeights[i] - discountShares[i] + line.tax();
      discountByLine.put(line.lineId(), discountShares[i]);
      paidByLine.put(line.lineId(), linePaidAmount);
      long[] unitShares = Allocation.evenly(linePaidAmount, line.quantity());
      for (int u = 0; u < unitShares.length; u++) {
        paidByUnit.put(new UnitRef(line.lineId(), u), unitShares[u]);
      }
    }
    List<UnitRef> units = List.copyOf(paidByUnit.keySet());
    long[] deliveryWeights = new long[units.size()];
    for (int k = 0; k < units.size(); k++) {
      deliveryWeights[k] = paidByUnit.get(units.get(k));
    }
    long[] deliveryShares = Allocation.largestRemainder(spec.deliveryCharge(), deliveryWeights);
    Map<UnitRef, Long> deliveryByUnit = new LinkedHashMap<>();
    for (int k = 0; k < units.size(); k++) {
      deliveryByUnit.put(units.get(k), deliveryShares[k]);
    }
    this.orderDiscountShare = Collections.unmodifiableMap(discountByLine);
    this.linePaid = Collections.unmodifiableMap(paidByLine);
    this.paid = Collections.unmodifiableMap(paidByUnit);
    this.delivery = Collections.unmodifiableMap(deliveryByUnit);
    this.units = units;
  }

  private OrderPricing(OrderPricing registered, Map<UnitRef, Long> paidNow, long paidTotalNow) {
    this.currency = registered.currency;
    this.paidTotal = paidTotalNow;
    this.orderDiscountShare = registered.orderDiscountShare;
    this.linePaid = registered.linePaid;
    this.paid = paidNow;
    this.delivery = registered.delivery;
    this.units = registered.units;
  }

  /**
   * These prices after changes before processing (CHG-2): each unit's paid price moved by {@code
   * paidDelta} (its delivery share and order-discount share stay), and {@code paidDifferences} (the
   * dearer differences the customer paid, CHG-3) added to what was paid. {@link #linePaid} stays as
   * registered.
   *
   * @throws IllegalArgumentException for a unit that is not part of the order or a paid price that
   *     would fall below zero
   */
  public OrderPricing changed(Map<UnitRef, Long> paidDelta, long paidDifferences) {
    Map<UnitRef, Long> now = new LinkedHashMap<>(paid);
    paidDelta.forEach(
        (unit, delta) -> {
          long next = Math.addExact(require(paid, unit), delta);
          if (next < 0) {
            throw new IllegalArgumentException(
                "CHG-2: the paid price of " + unit + " would be negative: " + next);
          }
          now.put(unit, next);
        });
    return new OrderPricing(
        this, Collections.unmodifiableMap(now), Math.addExact(paidTotal, paidDifferences));
  }

  /** Prices a valid order ({@link org.aftersales.policy.order.OrderValidation} found nothing). */
  public static OrderPricing of(OrderSpec spec) {
    return new OrderPricing(spec);
  }

  public Currency currency() {
    return currency;
  }

  /** Every unit, in line order then index (unmodifiable, shared: no copy per call). */
  public List<UnitRef> units() {
    return units;
  }

  /** Whether {@code unit} is a unit of the order (constant time). */
  public boolean hasUnit(UnitRef unit) {
    return paid.containsKey(unit);
  }

  /** GEN-2: what the unit cost the customer, without delivery. */
  public Money paidPrice(UnitRef unit) {
    return Money.of(require(paid, unit), currency);
  }

  /** GEN-3: the unit's share of the delivery charge. */
  public Money deliveryShare(UnitRef unit) {
    return Money.of(require(delivery, unit), currency);
  }

  /** GEN-4: the most that can ever be refunded for the unit (paid price + delivery share). */
  public Money ceiling(UnitRef unit) {
    return paidPrice(unit).plus(deliveryShare(unit));
  }

  /** GEN-2: the line's share of the order-level discount. */
  public Money orderDiscountShare(String lineId) {
    return Money.of(require(orderDiscountShare, lineId), currency);
  }

  /** GEN-2: what the whole line cost as registered (Σ of its units' paid prices then). */
  public Money linePaid(String lineId) {
    return Money.of(require(linePaid, lineId), currency);
  }

  public Money paidTotal() {
    return Money.of(paidTotal, currency);
  }

  private static <K> long require(Map<K, Long> map, K key) {
    Long value = map.get(key);
    if (value == null) {
      throw new IllegalArgumentException("not part of the order: " + key);
    }
    return value;
  }
}
