package org.aftersales.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.aftersales.reliability.World.Kind;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bad inputs the reliability review found, one by one through the gateway: each was a 500, a
 * silent 200 or the wrong refusal before, and is now the 4xx the contract names, changing nothing.
 */
@ExtendWith(LocalAwsServers.class)
class EdgeValidationIT {

  private final LocalAws aws;
  private World world;

  EdgeValidationIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void world() {
    world = new World(aws);
  }

  private Gateway.Answer send(Kind kind, String method, String path, String query, String body) {
    return world.gateway.send(method, path, query, world.authorization(kind), Map.of(), body);
  }

  private void assert400(Gateway.Answer answer, String field) {
    assertThat(answer.status()).as(answer.rawBody()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.body().path("errors").findValuesAsText("field")).contains(field);
  }

  @Test
  void a_receipt_with_a_bad_missing_component_is_a_400_naming_it() {
    for (String bad : List.of("null", "7", "\"\"", "{}", "\"" + "p".repeat(65) + "\"")) {
      List<String> before = world.snapshot();
      Gateway.Answer answer =
          send(
              Kind.WAREHOUSE,
              "POST",
              "/returns/" + world.returnId + "/receipt",
              null,
              "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\", \"missingComponents\": ["
                  + bad
                  + "]}]}");
      assert400(answer, "units[0].missingComponents[0]");
      assertThat(world.snapshot()).isEqualTo(before);
    }
  }

  @Test
  void path_and_body_ids_outside_the_id_schema_are_400s() {
    for (String bad : List.of("x".repeat(2048), "~", "a~b~c", "..", "o%0D%0A1", "%20o-1")) {
      assert400(send(Kind.AGENT, "GET", "/orders/" + bad, null, null), "orderId");
      assert400(
          send(Kind.STOREFRONT_SERVICE, "PUT", "/orders/" + bad, null, orderBody("c-1")),
          "orderId");
    }
    assert400(
        send(Kind.STOREFRONT_SERVICE, "PUT", "/orders/o-ids", null, orderBody("a~b")),
        "customerId");
  }

  @Test
  void a_forged_next_token_of_the_refund_listing_is_a_400_like_the_claims_queue() {
    String otherPartition =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "gsi2pk\u0000CLAIMS#X\u0000gsi2sk\u0000x\u0000pk\u0000x\u0000sk\u0000x\u0000"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String token : List.of("not-a-token", otherPartition)) {
      assert400(
          send(Kind.PAYMENT_INTEGRATION, "GET", "/refunds", "nextToken=" + token, null),
          "nextToken");
    }
  }

  @Test
  void a_second_receipt_with_other_findings_is_a_409_and_the_same_findings_a_200() {
    String mint = "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\"}]}";
    assertThat(
            send(Kind.WAREHOUSE, "POST", "/returns/" + world.returnId + "/receipt", null, mint)
                .status())
        .isEqualTo(200);
    List<String> before = world.snapshot();

    Gateway.Answer other =
        send(
            Kind.WAREHOUSE,
            "POST",
            "/returns/" + world.returnId + "/receipt",
            null,
            "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"NOT_MINT\"}]}");
    Gateway.Answer same =
        send(Kind.WAREHOUSE, "POST", "/returns/" + world.returnId + "/receipt", null, mint);

    assertThat(other.status()).as(other.rawBody()).isEqualTo(409);
    assertThat(other.body().path("code").asText()).isEqualTo("return-already-received");
    assertThat(same.status()).isEqualTo(200);
    assertThat(world.snapshot()).isEqualTo(before);
  }

  @Test
  void unannounced_returns_read_units_and_need_received_at() {
    assert400(send(Kind.WAREHOUSE, "POST", "/returns/unannounced", null, "{}"), "receivedAt");
    Gateway.Answer recorded =
        send(
            Kind.WAREHOUSE,
            "POST",
            "/returns/unannounced",
            null,
            "{\"orderId\": \""
                + world.orderId
                + "\", \"receivedAt\": \"2026-11-26T13:00:00Z\","
                + " \"units\": [{\"lineId\": \"L1\", \"quantity\": 1}]}");
    assertThat(recorded.status()).as(recorded.rawBody()).isEqualTo(201);
    assertThat(recorded.body().path("lines").toString()).contains("L1");
  }

  @Test
  void only_an_explicit_body_cancels_the_whole_order() {
    for (String body : List.of("", "   ", "not json", "{} x", "[]")) {
      List<String> before = world.snapshot();
      assert400(
          send(
              Kind.OWNER,
              "POST",
              "/orders/" + world.unshippedOrderId + "/cancellation",
              null,
              body),
          "body");
      assertThat(world.snapshot()).isEqualTo(before);
    }
    Gateway.Answer all =
        send(
            Kind.OWNER,
            "POST",
            "/orders/" + world.unshippedOrderId + "/cancellation",
            null,
            "{\"lines\": null}");
    assertThat(all.status()).as(all.rawBody()).isEqualTo(200);
    assertThat(all.body().path("cancelled").size()).isEqualTo(1);
  }

  @Test
  void texts_and_dates_out_of_range_are_400s() {
    assert400(
        send(
            Kind.OWNER,
            "POST",
            "/orders/" + world.orderId + "/claims",
            null,
            "{\"lineId\": \"L1\", \"problem\": \"NOT_WORKING\", \"description\": \"a\\u202Eb\"}"),
        "description");
    assert400(
        send(
            Kind.STOREFRONT_SERVICE,
            "PUT",
            "/orders/o-late",
            null,
            orderBody("c-1").replace("\"2026-11-02T10:00:00Z\"", "\"9999-11-02T10:00:00Z\"")),
        "placedAt");
    assert400(
        send(
            Kind.STOREFRONT_SERVICE,
            "PUT",
            "/orders/o-early",
            null,
            orderBody("c-1").replace("\"2026-11-05\"", "\"2026-11-01\"")),
        "expectedShipBy");
    assert400(
        send(
            Kind.OWNER,
            "POST",
            "/returns/" + world.returnId + "/withdrawal",
            null,
            "{\"reason\": \"" + "r".repeat(501) + "\"}"),
        "reason");
    JsonNode refund =
        send(Kind.AGENT, "GET", "/orders/" + world.unshippedOrderId + "/refunds", null, null)
            .body();
    String grantedAt = refund.at("/refunds/0/grantedAt").asText();
    assertThat(grantedAt).isNotEmpty();
    assert400(
        send(
            Kind.PAYMENT_INTEGRATION,
            "POST",
            "/refunds/" + world.refundId + "/settlement",
            null,
            "{\"settledAt\": \"2026-01-01T00:00:00Z\", \"paymentReference\": \"psp-1\"}"),
        "settledAt");
  }

  private static String orderBody(String customerId) {
    return ApiRoutes.load().operations().stream()
        .filter(o -> o.routeKey().equals("PUT /orders/{orderId}"))
        .findFirst()
        .orElseThrow()
        .bodyExample()
        .toString()
        .replace("\"c-1\"", "\"" + customerId + "\"");
  }
}
