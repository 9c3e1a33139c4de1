package org.aftersales.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes, matched as API Gateway HTTP APIs match them: the method must equal the
 * route's (or the route is {@code ANY}); literal segments beat {@code {variables}}, which beat a
 * greedy {@code {proxy+}}; an exact method beats {@code ANY}. Pure.
 */
public record RouteTable(List<HttpRoute> routes) {

  /** A matched route with its decoded path parameters. */
  public record Match(HttpRoute route, Map<String, String> pathParameters) {}

  public RouteTable {
    routes = List.copyOf(routes);
  }

  public Optional<Match> match(String method, String rawPath) {
    String[] requestSegments = segments(rawPath);
    Match best = null;
    int[] bestScore = null;
    for (HttpRoute route : routes) {
      if (!route.method().equals("ANY") && !route.method().equals(method)) {
        continue;
      }
      String[] routeSegments = segments(route.path());
      Map<String, String> parameters = new LinkedHashMap<>();
      int[] score = score(routeSegments, requestSegments, parameters);
      if (score == null) {
        continue;
      }
      score[score.length - 1] = route.method().equals("ANY") ? 0 : 1;
      if (bestScore == null || COMPARE.compare(score, bestScore) > 0) {
        best = new Match(route, parameters);
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private static final Comparator<int[]> COMPARE =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
          if (a[i] != b[i]) {
            return Integer.compare(a[i], b[i]);
          }
        }
        return Integer.compare(a.length, b.length);
      };

  /**
   * Per route segment 2 = literal, 1 = variable, 0 = greedy, then a slot for the method; null if no
   * match.
   */
  private static int[] score(String[] route, String[] request, Map<String, String> parameters) {
    int[] score = new int[route.length + 1];
    for (int i = 0; i < route.length; i++) {
      String segment = route[i];
      if (segment.startsWith("{") && segment.endsWith("+}")) {
        if (i != route.length - 1 || request.length <= i) {
          return null;
        }
        parameters.put(
            segment.substring(1, segment.length() - 2),
            decode(String.join("/", List.of(request).subList(i, request.length))));
        score[i] = 0;
        return score;
      }
      if (i >= request.length) {
        return null;
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        parameters.put(segment.substring(1, segment.length() - 1), decode(request[i]));
        score[i] = 1;
      } else if (segment.equals(request[i])) {
        score[i] = 2;
      } else {
        return null;
      }
    }
    return route.length == request.length ? score : null;
  }

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
