package org.aftersales.cancellation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.ChangeBodies;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;

/**
 * {@code CancellationFunction}: the changes a customer can make before a parcel is processed.
 *
 * <p>{@code POST /orders/{orderId}/cancellation} (owner, agent), whole ({@code lines} omitted) or
 * partial. {@code 200 {"orderId", "cancelled": [{"lineId", "quantity", "parcelId"}], "refund":
 * <Refund> | null, "explanation"}}; already cancelled → {@code 200} with {@code cancelled: []} and
 * no refund (CAN-8); nothing cancellable → {@code 409} {@code order-already-processed} / {@code
 * nothing-to-cancel} with {@code ruleIds} (CAN-2, CAN-4). Honours {@code Idempotency-Key}. Side
 * effects: one conditional write of the order item (units cancelled + refund on its ledger, CAN-5,
 * GEN-4, GEN-5) with its events and idempotency record (MSG-2), log line, EMF.
 *
 * <p>{@code POST /orders/{orderId}/changes} (owner, agent; {@code Idempotency-Key}): replace units
 * and/or re-address parcels not yet processed (CHG-1…CHG-5) → {@code 200} Change ({@code APPLIED}
 * with the refund of a cheaper item, or {@code AWAITING_PAYMENT} with {@code amountDue} and {@code
 * payBy}); {@code 400} with every bad field, {@code 409 order-already-processed}. {@code POST
 * /orders/{orderId}/changes/{changeId}/payment} (payment integration) → {@code 200} Change {@code
 * APPLIED} or {@code 409 change-lapsed} (CHG-3). {@code POST /orders/{orderId}/billing-address} →
 * {@code 422 billing-address-not-held} (CHG-6). Side effects: one conditional write of the order
 * item per request (nothing on a refusal), idempotency record, log line, EMF.
 */
public final class CancellationHandler extends OrderItemFunction {

  /**
   * SnapStart priming (cold start, {@link OrderItemFunction}): a cancellation of the sample order
   * ({@code PrimingOrderRepository}: the change is answered, never sent). Writes nothing.
   */
  public static final List<String> PRIMING = List.of("cancel-all-customer");

  /** Lambda's entry point: production adapters, primed. */
  public CancellationHandler() {
    super(CancellationHandler::routes, PRIMING);
  }

  public CancellationHandler(Ports ports) {
    super(CancellationHandler::routes, ports);
  }

  public static Router routes(OrderRepository orders, PolicyBook policies, Clock clock) {
    OrderUpdates updates = new OrderUpdates(orders, clock);
    CancelOrder service = new CancelOrder(updates, policies, clock);
    ChangeOrder changes = new ChangeOrder(orders, updates, policies, clock);
    return Router.builder()
        .answering("POST /orders/{orderId}/cancellation", request -> cancel(service, request))
        .answering("POST /orders/{orderId}/changes", request -> change(changes, request))
        .answering(
            "POST /orders/{orderId}/changes/{changeId}/payment", request -> pay(changes, request))
        .route(
            "POST /orders/{orderId}/billing-address", request -> billingAddress(changes, request))
        .build();
  }

  private static ApiResponse change(ChangeOrder service, ApiGatewayV2Request request) {
    request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
    JsonBody body = request.jsonBody();
    ChangePolicy.ChangeRequest change = ChangeBodies.read(body);
    return service.change(
        request, change, body.errors(), result -> ApiResponse.ok(changeResponse(result)));
  }

  private static ApiResponse pay(ChangeOrder service, ApiGatewayV2Request request) {
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
    return service.pay(
        request,
        request.pathParameter("changeId"),
        reference,
        amount,
        result -> ApiResponse.ok(changeResponse(result)));
  }

  private static ApiResponse billingAddress(ChangeOrder service, ApiGatewayV2Request request) {
    request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
    throw service.billingAddress(request.pathParameter("orderId"), request.caller());
  }

  /**
   * openapi.yaml Change: the change as recorded plus its {@code refund} and {@code explanation}; a
   * CHG-4 no-op with nothing waiting answers {@code status APPLIED}, a zero difference and no
   * changeId.
   */
  static ObjectNode changeResponse(ChangeOrder.Result result) {
    ChangePolicy.ChangeOutcome outcome = result.outcome();
    Order order = result.order();
    ObjectNode json;
    if (outcome.change() == null) {
      json = Json.object();
      json.putNull("changeId");
      json.put("status", "APPLIED");
      json.set("difference", ApiJson.money(Money.zero(order.spec().currency())));
    } else {
      json = ApiJson.change(outcome.change(), order);
    }
    json.put("orderId", order.orderId());
    if (outcome.refund() != null) {
      json.set("refund", ApiJson.refund(outcome.refund()));
    }
    json.set("explanation", ApiJson.explanation(outcome.explanation()));
    return json;
  }

  private static ApiResponse cancel(CancelOrder service, ApiGatewayV2Request request) {
    request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
    String orderId = request.pathParameter("orderId");
    CancellationRequest body = CancellationRequest.read(request.body());
    return service.cancel(request, body, result -> ApiResponse.ok(response(orderId, result)));
  }

  static ObjectNode response(String orderId, CancellationPolicy.Cancellation result) {
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
