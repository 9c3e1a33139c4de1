package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.localaws.CloudFormationYaml;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml against template.yaml: the same (method, path) routes, the same route without a
 * token (GET /policy), and every request and response body has an example its schema accepts. The
 * last tests prove the checks catch a wrong example and a missing one.
 */
class OpenApiContractTest {

  private final JsonNode template = CloudFormationYaml.read(ProjectFiles.template());
  private final JsonNode openApi = ProjectFiles.openApiDocument();

  @Test
  void the_routes_of_open_api_are_the_http_api_events_of_the_template() {
    assertThat(new OpenApiExamples(openApi).routes())
        .containsExactlyInAnyOrderElementsOf(TemplateChecks.httpRoutes(template).keySet())
        .hasSize(30);
  }

  @Test
  void only_get_policy_needs_no_token_in_both() {
    assertThat(new OpenApiExamples(openApi).unauthenticatedRoutes()).containsExactly("GET /policy");
    assertThat(TemplateChecks.unauthenticatedRoutes(template)).containsExactly("GET /policy");
    assertThat(openApi.path("security").path(0).has("jwt"))
        .as("default security is the JWT")
        .isTrue();
  }

  @Test
  void every_ref_of_open_api_resolves() {
    assertThat(new OpenApiExamples(openApi).danglingRefs()).isEmpty();
  }

  @Test
  void every_body_has_an_example_its_schema_accepts() {
    OpenApiExamples examples = new OpenApiExamples(openApi);

    assertThat(examples.problems()).isEmpty();
    assertThat(examples.examplesChecked).as("examples validated").isGreaterThan(60);
  }

  @Test
  void every_post_that_creates_or_moves_something_takes_an_idempotency_key() {
    OpenApiExamples examples = new OpenApiExamples(openApi);
    for (String route : examples.routes()) {
      if (!route.startsWith("POST ") || route.equals("POST /refunds/quote")) {
        continue; // a quote has no side effects
      }
      String path = route.substring("POST ".length());
      JsonNode pathItem = openApi.path("paths").path(path);
      String parameters =
          pathItem.path("parameters").toString() + pathItem.path("post").path("parameters");
      assertThat(parameters).as(route).contains("#/components/parameters/IdempotencyKey");
    }
  }

  @Test
  void every_response_carries_x_request_id_and_every_token_route_answers_401_and_403() {
    openApi
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          if (operation.getKey().equals("parameters")) {
                            return;
                          }
                          String route = operation.getKey().toUpperCase() + " " + path.getKey();
                          JsonNode responses = operation.getValue().path("responses");
                          responses
                              .fields()
                              .forEachRemaining(
                                  response -> {
                                    JsonNode resolved = resolve(response.getValue());
                                    assertThat(resolved.at("/headers/x-request-id/$ref").asText())
                                        .as(route + " " + response.getKey())
                                        .isEqualTo("#/components/headers/XRequestId");
                                  });
                          boolean needsToken = !operation.getValue().path("security").isArray();
                          assertThat(responses.has("401") && responses.has("403"))
                              .as(route + " answers 401 and 403")
                              .isEqualTo(needsToken);
                        }));
  }

  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#/") ? openApi.at(ref.substring(1)) : node;
  }

  // ---------------------------------------------------------------- tests of the check

  @Test
  void an_example_its_schema_rejects_is_reported() {
    ObjectNode copy = openApi.deepCopy();
    ((ObjectNode)
            copy.at(
                "/paths/~1refunds~1{refundId}~1settlement/post/responses/200/content/application~1json/example/amount"))
        .put("currency", "euro");

    assertThat(new OpenApiExamples(copy).problems())
        .containsExactly(
            "POST /refunds/{refundId}/settlement 200 application/json example /amount/currency: does not match the regex pattern ^[A-Z]{3}$");
  }

  @Test
  void a_dangling_ref_is_reported() {
    ObjectNode copy = openApi.deepCopy();
    ((ObjectNode) copy.at("/components/schemas/Refund/properties/amount"))
        .put("$ref", "#/components/schemas/Monney");

    assertThat(new OpenApiExamples(copy).danglingRefs())
        .containsExactly(
            "/components/schemas/Refund/properties/amount: $ref #/components/schemas/Monney points at nothing");
  }

  @Test
  void a_body_without_example_is_reported() {
    ObjectNode copy = openApi.deepCopy();
    ((ObjectNode) copy.at("/paths/~1refunds~1quote/post/requestBody/content/application~1json"))
        .remove("example");

    assertThat(new OpenApiExamples(copy).problems())
        .containsExactly("POST /refunds/quote request application/json: no example");
  }
}
