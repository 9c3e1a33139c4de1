package org.aftersales.cancellation;

import java.time.Clock;
import java.util.List;
import org.aftersales.changes.ChangeOrder;
import org.aftersales.changes.ChangeRoutes;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.http.Router;
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
 * <p>The order changes before processing ({@code POST /orders/{orderId}/changes}, {@code
 * .../changes/{changeId}/payment}, {@code POST /orders/{orderId}/billing-address}, CHG-1…CHG-6) are
 * served here too, their code in {@code org.aftersales.changes} ({@link ChangeRoutes}): both kinds
 * write the order item before its parcel is processed, with the same IAM and cold start.
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
    RouteBodies cancellation = new RouteBodies(new CancelOrder(updates, policies, clock));
    ChangeRoutes changes = new ChangeRoutes(new ChangeOrder(orders, updates, policies, clock));
    return Router.builder()
        .answering("POST /orders/{orderId}/cancellation", cancellation::cancel)
        .answering("POST /orders/{orderId}/changes", changes::change)
        .answering("POST /orders/{orderId}/changes/{changeId}/payment", changes::pay)
        .route("POST /orders/{orderId}/billing-address", changes::billingAddress)
        .build();
  }

  /** The route bodies: read the request → use case → view. */
  private record RouteBodies(CancelOrder service) {

    ApiResponse cancel(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      String orderId = request.pathParameter("orderId");
      CancellationRequest body = CancellationRequest.read(request.jsonBody());
      return service.cancel(
          request, body, result -> ApiResponse.ok(CancellationView.of(orderId, result)));
    }
  }
}
