package org.aftersales.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.testing.LambdaRun;
import org.junit.jupiter.api.Test;

class ApiGatewayV2RequestTest {

  @Test
  void reads_route_path_parameters_headers_body_and_request_id_of_a_customer_event() {
    ApiGatewayV2Request request =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-customer-cancel.json"));

    assertThat(request.routeKey()).isEqualTo("POST /orders/{orderId}/cancellation");
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/orders/o-1001/cancellation");
    assertThat(request.pathParameter("orderId")).isEqualTo("o-1001");
    assertThat(request.header("Idempotency-Key")).contains("cancel-o-1001-7f3a");
    assertThat(request.body())
        .isEqualTo(
            "{\"reason\": \"changed my mind\", \"lines\": [{\"lineId\": \"L1\", \"quantity\": 1}]}");
    assertThat(request.awsRequestId()).isEqualTo("JKJaXmPLvHcESHA=");
    assertThat(request.caller().roles()).containsExactly(Role.CUSTOMER);
    assertThat(request.caller().customerId()).contains("c-1");
  }

  @Test
  void decodes_a_base64_body() {
    ApiGatewayV2Request request =
        ApiGatewayV2Request.fromEvent(
            LambdaRun.resource("http-api-storefront-put-order-base64.json"));

    assertThat(request.body())
        .isEqualTo(
            "{\"customerId\": \"c-1\", \"currency\": \"EUR\", \"placedAt\": \"2026-11-02T10:00:00Z\"}");
    assertThat(request.jsonBody().requiredString("customerId")).isEqualTo("c-1");
  }

  @Test
  void a_body_marked_base64_that_is_not_is_a_400_on_body() {
    ObjectNode event = LambdaRun.resource("http-api-storefront-put-order-base64.json");
    event.put("body", "{not base64!}");

    assertThatThrownBy(() -> ApiGatewayV2Request.fromEvent(event))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.errors()).extracting(FieldError::field).containsExactly("body");
            });
  }

  @Test
  void reads_query_parameters_as_api_gateway_joins_them() {
    ApiGatewayV2Request request =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-agent-get-order.json"));

    assertThat(request.rawQueryString()).isEqualTo("include=refunds&include=actions");
    assertThat(request.queryParameter("include")).contains("refunds,actions");
    assertThat(request.queryParameter("status")).isEmpty();
    assertThat(request.body()).isNull();
  }

  @Test
  void an_event_with_no_authorizer_has_the_anonymous_caller() {
    ApiGatewayV2Request request =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-anonymous-get-policy.json"));

    assertThat(request.caller().isAnonymous()).isTrue();
    assertThat(request.caller().roles()).isEmpty();
    assertThat(request.pathParameters()).isEmpty();
  }

  @Test
  void a_missing_path_parameter_is_a_wiring_bug_not_bad_input() {
    ApiGatewayV2Request request =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-anonymous-get-policy.json"));

    assertThatThrownBy(() -> request.pathParameter("orderId"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_path_id_that_is_not_an_id_is_a_400_naming_the_parameter() {
    for (String bad :
        java.util.List.of("x".repeat(2048), "~", "a~b~c", "..", "o\r\n1", " o-1", "o-1\u202E")) {
      ApiGatewayV2Request request =
          ApiGatewayV2Request.fromEvent(
              LambdaRun.withPathParameter(
                  LambdaRun.resource("http-api-agent-get-order.json"), "orderId", bad));

      assertThatThrownBy(() -> request.pathParameter("orderId"))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiProblem.class,
              p -> {
                assertThat(p.status()).isEqualTo(400);
                assertThat(p.errors().getFirst().field()).isEqualTo("orderId");
              });
    }
    ObjectNode settle = LambdaRun.resource("http-api-agent-get-order.json");
    ((ObjectNode) settle.get("pathParameters")).put("refundId", "o-1001~rf-cancellation-c-1");
    assertThat(ApiGatewayV2Request.fromEvent(settle).pathParameter("refundId"))
        .isEqualTo("o-1001~rf-cancellation-c-1");
    ((ObjectNode) settle.get("pathParameters")).put("refundId", "a~b~c");
    ApiGatewayV2Request forged = ApiGatewayV2Request.fromEvent(settle);
    assertThatThrownBy(() -> forged.pathParameter("refundId")).isInstanceOf(ApiProblem.class);
  }

  @Test
  void header_names_are_matched_without_case() {
    ObjectNode event =
        LambdaRun.withHeader(LambdaRun.resource("http-api-agent-get-order.json"), "X-Custom", "v");

    assertThat(ApiGatewayV2Request.fromEvent(event).header("x-custom")).contains("v");
  }

  @Test
  void correlation_id_is_the_clients_sane_x_request_id_else_api_gateways_request_id() {
    assertThat(
            ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-customer-cancel.json"))
                .correlationId())
        .isEqualTo("client-req-42");
    assertThat(
            ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-agent-get-order.json"))
                .correlationId())
        .isEqualTo("JKJbAhMcvHcEJdw=");
    ObjectNode injected =
        LambdaRun.withHeader(
            LambdaRun.resource("http-api-customer-cancel.json"),
            "x-request-id",
            "abc\n{\"level\":\"ERROR\"}");
    assertThat(ApiGatewayV2Request.fromEvent(injected).correlationId())
        .isEqualTo("JKJaXmPLvHcESHA=");
    ObjectNode tooLong =
        LambdaRun.withHeader(
            LambdaRun.resource("http-api-customer-cancel.json"), "x-request-id", "a".repeat(129));
    assertThat(ApiGatewayV2Request.fromEvent(tooLong).correlationId())
        .isEqualTo("JKJaXmPLvHcESHA=");
  }

  @Test
  void an_event_without_route_key_is_not_an_http_api_event() {
    assertThatThrownBy(
            () -> ApiGatewayV2Request.fromEvent(org.aftersales.shared.json.Json.object()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
