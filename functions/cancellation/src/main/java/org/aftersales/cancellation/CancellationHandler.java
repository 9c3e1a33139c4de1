package org.aftersales.cancellation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.ResourceNames;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;

/**
 * {@code CancellationFunction}: {@code POST /orders/{orderId}/cancellation} (owner, agent), whole
 * ({@code lines} omitted) or partial. {@code 200 {"orderId", "cancelled": [{"lineId", "quantity",
 * "parcelId"}], "refund": <Refund> | null, "explanation"}}; already cancelled → {@code 200} with
 * {@code cancelled: []} and no refund (CAN-8); nothing cancellable → {@code 409} {@code
 * order-already-processed} / {@code nothing-to-cancel} with {@code ruleIds} (CAN-2, CAN-4). Honours
 * {@code Idempotency-Key}. Side effects: one conditional write of the order item (units cancelled +
 * refund on its ledger, CAN-5, GEN-4, GEN-5), idempotency record, log line, EMF.
 */
public final class CancellationHandler extends ApiFunction {

  /** Lambda's entry point: adapters from the environment. */
  public CancellationHandler() {
    this(
        new DynamoDbOrderRepository(
            AwsClients.shared().dynamoDb(), ResourceNames.fromEnvironment().tableName()),
        new DynamoDbIdempotencyStore(
            AwsClients.shared().dynamoDb(), ResourceNames.fromEnvironment().tableName()),
        PolicyBook.loadDefault(),
        JsonLog.fromEnvironment(),
        EmfMetrics.fromEnvironment(),
        Clock.systemUTC());
    CancellationPriming.register();
  }

  public CancellationHandler(
      OrderRepository orders,
      IdempotencyStore idempotency,
      PolicyBook policies,
      JsonLog log,
      EmfMetrics metrics,
      Clock clock) {
    super(
        routes(new CancelOrder(orders, new OrderUpdates(orders), policies, clock)),
        idempotency,
        log,
        metrics,
        clock);
  }

  private static Router routes(CancelOrder service) {
    return Router.builder()
        .route("POST /orders/{orderId}/cancellation", request -> cancel(service, request))
        .build();
  }

  private static ApiResponse cancel(CancelOrder service, ApiGatewayV2Request request) {
    request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
    String orderId = request.pathParameter("orderId");
    CancellationRequest body = CancellationRequest.read(request.body());
    return ApiResponse.ok(response(orderId, service.cancel(orderId, request.caller(), body)));
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
