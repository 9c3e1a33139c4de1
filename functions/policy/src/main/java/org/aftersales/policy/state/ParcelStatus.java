package org.aftersales.policy.state;

/**
 * Where a parcel is in fulfilment. Progress only moves forward NEW → PROCESSED → SHIPPED →
 * DELIVERED (steps may be skipped); CANCELLED is terminal and reached only when every unit of the
 * parcel is cancelled (CAN-1, CAN-3, CAN-6); fulfilment events for it are refused (CAN-7).
 */
public enum ParcelStatus {
  NEW(0),
  PROCESSED(1),
  SHIPPED(2),
  DELIVERED(3),
  CANCELLED(-1);

  private final int rank;

  ParcelStatus(int rank) {
    this.rank = rank;
  }

  /** Position in the forward progression (CANCELLED: -1, outside it). */
  public int rank() {
    return rank;
  }

  /** Shipped or delivered: out of the warehouse. */
  public boolean hasShipped() {
    return this == SHIPPED || this == DELIVERED;
  }
}
