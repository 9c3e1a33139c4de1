package org.aftersales.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks the percent-encoding of a raw request path or query (RFC 3986): every {@code %} starts two
 * hex digits, and the decoded bytes are UTF-8. A request that fails is answered {@code 400} with a
 * problem ({@link #problem}) before any route or function sees it (bad input is a 4xx, never a
 * 500).
 */
final class PercentEncoding {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PercentEncoding() {}

  /**
   * What is wrong with {@code raw} (the request's {@code part}), or empty when it is well formed.
   */
  static Optional<String> firstError(String part, String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        return Optional.of(
            "the " + part + " has '%' at index " + i + " not followed by two hex digits");
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray()));
    } catch (CharacterCodingException e) {
      return Optional.of("the " + part + " is percent-encoded bytes that are not UTF-8");
    }
    return Optional.empty();
  }

  /** The {@code application/problem+json} body of openapi.yaml's conventions for {@code detail}. */
  static String problem(String detail) {
    ObjectNode problem =
        JSON.createObjectNode()
            .put("type", "https://aftersales.example/problems/invalid-request")
            .put("title", "Invalid request")
            .put("status", 400)
            .put("detail", detail)
            .put("code", "invalid-request");
    problem.putArray("ruleIds");
    problem.putArray("errors");
    return problem.toString();
  }
}
