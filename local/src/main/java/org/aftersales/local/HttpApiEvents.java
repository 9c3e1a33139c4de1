package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aftersales.localaws.LocalNames;

/**
 * Translates between HTTP and API Gateway's HTTP API payload format 2.0: {@link #request} builds
 * the event a function receives (lower-case headers with repeated values joined by commas, cookies
 * apart, query parameters, decoded path parameters, the body as text or base64, and {@code
 * requestContext} with the route key and the JWT claims); {@link #response} reads what a handler
 * returned, including the format-2.0 shortcut where a bare JSON value means 200. Pure.
 */
public final class HttpApiEvents {

  /** An incoming HTTP request as the local server received it. */
  public record Request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      String sourceIp) {}

  /** What to send back to the HTTP client. */
  public record Response(
      int status, Map<String, String> headers, List<String> cookies, byte[] body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private HttpApiEvents() {}

  public static ObjectNode request(
      Request request,
      RouteTable.Match match,
      JwtVerdict.Allowed authorization,
      String requestId,
      Instant time) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", match.route().routeKey());
    event.put("rawPath", request.rawPath());
    event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());

    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    request
        .headers()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("cookie")) {
                values.forEach(
                    value -> {
                      for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                          cookies.add(cookie.strip());
                        }
                      }
                    });
              } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
              }
            });
    if (!cookies.isEmpty()) {
      cookies.forEach(event.putArray("cookies")::add);
    }
    ObjectNode headerNode = event.putObject("headers");
    headers.forEach(headerNode::put);

    Map<String, String> query = queryParameters(request.rawQuery());
    if (!query.isEmpty()) {
      ObjectNode queryNode = event.putObject("queryStringParameters");
      query.forEach(queryNode::put);
    }

    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", LocalNames.ACCOUNT_ID);
    context.put("apiId", "local");
    if (authorization != null) {
      ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
      ObjectNode claims = jwt.putObject("claims");
      authorization.claims().forEach(claims::put);
      if (authorization.scopes().isEmpty()) {
        jwt.putNull("scopes");
      } else {
        authorization.scopes().forEach(jwt.putArray("scopes")::add);
      }
    }
    String host = headers.getOrDefault("host", "127.0.0.1");
    context.put("domainName", host);
    context.put("domainPrefix", host.split("[.:]")[0]);
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", request.rawPath());
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", request.sourceIp());
    http.put("userAgent", headers.getOrDefault("user-agent", ""));
    context.put("requestId", requestId);
    context.put("routeKey", match.route().routeKey());
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(time));
    context.put("timeEpoch", time.toEpochMilli());

    if (!match.pathParameters().isEmpty()) {
      ObjectNode parameters = event.putObject("pathParameters");
      match.pathParameters().forEach(parameters::put);
    }
    if (request.body() != null && request.body().length > 0) {
      String text = utf8(request.body());
      if (text != null && isTextual(headers.get("content-type"))) {
        event.put("body", text);
        event.put("isBase64Encoded", false);
      } else {
        event.put("body", Base64.getEncoder().encodeToString(request.body()));
        event.put("isBase64Encoded", true);
      }
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** A handler's output as API Gateway turns it into an HTTP response (payload format 2.0). */
  public static Response response(byte[] output) {
    JsonNode result;
    try {
      result = output.length == 0 ? JSON.nullNode() : JSON.readTree(output);
    } catch (IOException e) {
      return new Response(
          500,
          Map.of("content-type", "application/json"),
          List.of(),
          "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
    }
    if (result == null || !result.isObject() || !result.has("statusCode")) {
      return new Response(
          200,
          Map.of("content-type", "application/json"),
          List.of(),
          (result == null ? "" : result.toString()).getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    result
        .path("multiValueHeaders")
        .properties()
        .forEach(
            h -> {
              List<String> values = new ArrayList<>();
              h.getValue().forEach(v -> values.add(v.asText()));
              headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", values));
            });
    result
        .path("headers")
        .properties()
        .forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
    List<String> cookies = new ArrayList<>();
    result.path("cookies").forEach(c -> cookies.add(c.asText()));
    JsonNode bodyNode = result.path("body");
    byte[] body;
    if (bodyNode.isMissingNode() || bodyNode.isNull()) {
      body = new byte[0];
    } else if (result.path("isBase64Encoded").asBoolean(false)) {
      body = Base64.getDecoder().decode(bodyNode.asText());
    } else {
      body =
          (bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString())
              .getBytes(StandardCharsets.UTF_8);
    }
    return new Response(result.path("statusCode").asInt(500), headers, cookies, body);
  }

  static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  private static boolean isTextual(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.contains("json")
        || type.contains("xml")
        || type.contains("x-www-form-urlencoded")
        || type.contains("javascript")
        || type.contains("yaml");
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
