package org.aftersales.policy.state;

/** The warehouse's progress events ({@code POST /orders/{orderId}/parcels/{parcelId}/events}). */
public enum FulfilmentType {
  PROCESSED,
  SHIPPED,
  DELIVERED;

  public ParcelStatus status() {
    return ParcelStatus.valueOf(name());
  }
}
