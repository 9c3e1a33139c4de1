package org.aftersales.shared.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;

/** Runs an {@link ApiFunction} on event fixtures the way Lambda does, capturing stdout lines. */
final class ApiHarness {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T13:20:00Z"), ZoneOffset.UTC);

  /** The v2 response as API Gateway reads it. */
  record Response(int statusCode, JsonNode headers, String rawBody, boolean isBase64Encoded) {
    JsonNode body() {
      try {
        return Json.MAPPER.readTree(rawBody);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return headers.path(name).asText(null);
    }
  }

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final ApiFunction function;

  ApiHarness(Router router, IdempotencyStore store) {
    PrintStream out = new PrintStream(stdout, true, UTF_8);
    function =
        new ApiFunction(
            router,
            store,
            new JsonLog(out, CLOCK, "aftersales", "TestFunction"),
            new EmfMetrics(out, CLOCK, "AfterSales", "aftersales"),
            CLOCK);
  }

  Response invoke(ObjectNode event) {
    return invoke(Json.write(event));
  }

  Response invoke(String rawEvent) {
    try {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      function.handleRequest(new ByteArrayInputStream(rawEvent.getBytes(UTF_8)), output, null);
      JsonNode json = Json.MAPPER.readTree(output.toByteArray());
      return new Response(
          json.get("statusCode").intValue(), json.get("headers"), json.get("body").textValue(), json.get("isBase64Encoded").booleanValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line written to stdout so far (logs and EMF). */
  List<String> stdoutLines() {
    return stdout.toString(UTF_8).lines().toList();
  }

  List<JsonNode> stdoutJson() {
    return stdoutLines().stream()
        .map(
            line -> {
              try {
                return Json.MAPPER.readTree(line);
              } catch (IOException e) {
                throw new AssertionError("stdout line is not JSON: " + line, e);
              }
            })
        .toList();
  }
}
