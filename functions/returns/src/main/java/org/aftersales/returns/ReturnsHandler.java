package org.aftersales.returns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.policy.decision.ReturnPolicy.ReturnLine;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.Production;
import org.aftersales.shared.aws.ResourceNames;
import org.aftersales.shared.events.EmailStates;
import org.aftersales.shared.evidence.EvidenceStore;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.http.FunctionPorts;
import org.aftersales.shared.http.Idempotency;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;
import org.aftersales.shared.store.UnitHolds;

/**
 * {@code ReturnsFunction}: the 60 day conditional return (openapi.yaml "Returns", docs/policy.md
 * RET-1…RET-9) behind the HTTP API (payload v2).
 *
 * <ul>
 *   <li>{@code POST /orders/{orderId}/returns} (owner, agent) → {@code 201} Return AUTHORIZED with
 *       its RMA number, address, send-by date, what must come back and a refund estimate; refusals
 *       {@code 422}/{@code 409} with {@code code} and {@code ruleIds}.
 *   <li>{@code GET /returns/{returnId}} (owner, agent, warehouse) → {@code 200} Return.
 *   <li>{@code GET /orders/{orderId}/returns} (owner, agent) → {@code 200} the order's returns,
 *       each with {@code actions.send} and {@code actions.withdraw} ({@link OrderReturns}); writes
 *       nothing.
 *   <li>{@code POST /returns/{returnId}/withdrawal} (owner) → {@code 200} Return WITHDRAWN.
 *   <li>{@code POST /returns/{returnId}/receipt} (warehouse, agent) → {@code 200} Return REFUNDED
 *       with its {@code refund}, or REJECTED; a WITHDRAWAL return's units may carry a stated
 *       diminished-value {@code deduction} (LAW-2, never above the paid price) and, for a category
 *       excluded once unsealed, must carry {@code sealed} (LAW-1, Art. 16(e), (i)): an unsealed
 *       unit is not refunded and becomes ACTIVE again.
 *   <li>{@code POST /returns/unannounced} (warehouse) → {@code 201} a parcel for manual handling.
 *   <li>{@code POST /orders/{orderId}/withdrawals} (owner, agent) → {@code 201} Withdrawal: the EU
 *       right of withdrawal (LAW-1, LAW-3), its units on a return of kind WITHDRAWAL, its
 *       acknowledgement record stored once ({@link ReceiveWithdrawal}).
 *   <li>{@code GET /withdrawals/{withdrawalId}} (owner, agent) → {@code 200} Withdrawal with its
 *       record as stored and the state of its acknowledgement email ({@code sentAt} once sent).
 *   <li>{@code POST /returns/{returnId}/proof-of-sending} (owner) → {@code 200} Return: grants the
 *       refund a withdrawal waited for (LAW-2).
 * </ul>
 *
 * <p><b>Expiry (RET-9)</b>: a GET of an AUTHORIZED return whose send-by date has passed (after the
 * end of that day in the store zone) shows it EXPIRED and writes nothing ({@link
 * ReturnProgress#shown}). The expiry is recorded — EXPIRED stored, units given back, {@code
 * ReturnExpired} announced — by a withdrawal request of the return or by the scheduled sweep {@link
 * ReturnExpiryHandler} (index {@code ByStatus}, {@code RETURNS#AUTHORIZED} oldest send-by first),
 * whichever comes first; the write is conditional, so it happens once. A receipt does not expire
 * it: the parcel's arrival shows it was sent, and one sent on its last day arrives later.
 *
 * <p><b>A GET never writes</b>: the three GET routes show a step a crash left half done (a return
 * without its units, a receipt not yet applied, units not yet let go) as its repair would leave it,
 * computed from what they read ({@link ReturnProgress#shown}); every write request on the return
 * finishes the step first, and the hourly {@link ReturnExpiryHandler} finishes the rest ({@link
 * FinishHalfDoneReturns}).
 *
 * <p>Side effects: return items, unannounced-parcel items, the order item (unit statuses, the
 * refund of a received return, due per GEN-5, and in the same writes the decisions' events: {@code
 * ReturnAuthorized}, {@code WithdrawalReceived}, {@code ReturnReceived}, {@code ReturnExpired},
 * {@code ReturnWithdrawn}, {@link ReturnEvents}; an unannounced parcel's {@code
 * UnannouncedReturnReceived} on its own item), idempotency records, withdrawal records and their
 * copies in the evidence bucket ({@code withdrawals/}). An order that keeps changing under every
 * attempt is {@code 503} with {@code retry-after}.
 */
public final class ReturnsHandler extends ApiFunction {

  public static final String AUTHORIZE = "POST /orders/{orderId}/returns";
  public static final String GET = "GET /returns/{returnId}";
  public static final String OF_ORDER = "GET /orders/{orderId}/returns";
  public static final String WITHDRAW = "POST /returns/{returnId}/withdrawal";
  public static final String RECEIVE = "POST /returns/{returnId}/receipt";
  public static final String UNANNOUNCED = "POST /returns/unannounced";
  public static final String WITHDRAW_FROM_CONTRACT = "POST /orders/{orderId}/withdrawals";
  public static final String GET_WITHDRAWAL = "GET /withdrawals/{withdrawalId}";
  public static final String PROOF_OF_SENDING = "POST /returns/{returnId}/proof-of-sending";

  /**
   * What the function works with: {@code emails} the acknowledgement emails' state (LAW-3), {@code
   * evidence} the bucket that keeps the withdrawal records' copies, asked for on a withdrawal only.
   */
  public record Ports(
      OrderRepository orders,
      ReturnRepository returns,
      EmailStates emails,
      Supplier<EvidenceStore> evidence,
      IdempotencyStore idempotency,
      PolicyBook book,
      JsonLog log,
      EmfMetrics metrics,
      Clock clock)
      implements FunctionPorts {

    /**
     * The Lambda environment's ({@code TABLE_NAME}, {@code EVIDENCE_BUCKET}, endpoints, region):
     * {@link Production} adapters, log and metrics to stdout. The S3 client is built on the first
     * withdrawal, not here: no other route touches S3, so none pays for building it (cold start,
     * docs/benchmarks.md).
     */
    public static Ports production() {
      String bucket = ResourceNames.fromEnvironment().evidenceBucket();
      return new Ports(
          Production.orders(),
          Production.returns(),
          Production.emailStates(),
          () -> S3Clients.shared().evidenceStore(bucket),
          Production.idempotency(),
          PolicyBook.loadDefault(),
          JsonLog.fromEnvironment(),
          EmfMetrics.fromEnvironment(),
          Clock.systemUTC());
    }
  }

  /** Lambda's entry point: production ports, primed ({@link ReturnsPriming}). */
  public ReturnsHandler() {
    this(Ports.production());
    ReturnsPriming.register();
  }

  public ReturnsHandler(Ports ports) {
    super(routes(ports), ports);
  }

  static Router routes(Ports ports) {
    OrderRepository orders = ports.orders();
    ReturnRepository returns = ports.returns();
    Clock clock = ports.clock();
    OrderUpdates updates = new OrderUpdates(orders);
    OrderPolicies policies = new OrderPolicies(ports.book());
    UnitHolds holds = new UnitHolds(updates);
    ReturnProgress progress = new ReturnProgress(updates, returns, holds, policies, clock);
    ReturnLookup lookup = new ReturnLookup(orders, returns);
    AuthorizeReturn authorize = new AuthorizeReturn(orders, returns, progress, policies, clock);
    ReadReturn read = new ReadReturn(lookup, progress);
    RouteBodies routes =
        new RouteBodies(
            clock,
            authorize,
            read,
            new WithdrawReturn(lookup, returns, holds, progress, clock),
            new ReceiveReturn(lookup, returns, progress, policies, clock),
            new RecordUnannouncedReturn(orders, returns, clock),
            new OrderReturns(orders, returns, progress, policies, clock),
            new ReceiveWithdrawal(
                orders,
                returns,
                new WithdrawalRecordCopy(ports.evidence()),
                ports.emails(),
                authorize,
                policies,
                clock),
            new ReadWithdrawal(returns, read, ports.emails()),
            new RecordProofOfSending(lookup, returns, progress, updates, policies, clock));
    return Router.builder()
        .route(AUTHORIZE, routes::authorize)
        .route(GET, routes::get)
        .route(OF_ORDER, routes::ofOrder)
        .route(WITHDRAW, routes::withdraw)
        .route(RECEIVE, routes::receive)
        .route(UNANNOUNCED, routes::unannounced)
        .route(WITHDRAW_FROM_CONTRACT, routes::withdrawFromContract)
        .route(GET_WITHDRAWAL, routes::getWithdrawal)
        .route(PROOF_OF_SENDING, routes::proofOfSending)
        .build();
  }

  /**
   * The route bodies: who may call ({@code Caller.requireAny}; a customer is a shopper, never a
   * staff account, and whether they own the return is checked where it is read: {@code 404} if
   * not), read the request → use case → view.
   */
  private record RouteBodies(
      Clock clock,
      AuthorizeReturn authorize,
      ReadReturn read,
      WithdrawReturn withdraw,
      ReceiveReturn receive,
      RecordUnannouncedReturn unannounced,
      OrderReturns ofOrder,
      ReceiveWithdrawal withdrawal,
      ReadWithdrawal readWithdrawal,
      RecordProofOfSending proof) {

    ApiResponse authorize(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      List<ReturnLine> lines = ReturnRequests.returnLines(request.jsonBody());
      AuthorizeReturn.Authorized done =
          authorize.authorize(
              caller,
              request.pathParameter("orderId"),
              lines,
              request.header(Idempotency.KEY_HEADER));
      return ApiResponse.created(ReturnView.of(done.stored(), Optional.empty(), done.explanation()))
          .withHeader("location", "/returns/" + done.stored().returnId());
    }

    ApiResponse get(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT, Role.WAREHOUSE);
      return ApiResponse.ok(ReturnView.of(read.read(caller, request.pathParameter("returnId"))));
    }

    ApiResponse ofOrder(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      String orderId = request.pathParameter("orderId");
      ObjectNode json = Json.object().put("orderId", orderId);
      ArrayNode items = json.putArray("returns");
      ofOrder
          .list(caller, orderId)
          .forEach(listed -> items.add(ReturnView.listed(listed, clock.instant())));
      return ApiResponse.ok(json);
    }

    ApiResponse withdraw(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER);
      request.optionalJsonBody().ifPresent(ReturnRequests::withdrawal);
      return ApiResponse.ok(
          ReturnView.of(withdraw.withdraw(caller, request.pathParameter("returnId"))));
    }

    ApiResponse receive(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.WAREHOUSE, Role.AGENT);
      ReturnRequests.ReceiptRequest body = ReturnRequests.receipt(request.jsonBody());
      return ApiResponse.ok(
          ReturnView.of(receive.receive(caller, request.pathParameter("returnId"), body)));
    }

    ApiResponse unannounced(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.WAREHOUSE);
      ReturnRequests.UnannouncedRequest body = ReturnRequests.unannounced(request.jsonBody());
      UnannouncedReturn parcel =
          unannounced.record(caller, body, request.header(Idempotency.KEY_HEADER));
      return ApiResponse.created(ReturnView.of(parcel, RecordUnannouncedReturn.explanation()));
    }

    ApiResponse withdrawFromContract(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      ReturnRequests.WithdrawalRequest body = ReturnRequests.withdrawalRequest(request.jsonBody());
      ReceiveWithdrawal.Received done =
          withdrawal.receive(
              caller,
              request.pathParameter("orderId"),
              body,
              request.header(Idempotency.KEY_HEADER));
      return ApiResponse.created(
              WithdrawalView.of(
                  done.record(),
                  done.acknowledgement(),
                  done.stored(),
                  ReturnView.of(done.stored(), Optional.empty(), null),
                  done.explanation()))
          .withHeader("location", "/withdrawals/" + done.record().withdrawalId());
    }

    ApiResponse getWithdrawal(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      ReadWithdrawal.Shown shown =
          readWithdrawal.read(caller, request.pathParameter("withdrawalId"));
      return ApiResponse.ok(
          WithdrawalView.of(
              shown.record(),
              shown.acknowledgement(),
              shown.returned().stored(),
              ReturnView.of(shown.returned()),
              null));
    }

    ApiResponse proofOfSending(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER);
      ReturnRequests.ProofOfSending body = ReturnRequests.proofOfSending(request.jsonBody());
      return ApiResponse.ok(
          ReturnView.of(proof.record(caller, request.pathParameter("returnId"), body)));
    }
  }
}
