package org.aftersales.local;

import java.util.List;

/**
 * One {@code HttpApi} event of a function: {@code method} ({@code ANY} allowed) and {@code path} as
 * API Gateway writes them ({@code /orders/{orderId}}, greedy {@code {proxy+}}), whether a JWT
 * authorizer guards it, and the scopes the token must carry one of (empty = no scope check).
 */
public record HttpRoute(
    String method, String path, String functionId, boolean authorized, List<String> scopes) {

  public HttpRoute {
    scopes = List.copyOf(scopes);
  }

  /** API Gateway's route key: {@code POST /orders/{orderId}/cancellation}. */
  public String routeKey() {
    return method + " " + path;
  }
}
