package org.aftersales.cancellation;

import java.util.List;
import org.aftersales.policy.decision.CancellationPolicy.LineRequest;
import org.aftersales.shared.json.JsonBody;

/**
 * The body of {@code POST /orders/{orderId}/cancellation}: {@code {"reason"?, "lines"?: [{"lineId",
 * "quantity"}]}}; {@code lines} omitted (or {@code null}) means everything that can be cancelled,
 * so {@code {}} cancels the whole order. A missing, blank or non-JSON body is a {@code 400}: only a
 * body that says so cancels everything. Every bad field goes into one {@code 400}.
 */
record CancellationRequest(String reason, List<LineRequest> lines) {

  static final int MAX_REASON_LENGTH = 500;
  static final int MAX_QUANTITY = 10_000;

  /** {@code null} {@link #lines()}: everything cancellable. */
  static CancellationRequest read(JsonBody json) {
    String reason = json.optionalString("reason", MAX_REASON_LENGTH).orElse(null);
    List<LineRequest> lines =
        json.optionalArray(
                "lines",
                (item, path) ->
                    new LineRequest(
                        item.requiredId("lineId"), item.requiredInt("quantity", 1, MAX_QUANTITY)))
            .orElse(null);
    if (lines != null && lines.isEmpty()) {
      json.reject("lines", "must not be empty: omit it to cancel everything that can be cancelled");
    }
    json.throwIfInvalid();
    return new CancellationRequest(reason, lines);
  }
}
