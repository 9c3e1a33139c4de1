package org.aftersales.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.testing.LambdaRun;
import org.junit.jupiter.api.Test;

class CallerTest {

  @Test
  void groups_arriving_as_one_string_give_agent_and_warehouse_roles() {
    Caller caller =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-agent-get-order.json")).caller();

    assertThat(caller.groups()).containsExactly("care-agents", "warehouse");
    assertThat(caller.roles()).contains(Role.AGENT, Role.WAREHOUSE);
    assertThat(caller.subject()).isEqualTo("a-7");
  }

  @Test
  void groups_arriving_as_a_json_array_are_read_too() {
    Caller caller =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-agent-groups-array.json"))
            .caller();

    assertThat(caller.groups()).containsExactly("care-agents");
    assertThat(caller.has(Role.AGENT)).isTrue();
    assertThat(caller.has(Role.WAREHOUSE)).isFalse();
  }

  @Test
  void staff_accounts_are_never_customers_so_a_wrong_role_is_403_not_404() {
    ObjectNode claims =
        Json.object().put("sub", "u-warehouse-1").put("cognito:groups", "[warehouse]");

    Caller warehouse = Caller.fromJwt(claims, null);

    assertThat(warehouse.roles()).containsExactly(Role.WAREHOUSE);
    assertThat(warehouse.customerId()).isEmpty();
    assertThatThrownBy(() -> warehouse.requireAny(Role.CUSTOMER, Role.AGENT))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
  }

  @Test
  void the_orders_write_scope_makes_the_storefront_service_which_is_no_customer() {
    Caller caller =
        ApiGatewayV2Request.fromEvent(
                LambdaRun.resource("http-api-storefront-put-order-base64.json"))
            .caller();

    assertThat(caller.roles()).containsExactly(Role.STOREFRONT_SERVICE);
    assertThat(caller.customerId()).isEmpty();
    assertThat(caller.idempotencyScope()).contains("sub:3s9storefrontbackend000000");
  }

  @Test
  void the_scope_claim_counts_when_api_gateway_sends_no_scopes_array() {
    Caller caller =
        ApiGatewayV2Request.fromEvent(
                LambdaRun.resource("http-api-payment-settle-scope-claim.json"))
            .caller();

    assertThat(caller.roles()).containsExactly(Role.PAYMENT_INTEGRATION);
  }

  @Test
  void a_client_credentials_token_without_service_scope_is_not_a_customer() {
    ObjectNode claims =
        Json.object()
            .put("sub", "client-x")
            .put("client_id", "client-x")
            .put("scope", "other/read");

    Caller caller = Caller.fromJwt(claims, null);

    assertThat(caller.roles()).isEmpty();
    assertThat(caller.isAnonymous()).isFalse();
    assertThatThrownBy(() -> caller.requireAny(Role.CUSTOMER))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
  }

  @Test
  void group_strings_separated_by_commas_or_quoted_are_split() {
    assertThat(Caller.stringList(Json.MAPPER.getNodeFactory().textNode("care-agents,warehouse")))
        .containsExactly("care-agents", "warehouse");
    assertThat(
            Caller.stringList(
                Json.MAPPER.getNodeFactory().textNode("[\"care-agents\", \"warehouse\"]")))
        .containsExactly("care-agents", "warehouse");
    assertThat(Caller.stringList(Json.MAPPER.getNodeFactory().textNode("[]"))).isEmpty();
  }

  @Test
  void require_any_answers_401_to_the_anonymous_caller_and_403_to_a_caller_without_the_role() {
    Caller anonymous =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-anonymous-get-policy.json"))
            .caller();
    Caller customer =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-customer-cancel.json")).caller();

    assertThatThrownBy(() -> anonymous.requireAny(Role.CUSTOMER, Role.AGENT))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(401);
              assertThat(p.code()).isEqualTo("unauthenticated");
            });
    assertThatThrownBy(() -> customer.requireAny(Role.AGENT, Role.WAREHOUSE))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(403);
              assertThat(p.code()).isEqualTo("forbidden");
            });
    assertThat(customer.requireAny(Role.AGENT, Role.CUSTOMER)).isSameAs(customer);
  }

  @Test
  void a_customer_sees_only_their_own_resources_an_agent_sees_all() {
    Caller customer =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-customer-cancel.json")).caller();
    Caller agent =
        ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-agent-get-order.json")).caller();
    Caller service =
        ApiGatewayV2Request.fromEvent(
                LambdaRun.resource("http-api-storefront-put-order-base64.json"))
            .caller();

    assertThat(customer.canSeeCustomer("c-1")).isTrue();
    assertThat(customer.canSeeCustomer("c-2")).isFalse();
    assertThat(agent.canSeeCustomer("c-2")).isTrue();
    assertThat(service.canSeeCustomer("3s9storefrontbackend000000")).isFalse();
    assertThat(Caller.anonymous().canSeeCustomer("c-1")).isFalse();
  }

  @Test
  void idempotency_scope_is_the_subject_else_the_client_and_none_for_the_anonymous_caller() {
    assertThat(
            ApiGatewayV2Request.fromEvent(LambdaRun.resource("http-api-customer-cancel.json"))
                .caller()
                .idempotencyScope())
        .contains("sub:c-1");
    assertThat(Caller.fromJwt(Json.object().put("client_id", "k"), null).idempotencyScope())
        .contains("client:k");
    assertThat(Caller.anonymous().idempotencyScope()).isEmpty();
  }
}
