package org.aftersales.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Router;
import org.junit.jupiter.api.Test;

/**
 * The harness checks every HTTP response it reads against openapi.yaml, unless told it runs toy
 * routes.
 */
class LambdaRunTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T13:20:00Z"), ZoneOffset.UTC);

  private static ApiFunction policyAnswering(ApiResponse response, LambdaRun run) {
    Router router = Router.builder().route("GET /policy", request -> response).build();
    return new ApiFunction(router, null, run.log(CLOCK), run.metrics(CLOCK), CLOCK);
  }

  @Test
  void a_body_open_api_does_not_describe_fails_the_test() {
    LambdaRun run = new LambdaRun();
    ApiFunction function = policyAnswering(ApiResponse.ok(Map.of("version", "2026-06")), run);

    assertThatThrownBy(
            () ->
                LambdaRun.http(function, LambdaRun.resource("http-api-anonymous-get-policy.json")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /policy 200 /: required property 'windows' not found");
    assertThatThrownBy(
            () -> run.invoke(function, LambdaRun.resource("http-api-anonymous-get-policy.json")))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void a_status_open_api_does_not_declare_fails_the_test() {
    LambdaRun run = new LambdaRun();
    ApiFunction conflict =
        new ApiFunction(
            Router.builder()
                .route(
                    "GET /policy",
                    request -> {
                      throw ApiProblem.conflict(
                          "policy-busy", "Busy", "Try again.", List.of("GEN-7"));
                    })
                .build(),
            null,
            run.log(CLOCK),
            run.metrics(CLOCK),
            CLOCK);

    assertThatThrownBy(
            () -> run.invoke(conflict, LambdaRun.resource("http-api-anonymous-get-policy.json")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /policy 409: status not declared in openapi.yaml");
  }

  @Test
  void without_contract_the_response_is_only_read() {
    LambdaRun run = LambdaRun.withoutContract();
    ApiFunction function = policyAnswering(ApiResponse.ok(Map.of("version", "2026-06")), run);

    LambdaRun.Response response =
        run.invoke(function, LambdaRun.resource("http-api-anonymous-get-policy.json"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("version").asText()).isEqualTo("2026-06");
    assertThat(response.header("x-request-id")).isNotBlank();
    assertThat(run.stdoutJson()).anyMatch(line -> line.has("_aws"));
  }
}
