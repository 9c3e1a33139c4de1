package org.aftersales.policy.decision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.state.Order;

/** Builds the plain-language labels of refund breakdowns (GEN-8) and groups units by line. */
final class RefundLines {

  private RefundLines() {}

  /** Units grouped by line id, lines in order. */
  static Map<String, List<UnitRef>> byLine(Collection<UnitRef> units) {
    Map<String, List<UnitRef>> groups = new LinkedHashMap<>();
    for (UnitRef u : units) {
      groups.computeIfAbsent(u.lineId(), k -> new ArrayList<>()).add(u);
    }
    return groups;
  }

  /**
   * Units grouped by what they are now (CHG-5: a changed unit is its new item), in line order;
   * units of one line that are the same item share a group.
   */
  static Map<LineSpec, List<UnitRef>> byItem(Order order, Collection<UnitRef> units) {
    Map<String, Map<LineSpec, List<UnitRef>>> lines = new LinkedHashMap<>();
    for (UnitRef u : units) {
      LineSpec item = order.itemOf(u);
      LineSpec key =
          new LineSpec(
              item.lineId(),
              item.sku(),
              item.name(),
              item.category(),
              1,
              item.unitPrice(),
              0,
              0,
              item.components());
      lines
          .computeIfAbsent(u.lineId(), k -> new LinkedHashMap<>())
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(u);
    }
    Map<LineSpec, List<UnitRef>> groups = new LinkedHashMap<>();
    lines.values().forEach(groups::putAll);
    return groups;
  }

  /** "2 × HDMI switch". */
  static String items(LineSpec item, int count) {
    return count + " × " + item.name();
  }

  static Money sumPaid(OrderPricing pricing, List<UnitRef> units) {
    Money sum = Money.zero(pricing.currency());
    for (UnitRef u : units) {
      sum = sum.plus(pricing.paidPrice(u));
    }
    return sum;
  }

  static Money sumDelivery(OrderPricing pricing, List<UnitRef> units) {
    Money sum = Money.zero(pricing.currency());
    for (UnitRef u : units) {
      sum = sum.plus(pricing.deliveryShare(u));
    }
    return sum;
  }
}
