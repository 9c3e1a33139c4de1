package org.aftersales.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.Orders;

/**
 * {@code OrdersFunction}: HTTP API routes of orders.
 *
 * <ul>
 *   <li>{@code PUT /orders/{orderId}} (storefront service): registers the order with the policy
 *       version in force at {@code placedAt} (GEN-7); {@code 201} created, {@code 200} same body
 *       again, {@code 409 order-exists} different body, {@code 400} with every bad field.
 *   <li>{@code POST /orders/{orderId}/parcels/{parcelId}/events} (storefront service, warehouse):
 *       PROCESSED / SHIPPED / DELIVERED, forward only; {@code 409 parcel-cancelled} (CAN-7). The
 *       answer says per line how many units to ship and how many were cancelled, so a partly
 *       cancelled parcel is shipped without its refunded units (CAN-7).
 *   <li>{@code GET /orders/{orderId}} (owner, agent): the order with each unit as it is now, its
 *       {@code changes} history (a change that lapsed shown LAPSED, CHG-3), its actions, refunds
 *       and totals. Writes nothing: a lapse is stored by the next write of the order or by the
 *       scheduled {@code AutoCancelFunction}, which announces it (docs/design.md "Reads never
 *       write").
 * </ul>
 *
 * Side effects: the order item in DynamoDB (one conditional write per PUT or POST), idempotency
 * records for POST, one log line and EMF metrics per invocation.
 */
public final class OrdersHandler extends OrderItemFunction {

  /**
   * SnapStart priming (cold start, {@link OrderItemFunction}): a GET of the sample order ({@code
   * PrimingOrderRepository}) and of an order that does not exist, and a parcel event on the sample
   * order (the change is answered, never sent). Writes nothing.
   */
  public static final List<String> PRIMING =
      List.of("get-order-sample", "get-order-absent", "parcel-shipped-warehouse");

  /** Lambda's entry point: production adapters, primed. */
  public OrdersHandler() {
    super(OrdersHandler::routes, PRIMING);
  }

  public OrdersHandler(Ports ports) {
    super(OrdersHandler::routes, ports);
  }

  public static Router routes(OrderRepository orders, PolicyBook policies, Clock clock) {
    RouteBodies routes =
        new RouteBodies(
            new Orders(orders),
            policies,
            clock,
            new RegisterOrder(orders, policies),
            new RecordFulfilment(new OrderUpdates(orders)));
    return Router.builder()
        .route("PUT /orders/{orderId}", routes::register)
        .route("POST /orders/{orderId}/parcels/{parcelId}/events", routes::fulfilment)
        .route("GET /orders/{orderId}", routes::get)
        .build();
  }

  /** The route bodies: read the request → use case → view. */
  private record RouteBodies(
      Orders orders,
      PolicyBook policies,
      Clock clock,
      RegisterOrder register,
      RecordFulfilment fulfilment) {

    ApiResponse register(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.STOREFRONT_SERVICE);
      OrderSpec spec = OrderRequest.read(request.pathParameter("orderId"), request.jsonBody());
      RegisterOrder.Registration registration = register.register(spec);
      return ApiResponse.json(registration.created() ? 201 : 200, view(registration.order()));
    }

    ApiResponse fulfilment(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.STOREFRONT_SERVICE, Role.WAREHOUSE);
      String orderId = request.pathParameter("orderId");
      String parcelId = request.pathParameter("parcelId");
      FulfilmentEvent event = FulfilmentRequest.read(request.jsonBody());
      Order order = fulfilment.record(orderId, parcelId, event);
      ObjectNode json = OrderView.parcel(order, order.parcel(parcelId));
      json.put("orderId", orderId);
      return ApiResponse.ok(json);
    }

    ApiResponse get(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      Order read = orders.visibleTo(request.caller(), request.pathParameter("orderId"));
      return ApiResponse.ok(view(ChangePolicy.lapseDue(read, clock.instant())));
    }

    private ObjectNode view(Order order) {
      PolicyDocument policy = policies.judging(order.policyVersion(), order.spec().placedAt());
      return OrderView.of(order, policy, clock.instant());
    }
  }
}
