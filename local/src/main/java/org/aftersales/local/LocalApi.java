package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.aftersales.localaws.LocalServers;

/**
 * The local HTTP API on {@code 127.0.0.1:PORT}, like the deployed API Gateway HTTP API: each
 * request is matched to a template route (404 otherwise), checked by the JWT authorizer (401/403),
 * turned into a payload-2.0 event and handed to the route's function, whose result becomes the
 * response. Local-only endpoints: {@code GET /openapi.yaml}, {@code POST /_local/tokens}, {@code
 * POST /_local/schedules/{FunctionLogicalId}}, {@code POST /_local/functions/{id}/invocations} (raw
 * event in, raw output out: {@code run-local.sh invoke}), {@code GET /_local/health} (the DynamoDB
 * and S3 servers: alive, restarts) and the pages of {@code web/} under {@code /app/}, {@code
 * /console/} ({@link WebPages}). CORS preflights are answered from the API's {@code
 * CorsConfiguration} ({@link CorsPolicy}). Before any of that, as API Gateway: a body over 10 MB is
 * a {@code 413}; a path or query with a broken percent-encoding is a {@code 400} problem ({@link
 * PercentEncoding}), never a 500.
 */
public final class LocalApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

  /** API Gateway HTTP APIs refuse a larger request body with 413 (its quota: 10 MB). */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private final RouteTable routes;
  private final JwtVerifier verifier;
  private final JwtIssuer issuer;
  private final LocalFunctions functions;
  private final LocalSchedules schedules;
  private final Path openApi;
  private final CorsPolicy cors;
  private final WebPages pages;
  private final Supplier<List<LocalServers.Health>> health;
  private HttpServer server;

  public LocalApi(
      RouteTable routes,
      JwtVerifier verifier,
      JwtIssuer issuer,
      LocalFunctions functions,
      LocalSchedules schedules,
      Path openApi,
      CorsPolicy cors,
      WebPages pages,
      Supplier<List<LocalServers.Health>> health) {
    this.routes = routes;
    this.verifier = verifier;
    this.issuer = issuer;
    this.functions = functions;
    this.schedules = schedules;
    this.openApi = openApi;
    this.cors = cors;
    this.pages = pages;
    this.health = health;
  }

  public void start(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handle(exchange);
          } catch (RuntimeException e) {
            e.printStackTrace();
            sendMessage(exchange, 500, "Internal Server Error");
          }
        });
    server.start();
  }

  /** The port the server listens on (the given one, or the one chosen for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** A token for the local issuer, as {@code POST /_local/tokens} gives it. */
  public String token(String subject, List<String> groups, List<String> scopes) {
    return issuer.issue(subject, groups, scopes, Instant.now(), TOKEN_LIFETIME);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      // API Gateway's own answer: HTTP APIs take request bodies up to 10 MB
      send(
          exchange,
          413,
          Map.of("content-type", "application/json", "connection", "close"),
          message("Request Entity Too Large"));
      return;
    }
    String badEncoding =
        PercentEncoding.firstError("path", path)
            .or(() -> PercentEncoding.firstError("query", exchange.getRequestURI().getRawQuery()))
            .orElse(null);
    if (badEncoding != null) {
      send(
          exchange,
          400,
          Map.of("content-type", "application/problem+json"),
          PercentEncoding.problem(badEncoding).getBytes(StandardCharsets.UTF_8));
      return;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (CorsPolicy.isPreflight(
        method, origin, exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"))) {
      send(
          exchange,
          204,
          cors.preflightHeaders(
              origin,
              exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"),
              exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers")),
          new byte[0]);
      return;
    }
    cors.responseHeaders(origin).forEach(exchange.getResponseHeaders()::set);
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
      route(exchange, method, path, body);
    }
  }

  private void route(HttpExchange exchange, String method, String path, byte[] body)
      throws IOException {
    Instant received = Instant.now();
    String requestId = UUID.randomUUID().toString();
    Optional<RouteTable.Match> match = routes.match(method, path);
    if (match.isEmpty()) {
      sendMessage(exchange, 404, "Not Found");
      return;
    }
    HttpRoute route = match.get().route();
    JwtVerdict.Allowed authorization = null;
    if (route.authorized()) {
      JwtVerdict verdict =
          verifier.verify(
              exchange.getRequestHeaders().getFirst("Authorization"), route.scopes(), received);
      if (verdict instanceof JwtVerdict.Refused refused) {
        String error = refused.status() == 401 ? "invalid_token" : "insufficient_scope";
        send(
            exchange,
            refused.status(),
            Map.of(
                "content-type",
                "application/json",
                "www-authenticate",
                "Bearer error=\"" + error + "\" error_description=\"" + refused.reason() + "\""),
            message(refused.status() == 401 ? "Unauthorized" : "Forbidden"));
        System.out.println(
            "           "
                + route.routeKey()
                + " refused by the JWT authorizer: "
                + refused.status()
                + " "
                + refused.reason());
        return;
      }
      authorization = (JwtVerdict.Allowed) verdict;
    }
    LambdaFunction function = functions.get(route.functionId());
    String unavailable = function.unavailableReason();
    if (unavailable != null) {
      ObjectNode problem =
          JSON.createObjectNode()
              .put("message", "Service Unavailable")
              .put("detail", route.functionId() + " can't run on the local stack: " + unavailable);
      sendJson(exchange, 503, problem);
      return;
    }
    HttpApiEvents.Request request =
        new HttpApiEvents.Request(
            method,
            path,
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            body,
            exchange.getRemoteAddress().getAddress().getHostAddress());
    ObjectNode event =
        HttpApiEvents.request(request, match.get(), authorization, requestId, received);
    LambdaFunction.Invocation invocation =
        functions.invoke(route.functionId(), event.toString().getBytes(StandardCharsets.UTF_8));
    HttpApiEvents.Response response =
        invocation.failed()
            ? new HttpApiEvents.Response(
                500,
                Map.of("content-type", "application/json"),
                List.of(),
                message("Internal Server Error"))
            : HttpApiEvents.response(invocation.output());
    functions.log(
        route.routeKey(), route.functionId(), String.valueOf(response.status()), invocation);
    response.cookies().forEach(cookie -> exchange.getResponseHeaders().add("set-cookie", cookie));
    exchange.getResponseHeaders().set("apigw-requestid", requestId);
    Map<String, String> headers = new java.util.LinkedHashMap<>(response.headers());
    if (!cors.equals(CorsPolicy.NONE)) {
      // API Gateway ignores the integration's CORS headers when the API has a CorsConfiguration
      headers.keySet().removeIf(name -> name.startsWith("access-control-"));
    }
    send(exchange, response.status(), headers, response.body());
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

  private static void sendMessage(HttpExchange exchange, int status, String text)
      throws IOException {
    send(exchange, status, Map.of("content-type", "application/json"), message(text));
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode json)
      throws IOException {
    send(
        exchange,
        status,
        Map.of("content-type", "application/json"),
        json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] message(String text) {
    return JSON.createObjectNode().put("message", text).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    // a HEAD is answered as its GET would be, without the body
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
    if (body.length > 0 && !head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
