package org.aftersales.shared.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The routing table of one function: API Gateway {@code routeKey} ({@code "POST
 * /orders/{orderId}/cancellation"}, exactly as in template.yaml) to its handler. Immutable once
 * built. {@link #routes()} lets a contract test compare the table with template.yaml and
 * openapi.yaml.
 */
public final class Router {

  private static final Pattern ROUTE_KEY =
      Pattern.compile(
          "(GET|POST|PUT|PATCH|DELETE) /([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9]*\\})?(/([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9]*\\}))*");

  private final Map<String, RouteHandler> handlers;
  private final Set<String> answering;

  private Router(Map<String, RouteHandler> handlers, Set<String> answering) {
    this.handlers = Collections.unmodifiableMap(new LinkedHashMap<>(handlers));
    this.answering = Set.copyOf(answering);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The route keys, in the order they were added. */
  public Set<String> routes() {
    return handlers.keySet();
  }

  /**
   * Whether the route keeps its {@code Idempotency-Key} records itself, on the order item it writes
   * ({@link OrderAnswers}), instead of in the separate idempotency store.
   */
  public boolean keepsOwnRecords(String routeKey) {
    return answering.contains(routeKey);
  }

  public Optional<RouteHandler> handlerFor(String routeKey) {
    return Optional.ofNullable(handlers.get(routeKey));
  }

  /** Runs the request's route; an unknown route is a {@code 404} problem. */
  public ApiResponse dispatch(ApiGatewayV2Request request) {
    return handlerFor(request.routeKey())
        .orElseThrow(() -> unknownRoute(request.routeKey()))
        .handle(request);
  }

  static ApiProblem unknownRoute(String routeKey) {
    return ApiProblem.notFound("No such route: " + routeKey + ".");
  }

  /** Collects routes; a malformed or repeated route key is a wiring bug and throws at once. */
  public static final class Builder {
    private final Map<String, RouteHandler> handlers = new LinkedHashMap<>();
    private final Set<String> answering = new java.util.HashSet<>();

    private Builder() {}

    /** A route that answers {@code Idempotency-Key} itself, through {@link OrderAnswers}. */
    public Builder answering(String routeKey, RouteHandler handler) {
      route(routeKey, handler);
      answering.add(routeKey);
      return this;
    }

    public Builder route(String routeKey, RouteHandler handler) {
      if (!ROUTE_KEY.matcher(routeKey).matches()) {
        throw new IllegalArgumentException(
            "not a route key like 'GET /orders/{orderId}': " + routeKey);
      }
      if (handlers.putIfAbsent(routeKey, java.util.Objects.requireNonNull(handler, routeKey))
          != null) {
        throw new IllegalArgumentException("route added twice: " + routeKey);
      }
      return this;
    }

    public Router build() {
      return new Router(handlers, answering);
    }
  }
}
