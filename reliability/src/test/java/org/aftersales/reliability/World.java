package org.aftersales.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersales.local.JwtIssuer;
import org.aftersales.local.JwtKeys;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A small store on the local servers, built through the API itself: a delivered order of the owner
 * with an authorised return and an open claim, a second order with a cancellation refund, and a
 * token for every caller kind of openapi.yaml — and the forged ones the authorizer must refuse.
 */
final class World {

  /** Every caller kind the matrix tries. */
  enum Kind {
    ANONYMOUS,
    OWNER,
    OTHER_CUSTOMER,
    AGENT,
    WAREHOUSE,
    STOREFRONT_SERVICE,
    PAYMENT_INTEGRATION,
    FORGED_OTHER_KEY,
    FORGED_ALG_NONE,
    FORGED_EXPIRED,
    FORGED_ISSUER,
    FORGED_AUDIENCE,
    FORGED_TAMPERED_GROUPS,
    GARBAGE_TOKEN,
    BASIC_AUTH;

    boolean forged() {
      return ordinal() >= FORGED_OTHER_KEY.ordinal();
    }
  }

  private static final AtomicLong IDS = new AtomicLong();

  final LocalAws aws;
  final Gateway gateway;
  final String owner;
  final String orderId;
  final String returnId;
  final String claimId;
  final String refundId;
  final String unshippedOrderId;
  private final Map<Kind, String> authorization = new TreeMap<>();

  World(LocalAws aws) {
    this.aws = aws;
    this.gateway = new Gateway(aws.clients(), aws.tableName(), aws.bucketName());
    owner = aws.uniqueId("c");
    tokens();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    orderId = order(now.minus(Duration.ofDays(3)), true);
    unshippedOrderId = order(now.minus(Duration.ofHours(2)), false);
    returnId =
        created(
                send(
                    Kind.OWNER,
                    "POST",
                    "/orders/" + orderId + "/returns",
                    "{\"lines\": [{\"lineId\": \"L1\", \"quantity\": 1, \"reason\": \"UNWANTED\","
                        + " \"condition\": \"MINT_UNUSED\"}]}"))
            .path("returnId")
            .asText();
    claimId =
        created(
                send(
                    Kind.OWNER,
                    "POST",
                    "/orders/" + orderId + "/claims",
                    "{\"lineId\": \"L1\", \"problem\": \"NOT_WORKING\", \"description\": \"dead\"}"))
            .path("claimId")
            .asText();
    Gateway.Answer cancelled =
        send(
            Kind.OWNER,
            "POST",
            "/orders/" + unshippedOrderId + "/cancellation",
            "{\"lines\": [{\"lineId\": \"L1\", \"quantity\": 1}]}");
    assertThat(cancelled.status()).as(cancelled.rawBody()).isEqualTo(200);
    refundId = cancelled.body().at("/refund/refundId").asText();
  }

  /** The {@code Authorization} header of a caller kind (null: none). */
  String authorization(Kind kind) {
    return authorization.get(kind);
  }

  Gateway.Answer send(Kind kind, String method, String path, String body) {
    return gateway.send(method, path, null, authorization(kind), Map.of(), body);
  }

  /** A fresh id with the test's prefix. */
  static String id(String prefix) {
    return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + IDS.incrementAndGet();
  }

  /**
   * The table as stored, idempotency records aside (a refused request may keep its answer for
   * replay; that is not state): what a refusal must leave unchanged.
   */
  List<String> snapshot() {
    List<String> items = new ArrayList<>();
    aws.dynamoDb()
        .scanPaginator(b -> b.tableName(aws.tableName()).consistentRead(true))
        .items()
        .forEach(
            item -> {
              if (!item.get("pk").s().startsWith("IDEMPOTENCY#")) {
                items.add(new TreeMap<String, AttributeValue>(item).toString());
              }
            });
    items.sort(null);
    return items;
  }

  private String order(Instant placedAt, boolean delivered) {
    String id = id("o");
    JsonNode example =
        ApiRoutes.load().operations().stream()
            .filter(o -> o.routeKey().equals("PUT /orders/{orderId}"))
            .findFirst()
            .orElseThrow()
            .bodyExample();
    ObjectNode body = example.deepCopy();
    body.put("customerId", owner);
    body.put("placedAt", placedAt.toString());
    body.put(
        "expectedShipBy", LocalDate.ofInstant(placedAt, ZoneOffset.UTC).plusDays(3).toString());
    Gateway.Answer put = send(Kind.STOREFRONT_SERVICE, "PUT", "/orders/" + id, body.toString());
    assertThat(put.status()).as(put.rawBody()).isIn(200, 201);
    if (delivered) {
      Instant at = placedAt.plus(Duration.ofHours(1));
      for (String type : List.of("PROCESSED", "SHIPPED", "DELIVERED")) {
        at = at.plus(Duration.ofHours(6));
        Gateway.Answer event =
            send(
                Kind.WAREHOUSE,
                "POST",
                "/orders/" + id + "/parcels/P1/events",
                "{\"type\": \"" + type + "\", \"at\": \"" + at + "\", \"trackingNumber\": \"T1\"}");
        assertThat(event.status()).as(event.rawBody()).isEqualTo(200);
      }
    }
    return id;
  }

  private static JsonNode created(Gateway.Answer answer) {
    assertThat(answer.status()).as(answer.rawBody()).isEqualTo(201);
    return answer.body();
  }

  private void tokens() {
    Instant now = Instant.now();
    bearer(Kind.OWNER, gateway.token(owner, List.of(), List.of()));
    bearer(Kind.OTHER_CUSTOMER, gateway.token(aws.uniqueId("c"), List.of(), List.of()));
    bearer(Kind.AGENT, gateway.token("agent-1", List.of("care-agents"), List.of()));
    bearer(Kind.WAREHOUSE, gateway.token("wh-1", List.of("warehouse"), List.of()));
    bearer(
        Kind.STOREFRONT_SERVICE,
        gateway.token("storefront", List.of(), List.of("aftersales/orders.write")));
    bearer(
        Kind.PAYMENT_INTEGRATION,
        gateway.token("payments", List.of(), List.of("aftersales/refunds.settle")));
    bearer(
        Kind.FORGED_OTHER_KEY,
        new JwtIssuer(JwtKeys.generate(), Gateway.ISSUER, Gateway.AUDIENCE)
            .issue("agent-1", List.of("care-agents"), List.of(), now, Duration.ofHours(1)));
    String valid = gateway.token("agent-1", List.of("care-agents"), List.of());
    String[] parts = valid.split("\\.");
    bearer(
        Kind.FORGED_ALG_NONE, base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
    bearer(
        Kind.FORGED_EXPIRED,
        gateway.sign(
            claims("agent-1", now.minus(Duration.ofHours(2)), Gateway.ISSUER, Gateway.AUDIENCE)));
    bearer(
        Kind.FORGED_ISSUER,
        gateway.sign(claims("agent-1", now, "https://evil.example/issuer", Gateway.AUDIENCE)));
    bearer(
        Kind.FORGED_AUDIENCE, gateway.sign(claims("agent-1", now, Gateway.ISSUER, "someone-else")));
    String customer = gateway.token(owner, List.of(), List.of());
    String[] c = customer.split("\\.");
    ObjectNode payload =
        LambdaRun.tree(
            new String(
                Base64.getUrlDecoder().decode(c[1]), java.nio.charset.StandardCharsets.UTF_8));
    payload.putArray("cognito:groups").add("care-agents");
    bearer(Kind.FORGED_TAMPERED_GROUPS, c[0] + "." + base64(payload.toString()) + "." + c[2]);
    bearer(Kind.GARBAGE_TOKEN, "not.a.token");
    authorization.put(Kind.BASIC_AUTH, "Basic " + base64("agent-1:password"));
  }

  private static ObjectNode claims(String subject, Instant issuedAt, String iss, String aud) {
    ObjectNode claims =
        Json.object()
            .put("sub", subject)
            .put("iss", iss)
            .put("aud", aud)
            .put("client_id", aud)
            .put("token_use", "access")
            .put("iat", issuedAt.getEpochSecond())
            .put("exp", issuedAt.plus(Duration.ofHours(1)).getEpochSecond());
    claims.putArray("cognito:groups").add("care-agents");
    return claims;
  }

  private void bearer(Kind kind, String token) {
    authorization.put(kind, "Bearer " + token);
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
