package org.aftersales.policyapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LambdaRun.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /policy} on {@code events/PolicyFunction/get-policy-anonymous.json}: no token needed.
 */
class PolicyHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");

  private final LambdaRun stdout = new LambdaRun();

  private PolicyHandler handler(Instant now) {
    return new PolicyHandler(
        PolicyDocuments.load(),
        stdout.out,
        Clock.fixed(now, ZoneOffset.UTC),
        Map.of("AWS_LAMBDA_FUNCTION_NAME", "TestFunction", "SERVICE_NAME", "aftersales"));
  }

  private Response get(Instant now) {
    return LambdaRun.http(
        handler(now), LambdaRun.eventText("PolicyFunction", "get-policy-anonymous"));
  }

  @Test
  void anyone_gets_the_version_in_force_with_every_configured_value() {
    Response response = get(NOW);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("cache-control")).isEqualTo("public, max-age=300");
    JsonNode policy = response.body();
    PolicyDocument expected = PolicyBook.loadDefault().current(NOW);
    assertThat(policy.get("version").asText()).isEqualTo(expected.version()).isEqualTo("2026-06");
    assertThat(policy.get("storeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(policy.at("/windows/returnDays").asInt()).isEqualTo(60);
    assertThat(policy.at("/windows/doaDays").asInt()).isEqualTo(14);
    assertThat(policy.at("/windows/returnSendByDays").asInt()).isEqualTo(14);
    assertThat(policy.at("/refundDeadline/businessDays").asInt()).isEqualTo(5);
    assertThat(policy.at("/refundDeadline/ruleIds/0").asText()).isEqualTo("GEN-5");
    assertThat(policy.at("/refundDeadline/priceDropRefunds").asBoolean()).isFalse();
    assertThat(policy.get("holidays")).hasSize(expected.holidays().size());
    assertThat(policy.at("/holidays/0").asText()).isEqualTo("2026-01-01");
    assertThat(policy.at("/nonReturnableCategories/categories").toString())
        .isEqualTo("[\"gift-cards\",\"personal-care\",\"software\"]");
    assertThat(policy.at("/warranty/monthsByCategory/electronics").asInt()).isEqualTo(24);
    assertThat(policy.at("/warranty/defaultMonths").asInt()).isEqualTo(12);
    assertThat(policy.at("/returnAddress/recipient").asText()).isEqualTo("KWOKING Returns");
    assertThat(policy.at("/returnAddress/lines/2").asText()).isEqualTo("20457 Hamburg");
    assertThat(policy.at("/evidence/required").toString())
        .isEqualTo("[\"PROBLEM\",\"SHIPPING_LABEL\",\"PACKAGING\"]");
    assertThat(policy.at("/evidence/rules/SHIPPING_LABEL/maxBytes").asLong()).isEqualTo(10485760L);
    assertThat(policy.at("/evidence/rules/PROBLEM/allowedContentTypes").toString())
        .contains("video/mp4");
  }

  @Test
  void GEN_7_the_document_rendered_at_build_time_is_the_books_version_at_every_boundary()
      throws Exception {
    PolicyBook book = PolicyBook.loadDefault();
    PolicyDocuments documents = PolicyDocuments.load();
    for (PolicyDocument version : book.versions()) {
      Instant from = version.effectiveFrom();
      for (Instant at : List.of(from.minusMillis(1), from, from.plusMillis(1), NOW)) {
        if (at.isBefore(book.versions().getFirst().effectiveFrom())) {
          assertThatThrownBy(() -> documents.version(at.toEpochMilli()))
              .hasMessageContaining("GEN-7");
          continue;
        }
        assertThat(documents.version(at.toEpochMilli()))
            .as("at %s", at)
            .isEqualTo(book.current(at).version());
        assertThat(
                Json.MAPPER.readTree(documents.document(at.toEpochMilli())).get("version").asText())
            .isEqualTo(book.current(at).version());
      }
    }
  }

  @Test
  void GEN_7_before_the_2026_version_takes_effect_the_earlier_one_is_shown() {
    Response response = get(Instant.parse("2026-05-31T21:59:59Z"));

    assertThat(response.body().get("version").asText()).isEqualTo("2025-01");
    assertThat(response.body().at("/windows/returnDays").asInt()).isEqualTo(30);
  }

  @Test
  void the_response_carries_the_clients_sane_request_id_and_else_api_gateways() {
    ObjectNode event = LambdaRun.event("PolicyFunction", "get-policy-anonymous");

    Response echoed =
        LambdaRun.http(
            handler(NOW), LambdaRun.withHeader(event.deepCopy(), "x-request-id", "abc-1"));
    Response insane =
        LambdaRun.http(
            handler(NOW), LambdaRun.withHeader(event.deepCopy(), "x-request-id", "a\nb\"c"));

    assertThat(echoed.header("x-request-id")).isEqualTo("abc-1");
    assertThat(insane.header("x-request-id")).isEqualTo("e1PectpbHgLiVo=");
  }

  @Test
  void an_unknown_route_is_the_404_problem_the_skeletons_router_answers() throws Exception {
    ObjectNode event = LambdaRun.event("PolicyFunction", "get-policy-anonymous");
    event.put("routeKey", "GET /policy/{version}");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    LambdaRun reference = new LambdaRun();
    ApiFunction skeleton =
        new ApiFunction(
            Router.builder().build(),
            null,
            reference.log(clock, "TestFunction"),
            reference.metrics(clock),
            clock);

    JsonNode ours = LambdaRun.raw(handler(NOW), Json.write(event));
    JsonNode theirs = LambdaRun.raw(skeleton, Json.write(event));

    assertThat(ours.get("statusCode").asInt()).isEqualTo(404);
    assertThat(ours.get("statusCode")).isEqualTo(theirs.get("statusCode"));
    assertThat(ours.get("headers")).isEqualTo(theirs.get("headers"));
    assertThat(Json.MAPPER.readTree(ours.get("body").asText()))
        .isEqualTo(Json.MAPPER.readTree(theirs.get("body").asText()));
    assertThat(Json.MAPPER.readTree(ours.get("body").asText()).get("code").asText())
        .isEqualTo("not-found");
  }

  @Test
  void one_access_log_line_and_one_latency_metric_per_request() {
    get(NOW);

    List<JsonNode> lines = stdout.stdoutJson();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("message").asText()).isEqualTo("request handled");
    assertThat(lines.get(0).get("status").asInt()).isEqualTo(200);
    assertThat(lines.get(0).get("route").asText()).isEqualTo("GET /policy");
    assertThat(lines.get(0).get("function").asText()).isEqualTo("TestFunction");
    assertThat(stdout.emf()).hasSize(1);
    assertThat(stdout.emf().getFirst().at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText())
        .isEqualTo("Latency");
    assertThat(stdout.emf().getFirst().get("Service").asText()).isEqualTo("aftersales");
  }

  @Test
  void its_log_and_metric_lines_have_the_fields_of_shareds_JsonLog_and_EmfMetrics() {
    get(NOW);
    LambdaRun reference = new LambdaRun();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    JsonLog log = reference.log(clock, "TestFunction");
    log.beginInvocation("e1PectpbHgLiVo=", "GET /policy", null);
    log.info("request handled", Map.of("status", 200, "durationMs", 1));
    EmfMetrics metrics = reference.metrics(clock);
    metrics.property("requestId", "e1PectpbHgLiVo=");
    metrics.property("route", "GET /policy");
    metrics.put("Latency", 1, EmfMetrics.Unit.MILLISECONDS);
    metrics.flush();

    List<JsonNode> ours = stdout.stdoutJson();
    List<JsonNode> theirs = reference.stdoutJson();
    assertThat(ours).hasSameSizeAs(theirs);
    for (int i = 0; i < ours.size(); i++) {
      assertThat(fieldNames(ours.get(i))).isEqualTo(fieldNames(theirs.get(i)));
    }
    ((ObjectNode) ours.get(1).get("_aws")).remove("Timestamp");
    ((ObjectNode) theirs.get(1).get("_aws")).remove("Timestamp");
    assertThat(ours.get(1).get("_aws")).isEqualTo(theirs.get(1).get("_aws"));
    assertThat(ours.get(0).get("message")).isEqualTo(theirs.get(0).get("message"));
  }

  private static List<String> fieldNames(JsonNode node) {
    return node.properties().stream().map(Map.Entry::getKey).sorted().toList();
  }

  /**
   * The answer is byte for byte the JSON captured in {@code policy/get-policy-*.json} before the
   * policy book moved from policies.json into code, plus only the holidays of 2028 and {@code
   * holidaysKnownThrough} added since (GEN-5), the warranty terms (WAR-*) and the statutory section
   * with the store rules the law raises per jurisdiction (LAW-1…LAW-6).
   */
  @ParameterizedTest
  @CsvSource({
    "2026-11-26T13:20:00Z, get-policy-2026-06.json",
    "2026-05-31T21:59:59Z, get-policy-2025-01.json"
  })
  void GEN_7_the_policy_view_is_the_captured_json(Instant now, String captured) {
    Response response = get(now);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.rawBody()).isEqualTo(read("/policy/" + captured));
  }

  private static String read(String resource) {
    try (InputStream in = PolicyHandlerTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0", // 1970-01-01T00:00:00Z: seconds and millis zero
    "1764547200000", // a whole minute
    "1764547260001",
    "1764547230500",
    "1764547299999",
    "-1", // before the epoch
    "4102444799999" // 2099-12-31T23:59:59.999Z
  })
  void the_log_time_is_what_instant_to_string_writes(long millis) {
    assertThat(PolicyHandler.isoInstant(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
  }

  @ParameterizedTest
  @CsvSource({"abc-DEF_0.9:x, true", "'', false", "a b, false", "a\u2028b, false", "é, false"})
  void a_client_request_id_is_echoed_only_when_sane(String id, boolean sane) {
    assertThat(PolicyHandler.isSane(id)).isEqualTo(sane);
    assertThat(PolicyHandler.isSane("x".repeat(128))).isTrue();
    assertThat(PolicyHandler.isSane("x".repeat(129))).isFalse();
    assertThat(PolicyHandler.isSane(null)).isFalse();
  }
}
