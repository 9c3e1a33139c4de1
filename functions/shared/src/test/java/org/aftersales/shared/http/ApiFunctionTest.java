package org.aftersales.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.store.NoSuchOrderException;
import org.aftersales.shared.store.OrderContentionException;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LambdaRun.Response;
import org.junit.jupiter.api.Test;

class ApiFunctionTest {

  /** A typed read through the shared mapper, as a handler may do it. */
  record OrderHead(String customerId, String currency, int lineCount) {}

  private static final Map<String, String> OWNERS = Map.of("o-1001", "c-1", "o-2002", "c-2");

  private final Router router =
      Router.builder()
          .route("GET /policy", r -> ApiResponse.ok(Map.of("version", "2026-01")))
          .route(
              "GET /orders/{orderId}",
              r -> {
                Caller caller = r.caller().requireAny(Role.CUSTOMER, Role.AGENT);
                String orderId = r.pathParameter("orderId");
                String owner = OWNERS.get(orderId);
                if (owner == null || !caller.canSeeCustomer(owner)) {
                  throw ApiProblem.notFound("No order " + orderId + ".");
                }
                return ApiResponse.ok(Map.of("orderId", orderId));
              })
          .route(
              "POST /orders/{orderId}/cancellation",
              r -> {
                r.caller().requireAny(Role.CUSTOMER, Role.AGENT);
                JsonBody body = r.jsonBody();
                body.optionalString("reason", 500);
                body.optionalArray("lines", (item, path) -> item.requiredInt("quantity", 1, 99));
                body.throwIfInvalid();
                return ApiResponse.ok(
                    Map.of("orderId", r.pathParameter("orderId"), "cancelled", List.of()));
              })
          .route(
              "PUT /orders/{orderId}",
              r -> {
                r.caller().requireAny(Role.STOREFRONT_SERVICE);
                try {
                  OrderHead head = Json.MAPPER.readValue(r.body(), OrderHead.class);
                  return ApiResponse.created(head);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .route(
              "POST /refunds/{refundId}/settlement",
              r -> {
                try {
                  return ApiResponse.ok(Json.MAPPER.readTree(r.body()));
                } catch (IOException e) {
                  throw new IllegalStateException(
                      "a bug: wraps a parser error in the wrong exception", e);
                }
              })
          .route(
              "GET /claims/{claimId}",
              r -> {
                throw software.amazon.awssdk.core.exception.ApiCallTimeoutException.create(2500);
              })
          .route(
              "POST /returns/{returnId}/withdrawal",
              r -> {
                throw new OrderContentionException("o-1001", 40);
              })
          .route(
              "GET /returns/{returnId}",
              r -> {
                throw new NoSuchOrderException("o-1001");
              })
          .route(
              "POST /claims/{claimId}/decision",
              r -> {
                throw new IllegalStateException(
                    "connection to db-internal-7 refused, password=hunter2");
              })
          .build();

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T13:20:00Z"), ZoneOffset.UTC);

  /** Toy routes answer toy bodies: this plumbing test does not check them against openapi.yaml. */
  private final LambdaRun api = LambdaRun.withoutContract();

  private final ApiFunction function = function(router, new InMemoryIdempotencyStore());

  @Test
  void routes_the_event_and_writes_a_v2_response_with_request_id_and_content_type() {
    Response response = api.invoke(function, LambdaRun.resource("http-api-customer-cancel.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.isBase64Encoded()).isFalse();
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(response.header("x-request-id")).isEqualTo("client-req-42");
    assertThat(response.body())
        .isEqualTo(Json.object().put("orderId", "o-1001").set("cancelled", Json.array()));
  }

  @Test
  void without_a_client_request_id_the_api_gateway_request_id_is_echoed() {
    Response response = api.invoke(function, LambdaRun.resource("http-api-agent-get-order.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("x-request-id")).isEqualTo("JKJbAhMcvHcEJdw=");
  }

  @Test
  void an_anonymous_caller_gets_401_problem_json_with_every_member() {
    ObjectNode event = LambdaRun.resource("http-api-anonymous-get-policy.json");
    event.put("routeKey", "GET /orders/{orderId}").put("rawPath", "/orders/o-1001");
    event.putObject("pathParameters").put("orderId", "o-1001");

    Response response = api.invoke(function, event);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.header("x-request-id")).isEqualTo("JKJfWiMQvHcERSC=");
    assertThat(response.body())
        .isEqualTo(
            Json.object()
                .put("type", "https://aftersales.example/problems/unauthenticated")
                .put("title", "Authentication required")
                .put("status", 401)
                .put("detail", "This request needs a valid access token.")
                .put("code", "unauthenticated")
                .<ObjectNode>set("ruleIds", Json.array())
                .set("errors", Json.array()));
  }

  @Test
  void anyone_may_read_the_policy() {
    assertThat(
            api.invoke(function, LambdaRun.resource("http-api-anonymous-get-policy.json"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_caller_without_the_role_gets_403() {
    ObjectNode event = LambdaRun.resource("http-api-storefront-put-order-base64.json");
    event.put("routeKey", "GET /orders/{orderId}");

    Response response = api.invoke(function, event);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body().path("code").asText()).isEqualTo("forbidden");
  }

  @Test
  void another_customers_order_is_404_as_if_it_did_not_exist_while_an_agent_sees_it() {
    ObjectNode customerAsksForOthers = LambdaRun.resource("http-api-customer-cancel.json");
    customerAsksForOthers.put("routeKey", "GET /orders/{orderId}");
    customerAsksForOthers.putObject("pathParameters").put("orderId", "o-2002");
    ObjectNode customerAsksForMissing = customerAsksForOthers.deepCopy();
    ((ObjectNode) customerAsksForMissing.get("pathParameters")).put("orderId", "o-9999");
    ObjectNode agentAsks = LambdaRun.resource("http-api-agent-get-order.json");
    ((ObjectNode) agentAsks.get("pathParameters")).put("orderId", "o-2002");

    Response others = api.invoke(function, customerAsksForOthers);
    Response missing = api.invoke(function, customerAsksForMissing);

    assertThat(others.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(others.body().path("code")).isEqualTo(missing.body().path("code"));
    assertThat(api.invoke(function, agentAsks).statusCode()).isEqualTo(200);
  }

  @Test
  void an_order_that_kept_changing_is_a_503_order_busy_with_retry_after_not_a_bug() {
    ObjectNode event = LambdaRun.resource("http-api-customer-cancel.json");
    event.put("routeKey", "POST /returns/{returnId}/withdrawal");

    Response response = api.invoke(function, event);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.header("retry-after")).isEqualTo("1");
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body().path("code").asText()).isEqualTo("order-busy");
    assertThat(response.body().path("status").asInt()).isEqualTo(503);
    assertThat(api.stdoutJson()).noneMatch(line -> "ERROR".equals(line.path("level").asText()));
  }

  @Test
  void an_order_that_vanished_under_a_route_is_404_like_a_missing_one() {
    ObjectNode event = LambdaRun.resource("http-api-agent-get-order.json");
    event.put("routeKey", "GET /returns/{returnId}");

    Response response = api.invoke(function, event);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body().path("code").asText()).isEqualTo("not-found");
    assertThat(response.body().path("detail").asText()).isEqualTo("No order o-1001.");
  }

  @Test
  void an_unknown_route_is_a_404_problem() {
    ObjectNode event = LambdaRun.resource("http-api-anonymous-get-policy.json");
    event.put("routeKey", "$default").put("rawPath", "/nowhere");

    Response response = api.invoke(function, event);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body().path("type").asText())
        .isEqualTo("https://aftersales.example/problems/not-found");
  }

  @Test
  void bad_input_is_one_400_problem_listing_every_field() {
    ObjectNode event =
        LambdaRun.withBody(
            LambdaRun.resource("http-api-customer-cancel.json"),
            "{\"reason\": 7, \"lines\": [{\"quantity\": 0}, {\"quantity\": 2.5}, {}]}");

    Response response = api.invoke(function, event);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    JsonNode problem = response.body();
    assertThat(problem.path("type").asText())
        .isEqualTo("https://aftersales.example/problems/invalid-request");
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("errors"))
        .isEqualTo(
            Json.MAPPER.valueToTree(
                List.of(
                    Map.of("field", "reason", "message", "must be a string"),
                    Map.of("field", "lines[0].quantity", "message", "must be between 1 and 99"),
                    Map.of("field", "lines[1].quantity", "message", "must be an integer"),
                    Map.of("field", "lines[2].quantity", "message", "is required"))));
  }

  @Test
  void a_json_type_error_from_a_typed_read_is_a_400_naming_the_field() {
    ObjectNode event =
        LambdaRun.withBody(
            LambdaRun.resource("http-api-storefront-put-order-base64.json"),
            "{\"customerId\": \"c-1\", \"currency\": \"EUR\", \"lineCount\": \"many\"}");

    Response response = api.invoke(function, event);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("lineCount");
    assertThat(response.rawBody()).doesNotContain("OrderHead").doesNotContain("many");
  }

  @Test
  void a_json_syntax_error_from_a_typed_read_is_a_400_on_body() {
    Response response =
        api.invoke(
            function,
            LambdaRun.withBody(
                LambdaRun.resource("http-api-storefront-put-order-base64.json"),
                "{\"customerId\": "));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("body");
  }

  @Test
  void an_unexpected_exception_is_a_500_without_internal_detail_logged_with_its_stack_trace() {
    Response response =
        api.invoke(function, LambdaRun.resource("http-api-agent-groups-array.json"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body().path("code").asText()).isEqualTo("internal-error");
    assertThat(response.body().path("detail").asText()).contains("JKJcQbYdvHcEMNg=");
    assertThat(response.rawBody())
        .doesNotContain("hunter2")
        .doesNotContain("db-internal")
        .doesNotContain("IllegalStateException")
        .doesNotContain("at org.");

    JsonNode error =
        api.stdoutJson().stream()
            .filter(l -> "ERROR".equals(l.path("level").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(error.path("errorClass").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("stackTrace").asText()).contains("ApiFunctionTest");
    assertThat(error.path("requestId").asText()).isEqualTo("JKJcQbYdvHcEMNg=");
    assertThat(error.path("route").asText()).isEqualTo("POST /claims/{claimId}/decision");
  }

  @Test
  void a_dependency_that_does_not_answer_is_a_503_with_retry_after_not_a_500() {
    ObjectNode event = LambdaRun.resource("http-api-agent-get-order.json");
    event.put("routeKey", "GET /claims/{claimId}");
    ((ObjectNode) event.get("pathParameters")).removeAll().put("claimId", "cl-1");

    Response response = api.invoke(function, event);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.header("retry-after")).isEqualTo("2");
    assertThat(response.body().path("code").asText()).isEqualTo("dependency-unavailable");
    assertThat(ApiFunction.isDependencyFailure(new RuntimeException(new IllegalStateException())))
        .isFalse();
    assertThat(
            ApiFunction.isDependencyFailure(
                software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                    .statusCode(500)
                    .build()))
        .isTrue();
    assertThat(
            ApiFunction.isDependencyFailure(
                software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                    .statusCode(400)
                    .build()))
        .as("a 400 from DynamoDB is a bug of ours, not an outage")
        .isFalse();
  }

  @Test
  void a_500_caused_by_a_parser_error_logs_no_quote_of_the_body() {
    Response response =
        api.invoke(
            function,
            LambdaRun.withBody(
                LambdaRun.resource("http-api-payment-settle-scope-claim.json"),
                "{\"paymentReference\": JaneSecret}"));

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode error =
        api.stdoutJson().stream()
            .filter(l -> "ERROR".equals(l.path("level").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(error.path("stackTrace").asText())
        .contains(
            "Caused by: com.fasterxml.jackson.core.JsonParseException: [JSON error message withheld")
        .contains("line 1, column");
    assertThat(api.stdoutLines()).noneMatch(line -> line.contains("JaneSecret"));
  }

  @Test
  void the_lambda_context_names_the_function_and_backs_up_a_missing_request_id()
      throws IOException {
    ObjectNode event =
        LambdaRun.withoutHeader(
            LambdaRun.resource("http-api-customer-cancel.json"), "x-request-id");
    ((ObjectNode) event.get("requestContext")).remove("requestId");
    var output = new java.io.ByteArrayOutputStream();

    function.handleRequest(
        new java.io.ByteArrayInputStream(
            Json.write(event).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        output,
        new FakeContext("lambda-req-9", "aftersales-CancellationFunction-X1"));

    assertThat(
            Json.MAPPER
                .readTree(output.toByteArray())
                .path("headers")
                .path("x-request-id")
                .asText())
        .isEqualTo("lambda-req-9");
    JsonNode access =
        api.stdoutJson().stream().filter(l -> l.has("status")).findFirst().orElseThrow();
    assertThat(access.path("function").asText()).isEqualTo("aftersales-CancellationFunction-X1");
    assertThat(access.path("requestId").asText()).isEqualTo("lambda-req-9");
  }

  @Test
  void an_event_that_is_not_json_is_a_500_problem() {
    Response response = api.invoke(function, "this is not an event");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.header("x-request-id")).isEqualTo("unknown");
  }

  @Test
  void every_stdout_line_is_json_and_none_carries_body_content() {
    String secretBody = "{\"reason\": \"Jane Doe, 12 Secret Street, jane@example.com\"}";
    api.invoke(function, LambdaRun.withBody(cancelWithoutKey(), secretBody));
    api.invoke(
        function,
        LambdaRun.withBody(cancelWithoutKey(), "{\"reason\": \"Jane Doe, 12 Secret Street\", "));
    api.invoke(function, LambdaRun.withBody(cancelWithoutKey(), "{\"reason\": [\"Jane Doe\"]}"));
    api.invoke(function, LambdaRun.resource("http-api-agent-groups-array.json"));

    List<JsonNode> lines = api.stdoutJson();

    assertThat(lines).isNotEmpty();
    assertThat(api.stdoutLines())
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain("Jane")
                    .doesNotContain("Secret")
                    .doesNotContain("jane@"));
    assertThat(api.stdoutLines())
        .noneMatch(line -> line.contains("sorry about that")); // the 500 request's body
    List<JsonNode> access =
        lines.stream().filter(l -> "request handled".equals(l.path("message").asText())).toList();
    assertThat(access)
        .extracting(l -> l.path("status").asInt())
        .containsExactly(200, 400, 400, 500);
    JsonNode first = access.getFirst();
    assertThat(first.path("time").asText()).isEqualTo("2026-11-26T13:20:00Z");
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("requestId").asText()).isEqualTo("client-req-42");
    assertThat(first.path("route").asText()).isEqualTo("POST /orders/{orderId}/cancellation");
    assertThat(first.path("function").asText()).isEqualTo("TestFunction");
    assertThat(first.path("durationMs").isIntegralNumber()).isTrue();
    assertThat(access.get(1).path("problem").asText()).isEqualTo("invalid-request");
  }

  @Test
  void one_emf_line_per_invocation_with_latency_and_server_errors() {
    api.invoke(function, LambdaRun.resource("http-api-customer-cancel.json"));
    api.invoke(function, LambdaRun.resource("http-api-agent-groups-array.json"));

    List<JsonNode> emf = api.stdoutJson().stream().filter(l -> l.has("_aws")).toList();

    assertThat(emf).hasSize(2);
    JsonNode ok = emf.get(0);
    assertThat(ok.path("_aws").path("Timestamp").asLong()).isEqualTo(CLOCK.millis());
    JsonNode directive = ok.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("AfterSales");
    assertThat(directive.path("Dimensions"))
        .isEqualTo(Json.array().add(Json.array().add("Service")));
    assertThat(directive.path("Metrics"))
        .isEqualTo(
            Json.array().add(Json.object().put("Name", "Latency").put("Unit", "Milliseconds")));
    assertThat(ok.path("Service").asText()).isEqualTo("aftersales");
    assertThat(ok.path("Latency").isNumber()).isTrue();
    assertThat(ok.path("requestId").asText()).isEqualTo("client-req-42");
    JsonNode failed = emf.get(1);
    assertThat(failed.path("ServerError").asInt()).isEqualTo(1);
    assertThat(
            failed
                .path("_aws")
                .path("CloudWatchMetrics")
                .get(0)
                .path("Metrics")
                .findValuesAsText("Name"))
        .containsExactly("Latency", "ServerError");
  }

  private static ObjectNode cancelWithoutKey() {
    return LambdaRun.withoutHeader(
        LambdaRun.resource("http-api-customer-cancel.json"), "idempotency-key");
  }

  private ApiFunction function(
      Router router, org.aftersales.shared.idempotency.IdempotencyStore store) {
    return new ApiFunction(
        router, store, api.log(CLOCK, "TestFunction"), api.metrics(CLOCK), CLOCK);
  }
}
