package org.aftersales.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aftersales.shared.testing.LambdaRun;
import org.junit.jupiter.api.Test;

class RouterTest {

  private final Router router =
      Router.builder()
          .route(
              "GET /orders/{orderId}",
              r -> ApiResponse.ok(java.util.Map.of("got", r.pathParameter("orderId"))))
          .route(
              "POST /orders/{orderId}/cancellation",
              r -> ApiResponse.ok(java.util.Map.of("cancel", r.pathParameter("orderId"))))
          .build();

  @Test
  void routes_by_route_key_and_exposes_the_table_in_order() {
    assertThat(router.routes())
        .containsExactly("GET /orders/{orderId}", "POST /orders/{orderId}/cancellation");
    assertThat(
            router
                .dispatch(
                    ApiGatewayV2Request.fromEvent(
                        LambdaRun.resource("http-api-customer-cancel.json")))
                .body())
        .isEqualTo("{\"cancel\":\"o-1001\"}");
    assertThat(
            router
                .dispatch(
                    ApiGatewayV2Request.fromEvent(
                        LambdaRun.resource("http-api-agent-get-order.json")))
                .body())
        .isEqualTo("{\"got\":\"o-1001\"}");
  }

  @Test
  void an_unknown_route_is_a_404_problem() {
    assertThatThrownBy(
            () ->
                router.dispatch(
                    ApiGatewayV2Request.fromEvent(
                        LambdaRun.resource("http-api-anonymous-get-policy.json"))))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(404);
              assertThat(p.code()).isEqualTo("not-found");
            });
  }

  @Test
  void a_malformed_or_repeated_route_key_fails_at_wiring_time() {
    RouteHandler any = r -> ApiResponse.ok(java.util.Map.of());
    assertThatThrownBy(() -> Router.builder().route("/orders/{orderId}", any))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Router.builder().route("GET /orders/{orderId", any))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Router.builder().route("GET /policy", any).route("GET /policy", any))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            Router.builder().route("GET /policy", any).route("GET /claims", any).build().routes())
        .hasSize(2);
  }
}
