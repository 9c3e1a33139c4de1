package org.aftersales.cancellation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;

/**
 * The JSON answer of a cancellation: {@code {"orderId", "cancelled": [{"lineId", "quantity",
 * "parcelId"}], "refund": <Refund> | null, "explanation"}}.
 */
final class CancellationView {

  private CancellationView() {}

  static ObjectNode of(String orderId, CancellationPolicy.Cancellation result) {
    ObjectNode json = Json.object();
    json.put("orderId", orderId);
    ArrayNode cancelled = json.putArray("cancelled");
    for (CancellationPolicy.CancelledGroup g : result.cancelled()) {
      cancelled
          .addObject()
          .put("lineId", g.lineId())
          .put("quantity", g.quantity())
          .put("parcelId", g.parcelId());
    }
    if (result.refund() == null) {
      json.putNull("refund");
    } else {
      json.set("refund", ApiJson.refund(result.refund()));
    }
    json.set("explanation", ApiJson.explanation(result.explanation()));
    return json;
  }
}
