package org.aftersales.refunds;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.refund.RefundStatus;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.http.PageRequest;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.time.ClockSkew;

/**
 * {@code RefundsFunction} (HTTP API, openapi.yaml "Refunds"):
 *
 * <ul>
 *   <li>{@code POST /refunds/quote} (owner, agent): what a cancellation, return or claim outcome
 *       would refund now, by the same policy decisions as the real operation; no side effects.
 *   <li>{@code GET /orders/{orderId}/refunds} (owner, agent): the order's refund ledger.
 *   <li>{@code GET /refunds?status=PENDING&limit&nextToken} (payment integration): pending refunds
 *       from the {@code ByStatus} index, oldest {@code dueBy} first, paginated.
 *   <li>{@code POST /refunds/{refundId}/settlement} (payment integration): marks a refund SETTLED;
 *       the one write of this function, a conditional write on the refund's order item.
 * </ul>
 *
 * Refund ids in and out are public ids {@code {orderId}~{ledger id}} (docs/refunds.md).
 */
public final class RefundsHandler extends OrderItemFunction {

  /**
   * SnapStart priming (cold start, {@link OrderItemFunction}): the ledger and a cancellation quote
   * of the sample order ({@code PrimingOrderRepository}), and the pending-refunds page (an index
   * query). Writes nothing.
   */
  public static final List<String> PRIMING =
      List.of("ledger-customer", "quote-cancellation-customer", "pending-payment");

  /** Lambda's entry point: production adapters, primed. */
  public RefundsHandler() {
    super(RefundsHandler::routes, PRIMING);
  }

  public RefundsHandler(Ports ports) {
    super(RefundsHandler::routes, ports);
  }

  public static Router routes(OrderRepository orders, PolicyBook book, Clock clock) {
    RouteBodies routes =
        new RouteBodies(
            new QuoteRefund(orders, book, clock),
            new ReadRefundLedger(orders),
            new ListPendingRefunds(orders),
            new SettleRefund(new OrderUpdates(orders, clock), ClockSkew.fromEnvironment(), clock));
    return Router.builder()
        .route("POST /refunds/quote", routes::quote)
        .route("GET /orders/{orderId}/refunds", routes::ledger)
        .route("GET /refunds", routes::pending)
        .answering("POST /refunds/{refundId}/settlement", routes::settle)
        .build();
  }

  /** The route bodies: read the request → use case → view. */
  private record RouteBodies(
      QuoteRefund quotes,
      ReadRefundLedger ledgers,
      ListPendingRefunds pending,
      SettleRefund settlements) {

    ApiResponse quote(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      QuoteRequestReader.Read read = QuoteRequestReader.read(request.jsonBody());
      return ApiResponse.ok(quotes.quote(request.caller(), read.orderId(), read.request()));
    }

    ApiResponse ledger(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      return ApiResponse.ok(ledgers.ledger(request.caller(), request.pathParameter("orderId")));
    }

    ApiResponse pending(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.PAYMENT_INTEGRATION);
      JsonBody query = request.query();
      String status = query.optionalString("status").orElse(RefundStatus.PENDING.name());
      if (!status.equals(RefundStatus.PENDING.name())) {
        query.reject("status", "must be PENDING: only pending refunds are listed");
      }
      PageRequest paging =
          PageRequest.read(query, ListPendingRefunds.DEFAULT_LIMIT, ListPendingRefunds.MAX_LIMIT);
      query.throwIfInvalid();
      return ApiResponse.ok(pending.json(paging.list(pending::page)));
    }

    ApiResponse settle(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.PAYMENT_INTEGRATION);
      JsonBody body = request.jsonBody();
      Instant settledAt = body.requiredInstant("settledAt");
      String reference = body.requiredString("paymentReference", 128);
      body.throwIfInvalid();
      return settlements.settle(
          request, settledAt, reference, settled -> ApiResponse.ok(ApiJson.refund(settled)));
    }
  }
}
