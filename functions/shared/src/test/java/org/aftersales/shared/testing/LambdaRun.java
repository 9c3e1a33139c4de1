package org.aftersales.shared.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * The one test harness of the function modules: loads the event samples of {@code
 * events/<Function>/<case>.json} (repository root, so the samples are proven real), edits them
 * (path parameter, body, header, query, subject), runs a handler on them the way Lambda does, and
 * captures the handler's stdout (log and EMF lines). The AWS calls a handler makes while it runs
 * here are recorded for its function's IAM policy check ({@link AwsCallRecorder}).
 *
 * <p>Every HTTP API response it reads ({@link #http}, {@link #invoke}) is checked against
 * openapi.yaml by {@link OpenApiResponses}: an undeclared status or content type, a body its schema
 * rejects or a missing {@code x-request-id} fails the test. Only {@link #withoutContract()} skips
 * that, for the shared module's plumbing tests whose toy routes answer toy bodies.
 */
public final class LambdaRun {

  /**
   * A payload v2 response as API Gateway reads it; {@code body} is the parsed JSON body ({@code {}}
   * if empty).
   */
  public record Response(
      int status, JsonNode headers, JsonNode body, String rawBody, boolean isBase64Encoded) {
    public int statusCode() {
      return status;
    }

    public String header(String name) {
      return headers.path(name).asText(null);
    }

    /** The problem's {@code code}, or {@code null}. */
    public String code() {
      return body == null ? null : body.path("code").asText(null);
    }
  }

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  public final PrintStream out = new PrintStream(stdout, true, UTF_8);

  /** Log and metrics writing to this run's stdout (set by {@link #LambdaRun(Clock, String)}). */
  public final JsonLog log;

  public final EmfMetrics metrics;
  private final boolean contract;

  /**
   * Captures stdout; build the log and metrics with {@link #log(Clock)} and {@link
   * #metrics(Clock)}.
   */
  public LambdaRun() {
    this(null, null, true);
  }

  /**
   * Captures stdout through a log named after {@code function} and metrics, both on {@code clock}.
   */
  public LambdaRun(Clock clock, String function) {
    this(clock, function, true);
  }

  private LambdaRun(Clock clock, String function, boolean contract) {
    this.log = clock == null ? null : new JsonLog(out, clock, "aftersales", function);
    this.metrics = clock == null ? null : new EmfMetrics(out, clock, "AfterSales", "aftersales");
    this.contract = contract;
  }

  /**
   * A run whose responses are not checked against openapi.yaml (plumbing tests with toy routes
   * only).
   */
  public static LambdaRun withoutContract() {
    return new LambdaRun(null, null, false);
  }

  public JsonLog log(Clock clock) {
    return log(clock, "test");
  }

  public JsonLog log(Clock clock, String function) {
    return new JsonLog(out, clock, "aftersales", function);
  }

  public EmfMetrics metrics(Clock clock) {
    return new EmfMetrics(out, clock, "AfterSales", "aftersales");
  }

  /** Every line written to this run's stdout so far (logs and EMF). */
  public List<String> stdoutLines() {
    return stdout.toString(UTF_8).lines().toList();
  }

  public List<JsonNode> stdoutJson() {
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

  /** The EMF lines (those with {@code _aws}). */
  public List<JsonNode> emf() {
    return stdoutJson().stream().filter(line -> line.has("_aws")).toList();
  }

  // ---- running handlers -----------------------------------------------------------------------

  /**
   * Runs an HTTP API handler on an event; the response is checked against openapi.yaml unless
   * {@link #withoutContract()}.
   */
  public Response invoke(RequestStreamHandler handler, ObjectNode event) {
    return invoke(handler, Json.write(event));
  }

  public Response invoke(RequestStreamHandler handler, String event) {
    return response(event, raw(handler, event), contract);
  }

  /** Runs an HTTP API handler on an event; the response is checked against openapi.yaml. */
  public static Response http(RequestStreamHandler handler, ObjectNode event) {
    return http(handler, Json.write(event));
  }

  public static Response http(RequestStreamHandler handler, String event) {
    return response(event, raw(handler, event), true);
  }

  /** Runs any stream handler on a raw event and reads its JSON output (no contract check). */
  public static JsonNode raw(RequestStreamHandler handler, String event) {
    return raw(handler, event, null);
  }

  /**
   * Runs any stream handler on a raw event with a Lambda context and reads its JSON output. The
   * handler's AWS calls are recorded for its function ({@link AwsCallRecorder}).
   */
  public static JsonNode raw(RequestStreamHandler handler, String event, Context context) {
    try (AwsCallRecorder.Scope calls = AwsCallRecorder.handling(handler)) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event.getBytes(UTF_8)), output, context);
      return Json.MAPPER.readTree(output.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response response(String event, JsonNode output, boolean contract) {
    String rawBody = output.path("body").asText("");
    JsonNode body;
    try {
      body = rawBody.isEmpty() ? Json.object() : Json.MAPPER.readTree(rawBody);
    } catch (IOException e) {
      body = null;
    }
    Response response =
        new Response(
            output.get("statusCode").intValue(),
            output.get("headers"),
            body,
            rawBody,
            output.path("isBase64Encoded").asBoolean(false));
    if (contract) {
      String routeKey = tree(event).path("routeKey").asText();
      OpenApiResponses.load()
          .check(
              routeKey,
              response.status(),
              response.header("content-type"),
              rawBody.isEmpty() ? null : body,
              response.header("x-request-id"));
    }
    return response;
  }

  // ---- event samples ---------------------------------------------------------------------------

  /** {@code events/<function>/<name>.json} of the repository. */
  public static Path eventFile(String function, String name) {
    return LocalAws.projectRoot().resolve("events").resolve(function).resolve(name + ".json");
  }

  /** The raw text of {@code events/<function>/<name>.json}. */
  public static String eventText(String function, String name) {
    try {
      return Files.readString(eventFile(function, name), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("no event sample " + eventFile(function, name), e);
    }
  }

  /** The sample {@code events/<function>/<name>.json}. */
  public static ObjectNode event(String function, String name) {
    return tree(eventText(function, name));
  }

  /**
   * A fixture {@code /events/<name>} on the test class path (the shared module's own API Gateway
   * samples).
   */
  public static ObjectNode resource(String name) {
    try (InputStream in = LambdaRun.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture events/" + name);
      }
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode tree(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The event with one path parameter changed from its sample value to {@code value} (rawPath and
   * context path too).
   */
  public static ObjectNode withPathParameter(ObjectNode event, String name, String value) {
    ObjectNode params = (ObjectNode) event.get("pathParameters");
    String old = params.get(name).asText();
    params.put(name, value);
    event.put("rawPath", event.get("rawPath").asText().replace(old, value));
    ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
    http.put("path", http.get("path").asText().replace(old, value));
    return event;
  }

  /** The event aimed at another order id. */
  public static ObjectNode forOrder(ObjectNode event, String orderId) {
    return withPathParameter(event, "orderId", orderId);
  }

  /** The event with another plain (not base64) body. */
  public static ObjectNode withBody(ObjectNode event, String body) {
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return event;
  }

  public static ObjectNode withBody(ObjectNode event, JsonNode body) {
    return withBody(event, Json.write(body));
  }

  /** The event's body, parsed. */
  public static JsonNode body(ObjectNode event) {
    try {
      return Json.MAPPER.readTree(event.get("body").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode withHeader(ObjectNode event, String name, String value) {
    ((ObjectNode) event.get("headers")).put(name, value);
    return event;
  }

  public static ObjectNode withoutHeader(ObjectNode event, String name) {
    ((ObjectNode) event.get("headers")).remove(name);
    return event;
  }

  /** The event with another customer ({@code sub} and {@code username}). */
  public static ObjectNode withSubject(ObjectNode event, String subject) {
    ObjectNode claims =
        (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
    claims.put("sub", subject);
    claims.put("username", subject);
    return event;
  }

  /** The event with one query parameter set (and {@code rawQueryString} rebuilt). */
  public static ObjectNode withQuery(ObjectNode event, String name, String value) {
    ObjectNode query =
        event.has("queryStringParameters") && event.get("queryStringParameters").isObject()
            ? (ObjectNode) event.get("queryStringParameters")
            : event.putObject("queryStringParameters");
    query.put(name, value);
    StringBuilder raw = new StringBuilder();
    query
        .properties()
        .forEach(
            e ->
                raw.append(raw.isEmpty() ? "" : "&")
                    .append(e.getKey())
                    .append('=')
                    .append(e.getValue().asText()));
    event.put("rawQueryString", raw.toString());
    return event;
  }
}
