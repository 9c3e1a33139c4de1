package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Answers of the local HTTP server: a body with headers, JSON, or API Gateway's {@code
 * {"message"}}.
 */
final class HttpReplies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpReplies() {}

  static void sendMessage(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, Map.of("content-type", "application/json"), message(text));
  }

  static void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
    send(
        exchange,
        status,
        Map.of("content-type", "application/json"),
        json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** API Gateway's own error body: {@code {"message": text}}. */
  static byte[] message(String text) {
    return JSON.createObjectNode().put("message", text).toString().getBytes(StandardCharsets.UTF_8);
  }

  static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
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
}
