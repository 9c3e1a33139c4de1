package org.aftersales.policy.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A parcel's fulfilment state: its status and when each step happened (null until it did). The
 * delivery date in the store zone opens the return and DOA windows (GEN-6).
 */
public record ParcelState(
    String parcelId,
    ParcelStatus status,
    Instant processedAt,
    Instant shippedAt,
    Instant deliveredAt,
    String trackingNumber) {

  public ParcelState {
    Objects.requireNonNull(parcelId, "parcelId");
    Objects.requireNonNull(status, "status");
  }

  public static ParcelState fresh(String parcelId) {
    return new ParcelState(parcelId, ParcelStatus.NEW, null, null, null, null);
  }

  /** GEN-6: the calendar day of delivery in the store zone; empty if not delivered. */
  public Optional<LocalDate> deliveredOn(ZoneId storeZone) {
    return Optional.ofNullable(deliveredAt).map(at -> LocalDate.ofInstant(at, storeZone));
  }

  /**
   * Applies a progress event: forward moves set the status and the step's instant; an event for a
   * step already reached (a repeat, or a late one arriving out of order) changes nothing. Callers
   * refuse events for a CANCELLED parcel before calling (CAN-7).
   */
  ParcelState advancedBy(FulfilmentEvent event) {
    ParcelStatus target = event.type().status();
    if (status == ParcelStatus.CANCELLED) {
      throw new IllegalStateException("CAN-7: parcel " + parcelId + " is cancelled");
    }
    if (target.rank() <= status.rank()) {
      return this;
    }
    String tracking = event.trackingNumber() != null ? event.trackingNumber() : trackingNumber;
    return switch (event.type()) {
      case PROCESSED ->
          new ParcelState(parcelId, target, event.at(), shippedAt, deliveredAt, tracking);
      case SHIPPED ->
          new ParcelState(parcelId, target, processedAt, event.at(), deliveredAt, tracking);
      case DELIVERED ->
          new ParcelState(parcelId, target, processedAt, shippedAt, event.at(), tracking);
    };
  }

  ParcelState cancelled() {
    return new ParcelState(
        parcelId, ParcelStatus.CANCELLED, processedAt, shippedAt, deliveredAt, trackingNumber);
  }
}
