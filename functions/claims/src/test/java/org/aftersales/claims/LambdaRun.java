package org.aftersales.claims;

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
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;

/**
 * Test support: loads the {@code events/<Function>/<case>.json} samples of the repository (so
 * the samples are proven real) and runs handlers on them the way Lambda does, capturing stdout.
 */
final class LambdaRun {

  /** A payload v2 response as API Gateway reads it. */
  record Response(int status, JsonNode headers, JsonNode body) {
    String code() {
      return body.path("code").asText(null);
    }
  }

  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(stdout, true, UTF_8);

  JsonLog log(Clock clock) {
    return new JsonLog(out, clock, "aftersales", "test");
  }

  EmfMetrics metrics(Clock clock) {
    return new EmfMetrics(out, clock, "AfterSales", "aftersales");
  }

  static Path eventFile(String function, String name) {
    String root = System.getProperty("aftersales.root");
    Path base = root == null ? Path.of("../..") : Path.of(root);
    return base.resolve("events").resolve(function).resolve(name + ".json");
  }

  /** The sample {@code events/<function>/<name>.json}. */
  static ObjectNode event(String function, String name) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(Files.readString(eventFile(function, name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP sample with one path parameter set to {@code value} (rawPath and context path too). */
  static ObjectNode withPathParameter(ObjectNode event, String name, String value) {
    ObjectNode params = (ObjectNode) event.get("pathParameters");
    String old = params.get(name).asText();
    params.put(name, value);
    event.put("rawPath", event.get("rawPath").asText().replace(old, value));
    ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
    http.put("path", http.get("path").asText().replace(old, value));
    return event;
  }

  static ObjectNode withBody(ObjectNode event, String body) {
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return event;
  }

  /** The sample with another customer ({@code sub} and {@code username}). */
  static ObjectNode withSubject(ObjectNode event, String subject) {
    ObjectNode claims = (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
    claims.put("sub", subject);
    claims.put("username", subject);
    return event;
  }

  static ObjectNode withHeader(ObjectNode event, String name, String value) {
    ((ObjectNode) event.get("headers")).put(name, value);
    return event;
  }

  static ObjectNode withQuery(ObjectNode event, String name, String value) {
    ObjectNode query = event.has("queryStringParameters") ? (ObjectNode) event.get("queryStringParameters") : event.putObject("queryStringParameters");
    query.put(name, value);
    StringBuilder raw = new StringBuilder();
    query.properties().forEach(e -> raw.append(raw.isEmpty() ? "" : "&").append(e.getKey()).append('=').append(e.getValue().asText()));
    event.put("rawQueryString", raw.toString());
    return event;
  }

  /** Runs an HTTP API function on an event. */
  static Response http(RequestStreamHandler handler, ObjectNode event) {
    JsonNode output = raw(handler, Json.write(event));
    try {
      return new Response(
          output.get("statusCode").intValue(), output.get("headers"), Json.MAPPER.readTree(output.get("body").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs any stream handler on a raw event and reads its JSON output. */
  static JsonNode raw(RequestStreamHandler handler, String event) {
    try {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event.getBytes(UTF_8)), output, null);
      return Json.MAPPER.readTree(output.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
