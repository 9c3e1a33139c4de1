package org.aftersales.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.aftersales.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The response checker on the repository's openapi.yaml: it accepts what the contract says and
 * names each difference.
 */
class OpenApiResponsesTest {

  private final OpenApiResponses openApi = OpenApiResponses.load();

  private static JsonNode problem(int status) {
    var problem =
        Json.object()
            .put("type", "https://aftersales.example/problems/not-found")
            .put("title", "Not Found")
            .put("status", status)
            .put("detail", "No order o-1.")
            .put("code", "not-found");
    problem.putArray("ruleIds");
    problem.putArray("errors");
    return problem;
  }

  @Test
  void a_declared_problem_passes() {
    assertThat(
            openApi.problems(
                "GET /orders/{orderId}", 404, "application/problem+json", problem(404), "r-1"))
        .isEmpty();
  }

  @Test
  void an_undeclared_status_route_or_content_type_is_named() {
    assertThat(
            openApi.problems(
                "GET /orders/{orderId}", 418, "application/problem+json", problem(418), "r-1"))
        .containsExactly("GET /orders/{orderId} 418: status not declared in openapi.yaml");
    assertThat(
            openApi.problems(
                "DELETE /orders/{orderId}", 404, "application/problem+json", problem(404), "r-1"))
        .containsExactly("DELETE /orders/{orderId}: no such operation in openapi.yaml");
    assertThat(
            openApi.problems("GET /orders/{orderId}", 404, "application/json", problem(404), "r-1"))
        .singleElement()
        .asString()
        .startsWith("GET /orders/{orderId} 404: content-type 'application/json' not declared");
  }

  @Test
  void a_body_its_schema_rejects_and_a_missing_request_id_are_named() {
    JsonNode noTitle = problem(404).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) noTitle).remove("title");

    assertThat(
            openApi.problems(
                "GET /orders/{orderId}",
                404,
                "application/problem+json; charset=utf-8",
                noTitle,
                null))
        .containsExactly(
            "GET /orders/{orderId} 404: no x-request-id header",
            "GET /orders/{orderId} 404 /: required property 'title' not found");
    assertThatThrownBy(
            () ->
                openApi.check(
                    "GET /orders/{orderId}", 404, "application/problem+json", noTitle, "r-1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("required property 'title' not found");
  }

  @Test
  void a_policy_answer_is_checked_against_its_own_schema() {
    JsonNode notAPolicy = Json.object().put("version", 7);

    assertThat(openApi.problems("GET /policy", 200, "application/json", notAPolicy, "r-1"))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith("GET /policy 200 "));
  }
}
