package org.aftersales.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.idempotency.IdempotencyStore.IdempotencyRecord;
import org.aftersales.shared.idempotency.IdempotencyStore.StoredResponse;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LambdaRun.Response;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key contract of openapi.yaml "Conventions", through the API function. */
class IdempotencyTest {

  private final AtomicInteger runs = new AtomicInteger();
  private final AtomicInteger failuresToGo = new AtomicInteger();
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

  private final Router router =
      Router.builder()
          .route(
              "POST /orders/{orderId}/cancellation",
              r -> {
                r.caller().requireAny(Role.CUSTOMER, Role.AGENT);
                JsonBody body = r.jsonBody();
                String reason = body.requiredString("reason");
                body.throwIfInvalid();
                int run = runs.incrementAndGet();
                if (failuresToGo.getAndDecrement() > 0) {
                  throw new IllegalStateException("table unavailable");
                }
                return ApiResponse.ok(
                    Map.of("orderId", r.pathParameter("orderId"), "reason", reason, "run", run));
              })
          .route(
              "GET /orders/{orderId}", r -> ApiResponse.ok(Map.of("run", runs.incrementAndGet())))
          .build();

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T13:20:00Z"), ZoneOffset.UTC);

  /** Toy routes answer toy bodies: this plumbing test does not check them against openapi.yaml. */
  private final LambdaRun api = LambdaRun.withoutContract();

  private final ApiFunction function = function(router, store);

  private static ObjectNode cancel(String key, String body) {
    ObjectNode event =
        LambdaRun.withBody(LambdaRun.resource("http-api-customer-cancel.json"), body);
    return key == null
        ? LambdaRun.withoutHeader(event, "idempotency-key")
        : LambdaRun.withHeader(event, "idempotency-key", key);
  }

  @Test
  void the_same_key_and_body_replays_the_first_response_and_does_nothing_more() {
    Response first =
        api.invoke(function, cancel("k-1", "{\"reason\": \"late\", \"lines\": [1, 2]}"));
    Response again =
        api.invoke(function, cancel("k-1", "{\"lines\": [1,2], \"reason\": \"late\"}"));

    assertThat(runs.get()).isEqualTo(1);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.header("idempotent-replayed")).isNull();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.rawBody()).isEqualTo(first.rawBody());
    assertThat(again.header("idempotent-replayed")).isEqualTo("true");
    assertThat(again.header("content-type")).isEqualTo("application/json");
    assertThat(again.header("x-request-id")).isEqualTo("client-req-42");
    assertThat(store.completes).isEqualTo(1);
  }

  @Test
  void the_same_key_with_a_different_body_is_422_idempotency_key_reused() {
    api.invoke(function, cancel("k-2", "{\"reason\": \"late\"}"));
    Response reused = api.invoke(function, cancel("k-2", "{\"reason\": \"changed my mind\"}"));

    assertThat(runs.get()).isEqualTo(1);
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(reused.header("content-type")).isEqualTo("application/problem+json");
    assertThat(reused.body().path("code").asText()).isEqualTo("idempotency-key-reused");
    assertThat(reused.body().path("type").asText())
        .isEqualTo("https://aftersales.example/problems/idempotency-key-reused");
  }

  @Test
  void the_same_key_on_another_path_is_a_different_request() {
    api.invoke(function, cancel("k-3", "{\"reason\": \"late\"}"));
    ObjectNode otherOrder =
        cancel("k-3", "{\"reason\": \"late\"}").put("rawPath", "/orders/o-2002/cancellation");

    assertThat(api.invoke(function, otherOrder).statusCode()).isEqualTo(422);
  }

  @Test
  void a_key_whose_first_request_still_runs_is_409_request_in_progress() {
    ObjectNode event = cancel("k-4", "{\"reason\": \"late\"}");
    ApiGatewayV2Request request = ApiGatewayV2Request.fromEvent(event);
    store.records.put(
        "sub:c-1#k-4",
        new IdempotencyRecord(
            Idempotency.requestHash(request),
            Optional.empty(),
            Instant.parse("2026-11-27T13:20:00Z")));

    Response response = api.invoke(function, event);

    assertThat(runs.get()).isZero();
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body().path("code").asText()).isEqualTo("request-in-progress");
  }

  @Test
  void a_5xx_releases_the_key_so_the_client_can_retry_with_it() {
    failuresToGo.set(1);

    Response failed = api.invoke(function, cancel("k-5", "{\"reason\": \"late\"}"));

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(store.releases).isEqualTo(1);
    assertThat(store.records).doesNotContainKey("sub:c-1#k-5");

    Response retried = api.invoke(function, cancel("k-5", "{\"reason\": \"late\"}"));

    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.header("idempotent-replayed")).isNull();
    assertThat(retried.body().path("run").asInt()).isEqualTo(2);
    assertThat(store.records.get("sub:c-1#k-5").response()).map(r -> r.status()).contains(200);
  }

  @Test
  void when_the_response_cannot_be_stored_the_answer_is_500_and_the_key_is_freed() {
    InMemoryIdempotencyStore failingStore =
        new InMemoryIdempotencyStore() {
          @Override
          public synchronized void complete(
              String callerScope, String key, StoredResponse response, Instant now) {
            throw new IllegalStateException("ProvisionedThroughputExceededException");
          }
        };
    ApiFunction failing = function(router, failingStore);

    Response response = api.invoke(failing, cancel("k-8", "{\"reason\": \"late\"}"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(failingStore.records).isEmpty();
    assertThat(failingStore.releases).isEqualTo(1);
  }

  @Test
  void a_4xx_answer_is_remembered_like_any_other() {
    Response invalid = api.invoke(function, cancel("k-6", "{\"reason\": 5}"));
    Response again = api.invoke(function, cancel("k-6", "{\"reason\": 5}"));

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.header("idempotent-replayed")).isEqualTo("true");
    assertThat(again.header("content-type")).isEqualTo("application/problem+json");
  }

  @Test
  void keys_are_scoped_to_the_caller() {
    api.invoke(function, cancel("shared-key", "{\"reason\": \"late\"}"));
    ObjectNode agentEvent = cancel("shared-key", "{\"reason\": \"late\"}");
    ((ObjectNode) agentEvent.get("requestContext"))
        .set(
            "authorizer",
            LambdaRun.resource("http-api-agent-get-order.json")
                .path("requestContext")
                .get("authorizer"));

    Response agents = api.invoke(function, agentEvent);

    assertThat(agents.statusCode()).isEqualTo(200);
    assertThat(agents.header("idempotent-replayed")).isNull();
    assertThat(runs.get()).isEqualTo(2);
    assertThat(store.records).containsKeys("sub:c-1#shared-key", "sub:a-7#shared-key");
  }

  @Test
  void a_key_longer_than_64_or_not_printable_ascii_is_400_and_nothing_runs() {
    for (String bad : new String[] {"k".repeat(65), "clé-1", "tab\tkey"}) {
      Response response = api.invoke(function, cancel(bad, "{\"reason\": \"late\"}"));

      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.body().path("errors").get(0).path("field").asText())
          .isEqualTo("Idempotency-Key");
    }
    assertThat(api.invoke(function, cancel("k".repeat(64), "{\"reason\": \"late\"}")).statusCode())
        .isEqualTo(200);
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void without_a_key_or_on_a_get_the_store_is_not_used() {
    api.invoke(function, cancel(null, "{\"reason\": \"late\"}"));
    api.invoke(function, cancel(null, "{\"reason\": \"late\"}"));
    api.invoke(
        function,
        LambdaRun.withHeader(
            LambdaRun.resource("http-api-agent-get-order.json"), "idempotency-key", "k-7"));

    assertThat(runs.get()).isEqualTo(3);
    assertThat(store.claims).isZero();
  }

  @Test
  void the_request_hash_ignores_json_key_order_and_whitespace_but_not_values() {
    String a =
        Idempotency.requestHash(
            ApiGatewayV2Request.fromEvent(
                cancel("k", "{\"a\": 1, \"b\": [2, {\"d\": 4, \"c\": 3}]}")));
    String b =
        Idempotency.requestHash(
            ApiGatewayV2Request.fromEvent(cancel("k", "{\"b\":[2,{\"c\":3,\"d\":4}],\"a\":1}")));
    String c =
        Idempotency.requestHash(
            ApiGatewayV2Request.fromEvent(cancel("k", "{\"b\":[2,{\"c\":3,\"d\":5}],\"a\":1}")));

    assertThat(a).isEqualTo(b).hasSize(64).isNotEqualTo(c);
  }

  private ApiFunction function(
      Router router, org.aftersales.shared.idempotency.IdempotencyStore store) {
    return new ApiFunction(
        router, store, api.log(CLOCK, "TestFunction"), api.metrics(CLOCK), CLOCK);
  }

  @Test
  void a_derived_id_is_the_hash_of_salt_scope_key_and_subject_and_random_without_a_key()
      throws Exception {
    Caller shopper = Caller.fromJwt(Json.object().put("sub", "c-1"), null);
    String expected =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest("claim\nsub:c-1\nk-1\no-1".getBytes(StandardCharsets.UTF_8)))
            .substring(0, 24);

    assertThat(Idempotency.derivedId(shopper, Optional.of("k-1"), "claim\n", "o-1", () -> "r"))
        .isEqualTo(expected);
    assertThat(Idempotency.derivedId(shopper, Optional.of("k-2"), "claim\n", "o-1", () -> "r"))
        .isNotEqualTo(expected)
        .hasSize(24);
    assertThat(Idempotency.derivedId(shopper, Optional.empty(), "claim\n", "o-1", () -> "r"))
        .isEqualTo("r");
    assertThat(
            Idempotency.derivedId(
                Caller.anonymous(), Optional.of("k-1"), "claim\n", "o-1", () -> "r"))
        .isEqualTo("r");
  }
}
