package org.aftersales.policy.order;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.money.Allocation;

/**
 * An order line as registered ({@code PUT /orders}): {@code quantity} units at {@code unitPrice}, a
 * line {@code discount} and {@code tax}, all in minor units (GEN-1). {@link #value()} is the value
 * before any discount.
 */
public record LineSpec(
    String lineId,
    String sku,
    String name,
    String category,
    int quantity,
    long unitPrice,
    long discount,
    long tax,
    List<ComponentSpec> components) {

  public LineSpec {
    components = Lists.copy(components);
  }

  /** {@code unitPrice × quantity}. */
  public long value() {
    return Math.multiplyExact(unitPrice, (long) quantity);
  }

  /** {@code unitPrice × quantity − discount}: the weight for the order discount (GEN-2). */
  public long valueAfterLineDiscount() {
    return Math.subtractExact(value(), discount);
  }

  /**
   * The item's own price of one unit: {@code unitPrice − discount + tax} (before the order-level
   * discount share, GEN-2). For a one-unit item such as a change's replacement (CHG-2).
   */
  public long ownPrice() {
    return Math.addExact(valueAfterLineDiscount(), tax);
  }

  /**
   * Unit {@code index} of this line as a one-unit item of the same line: the line's discount and
   * tax are split evenly over its units (GEN-1), so the units' own prices add up to the line's.
   */
  public LineSpec unit(int index) {
    if (index < 0 || index >= quantity) {
      throw new IllegalArgumentException("line " + lineId + " has no unit " + index);
    }
    if (quantity == 1) {
      return this;
    }
    return new LineSpec(
        lineId,
        sku,
        name,
        category,
        1,
        unitPrice,
        Allocation.evenly(discount, quantity)[index],
        Allocation.evenly(tax, quantity)[index],
        components);
  }

  /** The same item (what a customer would call it: sku, name, prices, components), any line id. */
  public boolean sameItemAs(LineSpec other) {
    return other != null
        && Objects.equals(sku, other.sku)
        && Objects.equals(name, other.name)
        && Objects.equals(category, other.category)
        && quantity == other.quantity
        && unitPrice == other.unitPrice
        && discount == other.discount
        && tax == other.tax
        && components.equals(other.components);
  }

  public Optional<ComponentSpec> component(String componentId) {
    return components.stream()
        .filter(c -> c != null && componentId.equals(c.componentId()))
        .findFirst();
  }
}
