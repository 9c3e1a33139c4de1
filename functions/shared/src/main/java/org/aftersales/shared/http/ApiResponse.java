package org.aftersales.shared.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.aftersales.shared.json.Json;

/**
 * What a route answers: status, headers (lower-case names) and a body already serialised.
 * Immutable; {@link #withHeader} returns a copy. Written to API Gateway as a payload v2 response by
 * {@link ApiFunction}.
 */
public record ApiResponse(int status, Map<String, String> headers, String body) {

  public static final String JSON = "application/json";

  public ApiResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    Map<String, String> lowerCase = new LinkedHashMap<>();
    headers.forEach(
        (name, value) ->
            lowerCase.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, name)));
    headers = java.util.Collections.unmodifiableMap(lowerCase);
    body = body == null ? "" : body;
  }

  /** A JSON response; {@code value} is a Jackson tree or anything the shared mapper can write. */
  public static ApiResponse json(int status, Object value) {
    return new ApiResponse(status, Map.of("content-type", JSON), Json.write(value));
  }

  public static ApiResponse ok(Object value) {
    return json(200, value);
  }

  public static ApiResponse created(Object value) {
    return json(201, value);
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name.toLowerCase(Locale.ROOT), value);
    return new ApiResponse(status, copy, body);
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
