package org.aftersales.orders;

import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.shared.json.JsonBody;

/**
 * Reads the body of {@code POST /orders/{orderId}/parcels/{parcelId}/events}: {@code {"type":
 * "PROCESSED" | "SHIPPED" | "DELIVERED", "at": "<instant>", "trackingNumber"?}}.
 */
final class FulfilmentRequest {

  private FulfilmentRequest() {}

  /**
   * @throws org.aftersales.shared.http.ApiProblem {@code 400} listing every bad field
   */
  static FulfilmentEvent read(JsonBody body) {
    FulfilmentType type = body.requiredEnum("type", FulfilmentType.class);
    var at = body.requiredInstant("at");
    String tracking = body.optionalString("trackingNumber", 100).orElse(null);
    body.throwIfInvalid();
    return new FulfilmentEvent(type, at, tracking);
  }
}
