package org.aftersales.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.aftersales.cancellation.CancellationHandler;
import org.aftersales.claims.ClaimPorts;
import org.aftersales.claims.ClaimsHandler;
import org.aftersales.events.OrderEventsHandler;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.local.HttpApiEvents;
import org.aftersales.local.JwtIssuer;
import org.aftersales.local.JwtKeys;
import org.aftersales.local.JwtVerdict;
import org.aftersales.local.JwtVerifier;
import org.aftersales.local.RouteTable;
import org.aftersales.local.SamTemplate;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policyapi.PolicyHandler;
import org.aftersales.refunds.RefundsHandler;
import org.aftersales.returns.ReturnsHandler;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.evidence.EvidenceStore;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbEmailStates;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;
import org.aftersales.shared.testing.LambdaRun;

/**
 * API Gateway as the local stack plays it, in-process: template.yaml's routes, the local JWT
 * authorizer ({@link JwtVerifier}: a refused token is API Gateway's {@code 401
 * {"message":"Unauthorized"}} and the function never runs), the payload v2 event the stack builds,
 * and every API function built on the given clients and table (one instance per function, as one
 * warm Lambda instance each). Function responses are checked against openapi.yaml ({@link
 * LambdaRun}).
 */
final class Gateway {

  /** What the HTTP client gets back. */
  record Answer(
      int status, String contentType, JsonNode body, String rawBody, boolean ranFunction) {}

  static final String ISSUER = "https://aftersales.local/issuer";
  static final String AUDIENCE = "aftersales";

  private final RouteTable routes;
  private final Map<String, RequestStreamHandler> functions = new HashMap<>();
  private final JwtKeys keys = JwtKeys.generate();
  private final JwtVerifier verifier = new JwtVerifier(keys.publicKey(), ISSUER, AUDIENCE);
  private final JwtIssuer issuer = new JwtIssuer(keys, ISSUER, AUDIENCE);
  private final LambdaRun run = new LambdaRun();

  Gateway(AwsClients aws, String table, String bucket) {
    routes =
        new RouteTable(
            SamTemplate.load(org.aftersales.localaws.ProjectRoot.find().resolve("template.yaml"))
                .routes());
    Clock clock = Clock.systemUTC();
    PolicyBook book = PolicyBook.loadDefault();
    var orders = new DynamoDbOrderRepository(aws.dynamoDb(), table);
    var idempotency = new DynamoDbIdempotencyStore(aws.dynamoDb(), table);
    functions.put(
        "OrdersFunction",
        new OrdersHandler(
            new OrderItemFunction.Ports(
                orders, idempotency, book, run.log(clock), run.metrics(clock), clock)));
    functions.put(
        "CancellationFunction",
        new CancellationHandler(
            new OrderItemFunction.Ports(
                orders, idempotency, book, run.log(clock), run.metrics(clock), clock)));
    EvidenceStore returnsEvidence = S3Clients.create(aws.settings()).evidenceStore(bucket);
    functions.put(
        "ReturnsFunction",
        new ReturnsHandler(
            new ReturnsHandler.Ports(
                orders,
                new DynamoDbReturnRepository(aws.dynamoDb(), table),
                new org.aftersales.shared.store.dynamodb.DynamoDbEmailStates(aws.dynamoDb(), table),
                () -> returnsEvidence,
                idempotency,
                book,
                run.log(clock),
                run.metrics(clock),
                clock)));
    functions.put(
        "ClaimsFunction",
        new ClaimsHandler(
            new ClaimsHandler.Ports(
                new ClaimPorts(
                    new DynamoDbClaimRepository(aws.dynamoDb(), table),
                    orders,
                    S3Clients.create(aws.settings()).evidenceStore(bucket),
                    book,
                    clock),
                idempotency,
                run.log(clock),
                run.metrics(clock))));
    functions.put(
        "RefundsFunction",
        new RefundsHandler(
            new OrderItemFunction.Ports(
                orders, idempotency, book, run.log(clock), run.metrics(clock), clock)));
    functions.put(
        "OrderEventsFunction",
        new OrderEventsHandler(
            new OrderEventsHandler.Ports(
                orders,
                new DynamoDbOutboxStore(aws.dynamoDb(), table),
                new DynamoDbEmailStates(aws.dynamoDb(), table),
                run.log(clock),
                run.metrics(clock),
                clock)));
    functions.put("PolicyFunction", new PolicyHandler());
  }

  /** A valid token of the local issuer. */
  String token(String subject, List<String> groups, List<String> scopes) {
    return issuer.issue(subject, groups, scopes, Instant.now(), Duration.ofHours(1));
  }

  /** Any claim set signed with the local key (expired, wrong issuer or audience…). */
  String sign(ObjectNode claims) {
    return issuer.sign(claims);
  }

  /** One HTTP request; {@code authorization} is the whole header value or null. */
  Answer send(
      String method,
      String rawPath,
      String rawQuery,
      String authorization,
      Map<String, String> headers,
      String body) {
    Optional<RouteTable.Match> match = routes.match(method, rawPath);
    if (match.isEmpty()) {
      return gatewayAnswer(404, "Not Found");
    }
    JwtVerdict.Allowed allowed = null;
    if (match.get().route().authorized()) {
      JwtVerdict verdict =
          verifier.verify(authorization, match.get().route().scopes(), Instant.now());
      if (verdict instanceof JwtVerdict.Refused refused) {
        return gatewayAnswer(
            refused.status(), refused.status() == 401 ? "Unauthorized" : "Forbidden");
      }
      allowed = (JwtVerdict.Allowed) verdict;
    }
    Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
    headers.forEach((name, value) -> requestHeaders.put(name, List.of(value)));
    requestHeaders.put("content-type", List.of("application/json"));
    if (authorization != null) {
      requestHeaders.put("authorization", List.of(authorization));
    }
    ObjectNode event =
        HttpApiEvents.request(
            new HttpApiEvents.Request(
                method,
                rawPath,
                rawQuery,
                requestHeaders,
                body == null ? new byte[0] : body.getBytes(UTF_8),
                "127.0.0.1"),
            match.get(),
            allowed,
            UUID.randomUUID().toString(),
            Instant.now());
    RequestStreamHandler function = functions.get(match.get().route().functionId());
    LambdaRun.Response response = run.invoke(function, event);
    return new Answer(
        response.status(),
        response.header("content-type"),
        response.body(),
        response.rawBody(),
        true);
  }

  private static Answer gatewayAnswer(int status, String message) {
    ObjectNode body = Json.object().put("message", message);
    return new Answer(status, "application/json", body, body.toString(), false);
  }
}
