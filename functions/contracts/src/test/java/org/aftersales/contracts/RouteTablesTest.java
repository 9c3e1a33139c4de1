package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.aftersales.localaws.CloudFormationYaml;
import org.junit.jupiter.api.Test;

/**
 * One contract, three routing tables: openapi.yaml's routes, template.yaml's HttpApi events and the
 * handlers' routing tables ({@code ApiFunction.router().routes()}) are one set, and every
 * function's HttpApi events are exactly its own handler's routes. The last tests prove the check
 * catches a route missing on each side and a route sent to the wrong function.
 */
class RouteTablesTest {

  private final JsonNode template = CloudFormationYaml.read(ProjectFiles.template());
  private final JsonNode openApi = ProjectFiles.openApiDocument();

  /** Function logical id → its handler's route keys, for every function with an HttpApi event. */
  private static Map<String, Set<String>> handlerRoutes(JsonNode template) {
    Map<String, Set<String>> routes = new LinkedHashMap<>();
    TemplateChecks.functions(template)
        .forEach(
            (id, function) -> {
              boolean http = false;
              for (JsonNode event : function.path("Properties").path("Events")) {
                http |= event.path("Type").asText().equals("HttpApi");
              }
              if (http) {
                String handlerClass = TemplateChecks.handler(template, function).split("::", 2)[0];
                routes.put(id, HandlerRouteTables.routes(handlerClass));
              }
            });
    return routes;
  }

  private static RouteTables tables(JsonNode openApi, JsonNode template) {
    return new RouteTables(
        new OpenApiExamples(openApi).routes(),
        TemplateChecks.httpRoutes(template),
        handlerRoutes(template));
  }

  @Test
  void open_api_template_and_handlers_have_the_same_routes_and_each_function_serves_its_own() {
    RouteTables tables = tables(openApi, template);

    assertThat(tables.problems()).isEmpty();
    assertThat(tables.handlers().keySet())
        .containsExactlyInAnyOrder(
            "OrdersFunction",
            "CancellationFunction",
            "ReturnsFunction",
            "ClaimsFunction",
            "RefundsFunction",
            "PolicyFunction",
            "OrderEventsFunction");
    Set<String> handled = new TreeSet<>();
    tables.handlers().values().forEach(handled::addAll);
    assertThat(handled)
        .hasSize(30)
        .contains("GET /policy", "POST /returns/unannounced", "GET /claims");
    assertThat(tables.handlers().get("PolicyFunction")).containsExactly("GET /policy");
    assertThat(tables.handlers().get("OrderEventsFunction"))
        .containsExactly("GET /orders/{orderId}/events");
  }

  @Test
  void every_http_handler_of_the_template_has_a_known_routing_table() {
    Set<String> httpHandlers = new TreeSet<>();
    TemplateChecks.functions(template)
        .forEach(
            (id, function) -> {
              if (function.path("Properties").path("Events").toString().contains("\"HttpApi\"")) {
                httpHandlers.add(TemplateChecks.handler(template, function).split("::", 2)[0]);
              }
            });
    assertThat(HandlerRouteTables.known()).containsExactlyInAnyOrderElementsOf(httpHandlers);
  }

  // ---------------------------------------------------------------- tests of the check

  @Test
  void a_route_missing_from_open_api_is_reported() {
    ObjectNode copy = openApi.deepCopy();
    ((ObjectNode) copy.at("/paths/~1returns~1unannounced")).remove("post");

    assertThat(tables(copy, template).problems())
        .containsExactly("POST /returns/unannounced: missing from openapi.yaml");
  }

  @Test
  void a_route_missing_from_the_template_is_reported_on_both_checks() {
    ObjectNode copy = template.deepCopy();
    ((ObjectNode) copy.at("/Resources/ClaimsFunction/Properties/Events"))
        .remove(eventNamed(copy, "ClaimsFunction", "GET", "/claims"));

    assertThat(tables(openApi, copy).problems())
        .containsExactly(
            "GET /claims: missing from template.yaml",
            "ClaimsFunction: its handler serves GET /claims but the template sends it elsewhere or nowhere");
  }

  @Test
  void a_route_no_handler_serves_is_reported() {
    RouteTables real = tables(openApi, template);
    Map<String, Set<String>> handlers = new LinkedHashMap<>(real.handlers());
    Set<String> refunds = new TreeSet<>(handlers.get("RefundsFunction"));
    refunds.remove("POST /refunds/quote");
    handlers.put("RefundsFunction", refunds);

    assertThat(new RouteTables(real.openApi(), real.template(), handlers).problems())
        .containsExactly(
            "POST /refunds/quote: missing from any handler's routes",
            "RefundsFunction: template sends POST /refunds/quote but its handler has no such route");
  }

  @Test
  void a_route_sent_to_another_function_is_reported() {
    ObjectNode copy = template.deepCopy();
    String event = eventNamed(copy, "RefundsFunction", "GET", "/orders/{orderId}/refunds");
    JsonNode moved = copy.at("/Resources/RefundsFunction/Properties/Events/" + event);
    ((ObjectNode) copy.at("/Resources/RefundsFunction/Properties/Events")).remove(event);
    ((ObjectNode) copy.at("/Resources/OrdersFunction/Properties/Events")).set(event, moved);

    assertThat(tables(openApi, copy).problems())
        .containsExactlyInAnyOrder(
            "OrdersFunction: template sends GET /orders/{orderId}/refunds but its handler has no such route",
            "RefundsFunction: its handler serves GET /orders/{orderId}/refunds but the template sends it elsewhere or nowhere");
  }

  /** The name of the function's HttpApi event for method and path. */
  private static String eventNamed(JsonNode template, String function, String method, String path) {
    JsonNode events = template.at("/Resources/" + function + "/Properties/Events");
    for (var it = events.fields(); it.hasNext(); ) {
      var event = it.next();
      JsonNode properties = event.getValue().path("Properties");
      if (properties.path("Method").asText().equalsIgnoreCase(method)
          && properties.path("Path").asText().equals(path)) {
        return event.getKey();
      }
    }
    throw new IllegalArgumentException(function + " has no event " + method + " " + path);
  }
}
