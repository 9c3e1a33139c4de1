package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventsTest {

  private static final RouteTable.Match MATCH =
      new RouteTable.Match(
          new HttpRoute(
              "POST", "/orders/{orderId}/cancellation", "CancellationFunction", true, List.of()),
          Map.of("orderId", "o 1"));

  private static HttpApiEvents.Request request(Map<String, List<String>> headers, byte[] body) {
    return new HttpApiEvents.Request(
        "POST", "/orders/o%201/cancellation", "a=1&a=2&b=x%20y", headers, body, "127.0.0.1");
  }

  @Test
  void the_request_event_is_payload_format_2_0_with_the_jwt_claims() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-Multi", List.of("a", "b"));
    headers.put("Cookie", List.of("s=1; t=2"));
    JwtVerdict.Allowed claims =
        new JwtVerdict.Allowed(Map.of("sub", "c-1", "cognito:groups", "[care-agents]"), List.of());

    JsonNode event =
        HttpApiEvents.request(
            request(headers, "{\"reason\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
            MATCH,
            claims,
            "req-1",
            Instant.parse("2026-11-26T14:00:00Z"));

    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("routeKey").asText()).isEqualTo("POST /orders/{orderId}/cancellation");
    assertThat(event.path("rawPath").asText()).isEqualTo("/orders/o%201/cancellation");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y");
    assertThat(event.at("/queryStringParameters/a").asText()).isEqualTo("1,2");
    assertThat(event.at("/queryStringParameters/b").asText()).isEqualTo("x y");
    assertThat(event.at("/headers/content-type").asText()).isEqualTo("application/json");
    assertThat(event.at("/headers/x-multi").asText()).isEqualTo("a,b");
    assertThat(event.path("headers").has("cookie")).isFalse();
    assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("s=1", "t=2");
    assertThat(event.at("/pathParameters/orderId").asText()).isEqualTo("o 1");
    assertThat(event.path("body").asText()).isEqualTo("{\"reason\":\"x\"}");
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    assertThat(event.at("/requestContext/authorizer/jwt/claims/cognito:groups").asText())
        .isEqualTo("[care-agents]");
    assertThat(event.at("/requestContext/http/method").asText()).isEqualTo("POST");
    assertThat(event.at("/requestContext/requestId").asText()).isEqualTo("req-1");
    assertThat(event.at("/requestContext/time").asText()).isEqualTo("26/Nov/2026:14:00:00 +0000");
    assertThat(event.at("/requestContext/timeEpoch").asLong())
        .isEqualTo(Instant.parse("2026-11-26T14:00:00Z").toEpochMilli());
    assertThat(event.at("/requestContext/stage").asText()).isEqualTo("$default");
  }

  @Test
  void a_binary_body_is_base64_and_a_public_route_has_no_authorizer() {
    JsonNode event =
        HttpApiEvents.request(
            request(Map.of("content-type", List.of("image/jpeg")), new byte[] {(byte) 0xff, 0x00}),
            MATCH,
            null,
            "req-2",
            Instant.now());

    assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(event.path("body").asText()).isEqualTo("/wA=");
    assertThat(event.path("requestContext").has("authorizer")).isFalse();
  }

  @Test
  void a_structured_response_keeps_status_headers_and_body_and_a_bare_value_means_200_json() {
    HttpApiEvents.Response structured =
        HttpApiEvents.response(
            ("{\"statusCode\":409,\"headers\":{\"Content-Type\":"
                    + "\"application/problem+json\"},\"cookies\":[\"a=b\"],\"body\":\"{\\\"code\\\":\\\"parcel-cancelled\\\"}\"}")
                .getBytes(StandardCharsets.UTF_8));
    HttpApiEvents.Response bare =
        HttpApiEvents.response("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));

    assertThat(structured.status()).isEqualTo(409);
    assertThat(structured.headers()).containsEntry("content-type", "application/problem+json");
    assertThat(structured.cookies()).containsExactly("a=b");
    assertThat(new String(structured.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":\"parcel-cancelled\"}");
    assertThat(bare.status()).isEqualTo(200);
    assertThat(new String(bare.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
  }
}
