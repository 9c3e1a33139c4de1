package org.aftersales.policy.order;

import java.util.Comparator;
import java.util.Objects;

/**
 * One physical unit of an order line: {@code index} runs 0..quantity-1 and is given to parcels in
 * parcel order, then parcel-line order ({@link OrderSpec#unitsByParcel()}).
 */
public record UnitRef(String lineId, int index) {

  public UnitRef {
    Objects.requireNonNull(lineId, "lineId");
    if (index < 0) {
      throw new IllegalArgumentException("unit index must be >= 0: " + index);
    }
  }

  @Override
  public String toString() {
    return lineId + "#" + index;
  }

  /** By line id then index (for sorted listings; the order's own order is line order). */
  public static final Comparator<UnitRef> BY_LINE_THEN_INDEX =
      Comparator.comparing(UnitRef::lineId).thenComparingInt(UnitRef::index);
}
