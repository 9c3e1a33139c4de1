package org.aftersales.cancellation;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;

/**
 * Runs a handler on the sample events of {@code events/<Function>/} (repository root) the way
 * Lambda does, so the samples are proven real; captures stdout (logs, EMF). The shared module's
 * own harness is package-private to its http package, hence this small one.
 */
final class LambdaRun {

  static final Path EVENTS = Path.of("../../events");

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(stdout, true, UTF_8);
  final JsonLog log;
  final EmfMetrics metrics;

  LambdaRun(Clock clock, String function) {
    log = new JsonLog(out, clock, "aftersales", function);
    metrics = new EmfMetrics(out, clock, "AfterSales", "aftersales");
  }

  /** The v2 response as API Gateway reads it. */
  record Response(int status, JsonNode headers, JsonNode body) {
    String header(String name) {
      return headers.path(name).asText(null);
    }

    String code() {
      return body.path("code").asText(null);
    }
  }

  static ObjectNode event(String function, String name) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(Files.readString(EVENTS.resolve(function).resolve(name + ".json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event aimed at another order id (path parameter, raw path and http.path). */
  static ObjectNode forOrder(ObjectNode event, String orderId) {
    ((ObjectNode) event.get("pathParameters")).put("orderId", orderId);
    String path = event.get("rawPath").asText().replace("/orders/o-1001", "/orders/" + orderId);
    event.put("rawPath", path);
    ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
    return event;
  }

  static ObjectNode withBody(ObjectNode event, JsonNode body) {
    event.put("body", Json.write(body));
    event.put("isBase64Encoded", false);
    return event;
  }

  static ObjectNode withHeader(ObjectNode event, String name, String value) {
    ((ObjectNode) event.get("headers")).put(name, value);
    return event;
  }

  static JsonNode body(ObjectNode event) {
    try {
      return Json.MAPPER.readTree(event.get("body").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Response invoke(RequestStreamHandler handler, ObjectNode event) {
    try {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(UTF_8)), output, null);
      JsonNode json = Json.MAPPER.readTree(output.toByteArray());
      String body = json.get("body").textValue();
      return new Response(json.get("statusCode").intValue(), json.get("headers"),
          body == null || body.isEmpty() ? Json.object() : Json.MAPPER.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> stdoutLines() {
    return stdout.toString(UTF_8).lines().toList();
  }
}
