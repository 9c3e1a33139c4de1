package org.aftersales.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.decision.CaseActions;
import org.aftersales.policy.decision.RemedyQuotes;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.Remedy;
import org.aftersales.policy.state.RepairStep;
import org.aftersales.shared.Production;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.http.FunctionPorts;
import org.aftersales.shared.http.Idempotency;
import org.aftersales.shared.http.PageRequest;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.Page;

/**
 * {@code ClaimsFunction}: the claim routes of openapi.yaml (DOA-1…DOA-7, WAR-1…WAR-6), behind the
 * HTTP API.
 *
 * <ul>
 *   <li>{@code POST /orders/{orderId}/claims} (owner, agent) {@code {"lineId", "problem",
 *       "description"?, "preferredRemedy"?}} → {@code 201} Claim with its coverage (DOA or
 *       WARRANTY, WAR-1) and an upload slot per kind it needs; {@code 422 not-covered} (every
 *       window ended, each named) or {@code not-delivered}.
 *   <li>{@code POST /claims/{claimId}/uploads} (owner, agent) {@code {"kind", "contentType"}} →
 *       {@code 201} one upload slot; {@code 409} when the claim takes no uploads.
 *   <li>{@code GET /claims/{claimId}} (owner, agent): reads the claim, and its order when the claim
 *       is open or has a refund, writes nothing; for an agent each evidence file carries a
 *       short-lived GET {@code url} ({@link EvidenceLinks}).
 *   <li>{@code GET /claims?status=UNDER_REVIEW&limit=&nextToken=} (agent): the review queue, oldest
 *       first.
 *   <li>{@code GET /orders/{orderId}/claims} (owner, agent): the order's claims, each with its
 *       {@code actions.upload} (what the customer may do next, {@link CaseActions}); reads the
 *       order and one query of index {@code ByOrder}, writes nothing.
 *   <li>{@code POST /claims/{claimId}/decision} (agent) → {@code 200} Claim with its refund; a
 *       warranty claim takes WAR-3's outcomes, {@code finding} and {@code ruledOut}.
 *   <li>{@code POST /claims/{claimId}/repair} (warehouse, agent) {@code {"step", "at",
 *       "trackingNumber"?}} → {@code 200} Claim (WAR-4: steps only forward; the same step again
 *       changes nothing; other data {@code 409}).
 *   <li>{@code GET /claims/{claimId}/remedies} (agent) → {@code 200} the outcomes available now,
 *       each with the refund it would give ({@link RemedyQuotes}: WAR-3, WAR-5, DOA-4, DOA-5,
 *       GEN-4); reads the claim and its order, writes nothing.
 * </ul>
 *
 * Another customer's order or claim is {@code 404}. Each step writes the claim item first, then the
 * order, whose unit names the claim while it holds it; every POST route that touches a claim first
 * finishes a step a crash interrupted ({@link ClaimProgress#refresh}, docs/design.md "The unit
 * holder"). A GET never writes: it shows the claim as that step will leave it ({@link
 * ClaimQueries}; a void claim is {@code 404}), and the hourly {@code ClaimExpiryFunction} finishes
 * the step for claims no write request touches ({@link FinishHalfDoneClaims}). Side effects of the
 * POST routes: the claim item, the order item (unit status, refund ledger), idempotency records;
 * presigning writes nothing.
 */
public final class ClaimsHandler extends ApiFunction {

  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 100;
  static final int MAX_TEXT = 2000;

  /**
   * What the function works with: the claim use cases' {@link ClaimPorts} (claim and order stores,
   * evidence bucket, policy book, clock), with the idempotency store, log and metrics.
   */
  public record Ports(
      ClaimPorts claimPorts, IdempotencyStore idempotency, JsonLog log, EmfMetrics metrics)
      implements FunctionPorts {

    /** The Lambda environment's: {@link ClaimPorts#production()}, log and metrics to stdout. */
    public static Ports production() {
      return new Ports(
          ClaimPorts.production(),
          Production.idempotency(),
          JsonLog.fromEnvironment(),
          EmfMetrics.fromEnvironment());
    }

    @Override
    public Clock clock() {
      return claimPorts.clock();
    }
  }

  /** Lambda's entry point: production ports, primed ({@link ClaimsPriming}). */
  public ClaimsHandler() {
    this(Ports.production());
    ClaimsPriming.register();
  }

  public ClaimsHandler(Ports ports) {
    super(routes(ports.claimPorts()), ports);
  }

  static Router routes(ClaimPorts ports) {
    ClaimProgress progress = new ClaimProgress(ports);
    UploadSlots slots = new UploadSlots(ports.files());
    ClaimQueries queries = new ClaimQueries(ports, progress);
    RouteBodies routes =
        new RouteBodies(
            ports,
            new OpenClaim(ports, progress, slots),
            new DecideClaim(ports, progress),
            new RecordRepair(ports, progress),
            queries,
            new IssueUpload(ports, queries, slots),
            new EvidenceLinks(ports.files()));
    return Router.builder()
        .route("POST /orders/{orderId}/claims", routes::openClaim)
        .route("POST /claims/{claimId}/uploads", routes::newUpload)
        .route("GET /claims/{claimId}", routes::getClaim)
        .route("GET /claims", routes::listClaims)
        .route("GET /orders/{orderId}/claims", routes::orderClaims)
        .route("POST /claims/{claimId}/decision", routes::decideClaim)
        .route("POST /claims/{claimId}/repair", routes::recordRepair)
        .route("GET /claims/{claimId}/remedies", routes::remedies)
        .build();
  }

  /**
   * The route bodies: who may call ({@code Caller.requireAny}), read the request → use case → view.
   */
  private record RouteBodies(
      ClaimPorts ports,
      OpenClaim open,
      DecideClaim decide,
      RecordRepair repair,
      ClaimQueries queries,
      IssueUpload upload,
      EvidenceLinks links) {

    /** WAR-3: {@code "ruledOut": [{"remedy": "REPAIR" | "REPLACEMENT", "reason"}]}, each once. */
    private static Map<Remedy, String> ruledOut(JsonBody body) {
      Map<Remedy, String> out = new EnumMap<>(Remedy.class);
      body.optionalArray(
          "ruledOut",
          (item, path) -> {
            Remedy remedy = item.requiredEnum("remedy", Remedy.class);
            String reason = item.requiredString("reason", MAX_TEXT);
            if (remedy != null && reason != null && out.put(remedy, reason) != null) {
              item.rejectField("remedy", remedy + " is ruled out twice (WAR-3)");
            }
            return remedy;
          });
      return out;
    }

    ApiResponse recordRepair(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.WAREHOUSE, Role.AGENT);
      JsonBody body = request.jsonBody();
      RepairStep.Kind step = body.requiredEnum("step", RepairStep.Kind.class);
      Instant at = body.requiredInstant("at");
      String trackingNumber = body.optionalString("trackingNumber", 100).orElse(null);
      body.throwIfInvalid();
      RecordRepair.Recorded recorded =
          repair.record(request.pathParameter("claimId"), step, at, trackingNumber);
      return ApiResponse.ok(
          ClaimJson.claim(
              recorded.claim(), ports.policyOf(recorded.claim()), recorded.refund(), false));
    }

    ApiResponse openClaim(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      JsonBody body = request.jsonBody();
      String lineId = body.requiredId("lineId");
      ProblemType problem = body.requiredEnum("problem", ProblemType.class);
      String description = body.optionalString("description", MAX_TEXT).orElse(null);
      Remedy preferredRemedy = body.optionalEnum("preferredRemedy", Remedy.class).orElse(null);
      body.throwIfInvalid();
      OpenClaim.Opened opened =
          open.open(
              caller,
              request.pathParameter("orderId"),
              lineId,
              problem,
              description,
              preferredRemedy,
              request.header(Idempotency.KEY_HEADER));
      ObjectNode json = ClaimJson.claim(opened.claim(), opened.policy(), null, false);
      ArrayNode uploads = json.putArray("uploads");
      opened.uploads().forEach(slot -> uploads.add(ClaimJson.upload(slot)));
      return ApiResponse.created(json);
    }

    ApiResponse newUpload(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      JsonBody body = request.jsonBody();
      EvidenceKind kind = body.requiredEnum("kind", EvidenceKind.class);
      String contentType = body.requiredString("contentType", 100);
      body.throwIfInvalid();
      return ApiResponse.created(
          ClaimJson.upload(
              upload.issue(caller, request.pathParameter("claimId"), kind, contentType)));
    }

    ApiResponse getClaim(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      ClaimQueries.Shown shown = queries.shown(caller, request.pathParameter("claimId"), false);
      ObjectNode json =
          ClaimJson.claim(shown.claim(), ports.policyOf(shown.claim()), shown.refund(), false);
      return ApiResponse.ok(caller.has(Role.AGENT) ? links.addTo(json, shown.claim()) : json);
    }

    ApiResponse listClaims(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.AGENT);
      JsonBody query = request.query();
      ClaimStatus status =
          query.optionalEnum("status", ClaimStatus.class).orElse(ClaimStatus.UNDER_REVIEW);
      PageRequest paging = PageRequest.read(query, DEFAULT_PAGE, MAX_PAGE);
      query.throwIfInvalid();
      Page<ClaimQueries.ClaimView> page =
          paging.list((cursor, limit) -> queries.queue(status, cursor, limit));
      ObjectNode json = Json.object();
      ArrayNode items = json.putArray("claims");
      page.items()
          .forEach(
              v -> items.add(ClaimJson.claim(v.claim(), ports.policyOf(v.claim()), null, false)));
      if (page.nextCursor() != null) {
        json.put("nextToken", page.nextCursor());
      } else {
        json.putNull("nextToken");
      }
      return ApiResponse.ok(json);
    }

    ApiResponse orderClaims(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      String orderId = request.pathParameter("orderId");
      Instant now = ports.clock().instant();
      ObjectNode json = Json.object();
      json.put("orderId", orderId);
      ArrayNode items = json.putArray("claims");
      for (ClaimQueries.ClaimView v : queries.ofOrder(caller, orderId)) {
        PolicyDocument policy = ports.policyOf(v.claim());
        ObjectNode claim = ClaimJson.claim(v.claim(), policy, v.refund(), v.expiredNow());
        claim
            .putObject("actions")
            .set("upload", ApiJson.action(CaseActions.upload(v.claim().state(), policy, now)));
        items.add(claim);
      }
      return ApiResponse.ok(json);
    }

    ApiResponse remedies(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.AGENT);
      ClaimQueries.Shown shown = queries.shown(caller, request.pathParameter("claimId"), true);
      Claim claim = shown.claim();
      return ApiResponse.ok(
          ClaimJson.remedies(
              claim,
              RemedyQuotes.of(
                  claim.state(), shown.order(), ports.policyOf(claim), ports.clock().instant())));
    }

    ApiResponse decideClaim(ApiGatewayV2Request request) {
      Caller caller = request.caller().requireAny(Role.AGENT);
      JsonBody body = request.jsonBody();
      ClaimOutcome outcome = body.requiredEnum("outcome", ClaimOutcome.class);
      String componentId = body.optionalId("componentId").orElse(null);
      Optional<Money> amount = body.optionalMoney("amount");
      String message = body.requiredString("message", MAX_TEXT);
      String finding = body.optionalString("finding", MAX_TEXT).orElse(null);
      Map<Remedy, String> ruledOut = ruledOut(body);
      body.throwIfInvalid();
      DecideClaim.Decided decided =
          decide.decide(
              caller,
              request.pathParameter("claimId"),
              new DecideClaim.Request(
                  outcome,
                  componentId,
                  amount.map(Money::amount).orElse(null),
                  amount.map(m -> m.currency().getCurrencyCode()).orElse(null),
                  message,
                  finding,
                  ruledOut));
      return ApiResponse.ok(
          ClaimJson.claim(decided.claim(), decided.policy(), decided.refund(), false));
    }
  }
}
