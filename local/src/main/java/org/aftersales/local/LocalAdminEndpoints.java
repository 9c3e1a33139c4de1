package org.aftersales.local;

import static org.aftersales.local.HttpReplies.send;
import static org.aftersales.local.HttpReplies.sendJson;
import static org.aftersales.local.HttpReplies.sendMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.aftersales.localaws.LocalServers;

/**
 * The local stack's own endpoints beside the API (none of them exists in AWS): {@code GET
 * /openapi.yaml}, {@code POST /_local/tokens}, {@code POST /_local/schedules/{FunctionLogicalId}},
 * {@code POST /_local/functions/{id}/invocations} (raw event in, raw output out: {@code
 * run-local.sh invoke}), {@code GET /_local/health} (the DynamoDB and S3 servers: alive, restarts)
 * and the pages of {@code web/} under {@code /app/}, {@code /console/} ({@link WebPages}). No JWT
 * authorizer guards them: they are for the developer's machine.
 */
record LocalAdminEndpoints(
    JwtIssuer issuer,
    LocalFunctions functions,
    LocalSchedules schedules,
    Path openApi,
    WebPages pages,
    Supplier<List<LocalServers.Health>> health) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

  /** A token for the local issuer, as {@code POST /_local/tokens} gives it. */
  String token(String subject, List<String> groups, List<String> scopes) {
    return issuer.issue(subject, groups, scopes, Instant.now(), TOKEN_LIFETIME);
  }

  /** Answers the request when it is for one of these endpoints; false when it is not. */
  boolean handle(HttpExchange exchange, String method, String path, byte[] body)
      throws IOException {
    if (method.equals("GET") && path.equals("/openapi.yaml")) {
      serveOpenApi(exchange);
    } else if (method.equals("GET") && path.equals("/_local/health")) {
      reportHealth(exchange);
    } else if ((method.equals("GET") || method.equals("HEAD")) && WebPages.handles(path)) {
      servePage(exchange, path);
    } else if (method.equals("POST") && path.equals("/_local/tokens")) {
      issueToken(exchange, body);
    } else if (method.equals("POST") && path.startsWith("/_local/schedules/")) {
      fireSchedule(exchange, path.substring("/_local/schedules/".length()));
    } else if (method.equals("POST")
        && path.startsWith("/_local/functions/")
        && path.endsWith("/invocations")) {
      invokeRaw(
          exchange,
          path.substring("/_local/functions/".length(), path.length() - "/invocations".length()),
          body);
    } else {
      return false;
    }
    return true;
  }

  /**
   * {@code {"status": "ok"|"degraded", "servers": [{"name", "endpoint", "alive", "restarts"}]}}:
   * {@code 503} while a server is dead (the supervisor starts it again within a second or so).
   */
  private void reportHealth(HttpExchange exchange) throws IOException {
    List<LocalServers.Health> servers = health.get();
    boolean ok = servers.stream().allMatch(LocalServers.Health::alive);
    ObjectNode answer = JSON.createObjectNode().put("status", ok ? "ok" : "degraded");
    var list = answer.putArray("servers");
    for (LocalServers.Health server : servers) {
      list.addObject()
          .put("name", server.name())
          .put("endpoint", server.endpoint().toString())
          .put("alive", server.alive())
          .put("restarts", server.restarts());
    }
    sendJson(exchange, ok ? 200 : 503, answer);
  }

  private void serveOpenApi(HttpExchange exchange) throws IOException {
    if (!Files.isRegularFile(openApi)) {
      sendMessage(exchange, 404, "openapi.yaml is not in the repository yet");
      return;
    }
    send(exchange, 200, Map.of("content-type", "application/yaml"), Files.readAllBytes(openApi));
  }

  /** A page, its folder's redirect, or 404 (a HEAD gets the same status and headers, no body). */
  private void servePage(HttpExchange exchange, String path) throws IOException {
    Optional<String> folder = WebPages.redirect(path);
    if (folder.isPresent()) {
      send(exchange, 301, Map.of("location", folder.get()), new byte[0]);
      return;
    }
    Optional<WebPages.Page> page = pages.find(path);
    if (page.isEmpty()) {
      sendMessage(exchange, 404, "Not Found");
      return;
    }
    send(exchange, 200, page.get().headers(), page.get().body());
  }

  private void issueToken(HttpExchange exchange, byte[] body) throws IOException {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (IOException e) {
      request = null;
    }
    if (request == null
        || !request.path("sub").isTextual()
        || request.path("sub").asText().isBlank()) {
      sendMessage(
          exchange,
          400,
          "body must be {\"sub\": \"…\", \"groups\": [...], \"scopes\": [...]} with a non-empty sub");
      return;
    }
    List<String> groups = new ArrayList<>();
    request.path("groups").forEach(g -> groups.add(g.asText()));
    List<String> scopes = new ArrayList<>();
    request.path("scopes").forEach(s -> scopes.add(s.asText()));
    ObjectNode answer =
        JSON.createObjectNode().put("token", token(request.get("sub").asText(), groups, scopes));
    sendJson(exchange, 200, answer);
  }

  private void fireSchedule(HttpExchange exchange, String functionId) throws IOException {
    if (!schedules.hasSchedule(functionId)) {
      sendMessage(exchange, 404, "no function " + functionId + " with a Schedule event");
      return;
    }
    ObjectNode answer = JSON.createObjectNode().put("function", functionId);
    var results = answer.putArray("invocations");
    for (LambdaFunction.Invocation invocation : schedules.fireNow(functionId)) {
      results.add(describe(invocation));
    }
    sendJson(exchange, 200, answer);
  }

  private void invokeRaw(HttpExchange exchange, String functionId, byte[] event)
      throws IOException {
    if (!functions.has(functionId)) {
      sendMessage(exchange, 404, "no function " + functionId + " in the template");
      return;
    }
    LambdaFunction.Invocation invocation = functions.invoke(functionId, event);
    functions.log("invoke", functionId, invocation.failed() ? "error" : "ok", invocation);
    sendJson(exchange, 200, describe(invocation));
  }

  /**
   * An invocation as JSON: {@code {"status": "ok"|"error", "durationMs", "output"|"error"}}
   * (Lambda's error shape).
   */
  static ObjectNode describe(LambdaFunction.Invocation invocation) {
    ObjectNode result = JSON.createObjectNode();
    result.put("status", invocation.failed() ? "error" : "ok");
    result.put("durationMs", invocation.duration().toMillis());
    if (invocation.failed()) {
      result
          .putObject("error")
          .put("errorType", invocation.error().getClass().getName())
          .put("errorMessage", String.valueOf(invocation.error().getMessage()));
    } else {
      try {
        result.set(
            "output",
            invocation.output().length == 0 ? JSON.nullNode() : JSON.readTree(invocation.output()));
      } catch (IOException notJson) {
        result.put("output", new String(invocation.output(), StandardCharsets.UTF_8));
      }
    }
    return result;
  }
}
