package org.aftersales.policy.state;

import java.time.Instant;
import java.util.Objects;

/** A fulfilment progress report for a parcel; {@code trackingNumber} may be null. */
public record FulfilmentEvent(FulfilmentType type, Instant at, String trackingNumber) {
  public FulfilmentEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
  }
}
