package org.aftersales.shared.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aftersales.shared.json.Ids;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.json.JsonBody;

/**
 * An API Gateway HTTP API request, payload format 2.0, exactly as AWS sends it: {@code routeKey}
 * ({@code POST /orders/{orderId}/cancellation}), {@code rawPath}, {@code rawQueryString},
 * lower-case {@code headers}, {@code queryStringParameters}, {@code pathParameters}, {@code body}
 * (decoded here when {@code isBase64Encoded}), {@code requestContext.requestId} and the caller from
 * {@code requestContext.authorizer.jwt}. Immutable.
 */
public record ApiGatewayV2Request(
    String routeKey,
    String method,
    String rawPath,
    String rawQueryString,
    Map<String, String> headers,
    Map<String, String> queryParameters,
    Map<String, String> pathParameters,
    String body,
    String awsRequestId,
    Caller caller) {

  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public ApiGatewayV2Request {
    headers = lowerCaseKeys(headers);
    queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(queryParameters));
    pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
    rawQueryString = rawQueryString == null ? "" : rawQueryString;
  }

  /**
   * Reads the event. A body that claims to be base64 but is not is the client's fault ({@code
   * 400}); a missing {@code routeKey} is not an HTTP API event at all.
   */
  public static ApiGatewayV2Request fromEvent(JsonNode event) {
    String routeKey = text(event, "routeKey");
    if (routeKey == null) {
      throw new IllegalArgumentException("not an API Gateway HTTP API v2 event: no routeKey");
    }
    JsonNode context = event.path("requestContext");
    String method = text(context.path("http"), "method");
    if (method == null) {
      int space = routeKey.indexOf(' ');
      method = space > 0 ? routeKey.substring(0, space) : "";
    }
    String body = text(event, "body");
    if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
      try {
        body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest("body", "is marked base64 but is not valid base64");
      }
    }
    JsonNode jwt = context.path("authorizer").path("jwt");
    return new ApiGatewayV2Request(
        routeKey,
        method.toUpperCase(Locale.ROOT),
        Optional.ofNullable(text(event, "rawPath")).orElse(text(context.path("http"), "path")),
        text(event, "rawQueryString"),
        stringMap(event.get("headers")),
        stringMap(event.get("queryStringParameters")),
        stringMap(event.get("pathParameters")),
        body,
        text(context, "requestId"),
        Caller.fromJwt(jwt.get("claims"), jwt.get("scopes")));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(queryParameters.get(name));
  }

  /**
   * A path parameter of the route template, checked against its id schema ({@link Ids}: {@code 400}
   * naming it otherwise, before anything is read). API Gateway only invokes a route when all of
   * them are present, so a missing one is a wiring bug (500), not bad input.
   */
  public String pathParameter(String name) {
    String value = pathParameters.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("route " + routeKey + " has no path parameter " + name);
    }
    return Ids.pathParameter(name, value);
  }

  /** The query parameters as a JSON object of strings, to read and check like a body. */
  public JsonBody query() {
    ObjectNode node = Json.object();
    queryParameters.forEach(node::put);
    return JsonBody.of(node);
  }

  /** The request body as a JSON object to read fields from; {@code 400} if it is not one. */
  public JsonBody jsonBody() {
    return JsonBody.parse(body);
  }

  /**
   * As {@link #jsonBody}, for a route whose body may be left out: empty when the request has no
   * body, else the body read the same way.
   */
  public Optional<JsonBody> optionalJsonBody() {
    return body == null || body.isEmpty() ? Optional.empty() : Optional.of(jsonBody());
  }

  /**
   * The id that correlates this request in responses and logs: the client's {@code x-request-id} if
   * it is a sane id, else API Gateway's request id.
   */
  public String correlationId() {
    return correlationId(headers.get("x-request-id"), awsRequestId);
  }

  /**
   * {@code clientRequestId} if it is a sane id (no injection into logs), else {@code awsRequestId}.
   */
  public static String correlationId(String clientRequestId, String awsRequestId) {
    if (clientRequestId != null && SANE_REQUEST_ID.matcher(clientRequestId).matches()) {
      return clientRequestId;
    }
    return awsRequestId != null ? awsRequestId : "unknown";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties()
          .forEach(e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    }
    map.values().removeIf(java.util.Objects::isNull);
    return map;
  }

  private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    return Collections.unmodifiableMap(lower);
  }
}
