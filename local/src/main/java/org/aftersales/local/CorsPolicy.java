package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aftersales.localaws.LocalNames;

/**
 * The HTTP API's {@code CorsConfiguration} applied as API Gateway applies it: it answers browser
 * preflights ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 * itself, whatever the routes, and adds {@code Access-Control-Allow-Origin}/{@code -Expose-Headers}
 * to the responses of allowed origins. An origin, method or header that isn't allowed gets no CORS
 * headers (so the browser refuses). Pure.
 */
public record CorsPolicy(
    List<String> allowOrigins,
    List<String> allowMethods,
    List<String> allowHeaders,
    List<String> exposeHeaders,
    String maxAge,
    boolean allowCredentials) {

  public static final CorsPolicy NONE =
      new CorsPolicy(List.of(), List.of(), List.of(), List.of(), null, false);

  public CorsPolicy {
    allowOrigins = List.copyOf(allowOrigins);
    allowMethods = allowMethods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
    allowHeaders = allowHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    exposeHeaders = List.copyOf(exposeHeaders);
  }

  /**
   * The {@code CorsConfiguration} of the template's HTTP API (its resource's, else
   * Globals.HttpApi's), or {@link #NONE}.
   */
  public static CorsPolicy of(SamTemplate template) {
    JsonNode cors = template.root().path("Globals").path("HttpApi").path("CorsConfiguration");
    for (JsonNode api : template.resourcesOfType("AWS::Serverless::HttpApi").values()) {
      if (api.has("CorsConfiguration")) {
        cors = api.get("CorsConfiguration");
      }
    }
    if (!cors.isObject()) {
      return NONE;
    }
    LocalNames names = template.names();
    return new CorsPolicy(
        strings(cors.path("AllowOrigins"), names),
        strings(cors.path("AllowMethods"), names),
        strings(cors.path("AllowHeaders"), names),
        strings(cors.path("ExposeHeaders"), names),
        cors.has("MaxAge") ? names.resolve(cors.get("MaxAge")) : null,
        cors.path("AllowCredentials").asText("false").equals("true"));
  }

  public static boolean isPreflight(String method, String origin, String requestMethod) {
    return method.equals("OPTIONS") && origin != null && requestMethod != null;
  }

  /** The headers of API Gateway's answer (204) to a preflight. */
  public Map<String, String> preflightHeaders(
      String origin, String requestMethod, String requestHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!originAllowed(origin)
        || !(allowMethods.contains("*")
            || allowMethods.contains(requestMethod.toUpperCase(Locale.ROOT)))) {
      return headers;
    }
    if (requestHeaders != null && !requestHeaders.isBlank() && !allowHeaders.contains("*")) {
      for (String header : requestHeaders.split(",")) {
        if (!allowHeaders.contains(header.strip().toLowerCase(Locale.ROOT))) {
          return headers;
        }
      }
    }
    headers.put(
        "access-control-allow-origin",
        allowOrigins.contains("*") && !allowCredentials ? "*" : origin);
    headers.put("access-control-allow-methods", String.join(",", allowMethods));
    if (!allowHeaders.isEmpty()) {
      headers.put("access-control-allow-headers", String.join(",", allowHeaders));
    }
    if (maxAge != null) {
      headers.put("access-control-max-age", maxAge);
    }
    if (allowCredentials) {
      headers.put("access-control-allow-credentials", "true");
    }
    return headers;
  }

  /**
   * The CORS headers added to an ordinary response for a request from {@code origin} (none when it
   * isn't allowed).
   */
  public Map<String, String> responseHeaders(String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!originAllowed(origin)) {
      return headers;
    }
    headers.put(
        "access-control-allow-origin",
        allowOrigins.contains("*") && !allowCredentials ? "*" : origin);
    if (!exposeHeaders.isEmpty()) {
      headers.put("access-control-expose-headers", String.join(",", exposeHeaders));
    }
    if (allowCredentials) {
      headers.put("access-control-allow-credentials", "true");
    }
    return headers;
  }

  private boolean originAllowed(String origin) {
    return origin != null && (allowOrigins.contains("*") || allowOrigins.contains(origin));
  }

  private static List<String> strings(JsonNode values, LocalNames names) {
    List<String> strings = new ArrayList<>();
    values.forEach(value -> strings.add(names.resolve(value)));
    return strings;
  }
}
