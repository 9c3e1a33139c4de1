package org.aftersales.local;

import static org.aftersales.local.HttpReplies.message;
import static org.aftersales.local.HttpReplies.send;
import static org.aftersales.local.HttpReplies.sendJson;
import static org.aftersales.local.HttpReplies.sendMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The local HTTP API on {@code 127.0.0.1:PORT}, playing the deployed API Gateway HTTP API: each
 * request is matched to a template route (404 otherwise), checked by the JWT authorizer (401/403),
 * turned into a payload-2.0 event and handed to the route's function, whose result becomes the
 * response. CORS preflights are answered from the API's {@code CorsConfiguration} ({@link
 * CorsPolicy}). Before any of that, as API Gateway: a body over 10 MB is a {@code 413}; a path or
 * query with a broken percent-encoding is a {@code 400} problem ({@link PercentEncoding}), never a
 * 500. The stack's own endpoints on the same port ({@code /_local/…}, {@code /openapi.yaml}, the
 * pages) are {@link LocalAdminEndpoints}'. Side effects: a listening socket, one console line per
 * request refused by the authorizer (the function's invocations are logged by {@link
 * LocalFunctions}).
 */
public final class LocalApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** API Gateway HTTP APIs refuse a larger request body with 413 (its quota: 10 MB). */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private final RouteTable routes;
  private final JwtVerifier verifier;
  private final LocalFunctions functions;
  private final CorsPolicy cors;
  private final LocalAdminEndpoints admin;
  private final PrintStream console;
  private HttpServer server;

  LocalApi(
      RouteTable routes,
      JwtVerifier verifier,
      LocalFunctions functions,
      CorsPolicy cors,
      LocalAdminEndpoints admin,
      PrintStream console) {
    this.routes = routes;
    this.verifier = verifier;
    this.functions = functions;
    this.cors = cors;
    this.admin = admin;
    this.console = console;
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
    if (!admin.handle(exchange, method, path, body)) {
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
        console.println(
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

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
