package org.aftersales.policy.order;

import java.util.List;

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

  public java.util.Optional<ComponentSpec> component(String componentId) {
    return components.stream()
        .filter(c -> c != null && componentId.equals(c.componentId()))
        .findFirst();
  }
}
