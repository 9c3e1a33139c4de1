package org.aftersales.changes;

import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.money.Money;
import org.aftersales.shared.changes.ChangeBodies;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.json.JsonBody;

/**
 * The route bodies of order changes before processing (CHG-1…CHG-6), served by {@code
 * CancellationFunction} beside the cancellation (both write the order item before its parcel is
 * processed, with the same IAM and the same cold start):
 *
 * <ul>
 *   <li>{@code POST /orders/{orderId}/changes} (owner, agent; {@code Idempotency-Key}): replace
 *       units and/or re-address parcels not yet processed → {@code 200} Change ({@code APPLIED}
 *       with the refund of a cheaper item, or {@code AWAITING_PAYMENT} with {@code amountDue} and
 *       {@code payBy}); {@code 400} with every bad field, {@code 409 order-already-processed}.
 *   <li>{@code POST /orders/{orderId}/changes/{changeId}/payment} (payment integration) → {@code
 *       200} Change {@code APPLIED} or {@code 409 change-lapsed} (CHG-3).
 *   <li>{@code POST /orders/{orderId}/billing-address} → {@code 422 billing-address-not-held}
 *       (CHG-6).
 * </ul>
 *
 * Side effects: one conditional write of the order item per request (nothing on a refusal), with
 * its idempotency record ({@link ChangeOrder}).
 */
public record ChangeRoutes(ChangeOrder changes) {

  public ApiResponse change(ApiGatewayV2Request request) {
    request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
    JsonBody body = request.jsonBody();
    ChangePolicy.ChangeRequest change = ChangeBodies.read(body);
    return changes.change(request, change, body.errors(), ChangeRoutes::answer);
  }

  public ApiResponse pay(ApiGatewayV2Request request) {
    request.caller().requireAny(Role.PAYMENT_INTEGRATION);
    JsonBody body = request.jsonBody();
    String reference = body.requiredString("paymentReference", 200);
    Money amount =
        body.requiredObject(
            "amount",
            m -> {
              long minor = m.requiredAmount("amount");
              String currency = m.requiredCurrency("currency");
              return currency == null ? null : Money.of(minor, currency);
            });
    body.throwIfInvalid();
    return changes.pay(
        request, request.pathParameter("changeId"), reference, amount, ChangeRoutes::answer);
  }

  public ApiResponse billingAddress(ApiGatewayV2Request request) {
    request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
    throw changes.billingAddress(request.pathParameter("orderId"), request.caller());
  }

  private static ApiResponse answer(ChangeOrder.Result result) {
    return ApiResponse.ok(ChangeView.of(result));
  }
}
