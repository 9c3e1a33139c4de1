package org.aftersales.policyapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.aftersales.priming.Priming;

/**
 * {@code PolicyFunction} (HTTP API, no authorizer): {@code GET /policy} answers the policy version
 * in force now (GEN-7) as {@link PolicyJson} wrote it at build time ({@link PolicyDocuments}),
 * cacheable for five minutes; any other route is a {@code 404} problem. Every response carries
 * {@code x-request-id} (the client's if sane, else API Gateway's request id). No AWS calls; side
 * effects: one access log line and one EMF {@code Latency} line on stdout, in the formats of {@code
 * shared}'s {@code JsonLog} and {@code EmfMetrics}.
 *
 * <p>It loads neither the AWS SDK, nor Jackson's data binding, nor the policy book (the documents
 * are rendered at build time; the Lambda stream interface and Jackson's streaming core remain), so
 * its first response stays near a hello-world's. A request picks a document and copies it.
 *
 * <p>Why it is the one HTTP function not built on {@code shared}'s {@code ApiFunction}: that
 * skeleton brings Jackson data binding, the AWS SDK (its exception classes decide a {@code 503})
 * and the rest of {@code shared}, and the cold start grows with the classes loaded. Measured with
 * the cold-start kit, this handler against the same route on {@code ApiFunction} + {@code Router}
 * (benchmarks/results/history.md, 2026-12-07): 1,239 classes against 1,896, RSS 50 MB against 73
 * MB, a 0.59 MB package against 9.4 MB, and a first response of 257 ms against 532 ms, 1.30×
 * hello's against 2.70×: the goal is at most 1.5× hello. So it writes, with Jackson's streaming
 * core, the three things the skeleton would give it, and its test holds each to the original: the
 * unknown-route problem ({@code Router}'s), the access log line ({@code JsonLog}'s) and the {@code
 * Latency} metric ({@code EmfMetrics}').
 */
public final class PolicyHandler implements RequestStreamHandler {

  /** The one route this function serves (the template's {@code GetPolicy} event). */
  public static final String ROUTE = "GET /policy";

  static final String CACHE_CONTROL = "public, max-age=300";

  private static final String PRIMING_EVENT =
      "{\"routeKey\":\"GET /policy\",\"headers\":{\"x-request-id\":\"priming\"},"
          + "\"requestContext\":{\"requestId\":\"priming\"}}";

  private final JsonFactory json = new JsonFactory();
  private final PolicyDocuments documents;
  private final PrintStream out;
  private final Clock clock;
  private final String service;
  private final String namespace;
  private final String function;

  /** The documents rendered at build time, stdout, the system clock; primed (cold start). */
  public PolicyHandler() {
    this(PolicyDocuments.load(), System.out, Clock.systemUTC(), System.getenv());
    Priming.beforeSnapshot(
        new Priming.Work() { // not a lambda: no lambda is spun up at this function's cold start
          @Override
          public void run() throws Exception {
            Priming.invoke(
                new PolicyHandler(
                    documents,
                    new PrintStream(OutputStream.nullOutputStream()),
                    clock,
                    System.getenv()),
                PRIMING_EVENT);
          }
        });
  }

  /**
   * @param env the Lambda variables naming the service, metrics namespace and function ({@code
   *     POWERTOOLS_SERVICE_NAME}/{@code SERVICE_NAME}, {@code METRICS_NAMESPACE}, {@code
   *     AWS_LAMBDA_FUNCTION_NAME})
   */
  PolicyHandler(PolicyDocuments documents, PrintStream out, Clock clock, Map<String, String> env) {
    this.documents = documents;
    this.out = out;
    this.clock = clock;
    this.service =
        firstSet(env.get("SERVICE_NAME"), env.get("POWERTOOLS_SERVICE_NAME"), "aftersales");
    this.namespace = firstSet(env.get("METRICS_NAMESPACE"), "AfterSales");
    this.function = firstSet(env.get("AWS_LAMBDA_FUNCTION_NAME"), "local");
  }

  /** The routes this handler answers (the contract tests compare them with the template). */
  public static Set<String> routes() {
    return Set.of(ROUTE);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    long started = System.nanoTime();
    Event event = Event.read(json, input);
    String requestId =
        isSane(event.clientRequestId)
            ? event.clientRequestId
            : event.awsRequestId != null
                ? event.awsRequestId
                : context != null && context.getAwsRequestId() != null
                    ? context.getAwsRequestId()
                    : "unknown";
    int status;
    try (JsonGenerator response = json.createGenerator(output)) {
      response.writeStartObject();
      boolean found = ROUTE.equals(event.routeKey);
      status = found ? 200 : 404;
      response.writeNumberField("statusCode", status);
      response.writeObjectFieldStart("headers");
      if (found) {
        response.writeStringField("cache-control", CACHE_CONTROL);
      }
      response.writeStringField(
          "content-type", found ? "application/json" : "application/problem+json");
      response.writeStringField("x-request-id", requestId);
      response.writeEndObject();
      response.writeStringField(
          "body", found ? documents.document(clock.millis()) : notFound(event.routeKey));
      response.writeBooleanField("isBase64Encoded", false);
      response.writeEndObject();
    }
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    out.println(accessLog(requestId, event.routeKey, status, durationMs));
    out.println(latencyMetric(requestId, event.routeKey, durationMs));
  }

  /** The problem document of {@code Router.unknownRoute}. */
  private String notFound(String routeKey) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator problem = json.createGenerator(text)) {
      problem.writeStartObject();
      problem.writeStringField("type", "https://aftersales.example/problems/not-found");
      problem.writeStringField("title", "Not found");
      problem.writeNumberField("status", 404);
      problem.writeStringField("detail", "No such route: " + routeKey + ".");
      problem.writeStringField("code", "not-found");
      problem.writeArrayFieldStart("ruleIds");
      problem.writeEndArray();
      problem.writeArrayFieldStart("errors");
      problem.writeEndArray();
      problem.writeEndObject();
    }
    return text.toString();
  }

  /** {@code JsonLog}'s "request handled" line. */
  private String accessLog(String requestId, String route, int status, long durationMs)
      throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator line = json.createGenerator(text)) {
      line.writeStartObject();
      line.writeStringField("time", isoInstant(clock.millis()));
      line.writeStringField("level", "INFO");
      line.writeStringField("message", "request handled");
      line.writeStringField("service", service);
      line.writeStringField("function", function);
      line.writeStringField("requestId", requestId);
      if (route != null) {
        line.writeStringField("route", route);
      }
      line.writeNumberField("status", status);
      line.writeNumberField("durationMs", durationMs);
      line.writeEndObject();
    }
    return text.toString();
  }

  /** {@code EmfMetrics}' line for one {@code Latency} value, dimension {@code Service}. */
  private String latencyMetric(String requestId, String route, long durationMs) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator line = json.createGenerator(text)) {
      line.writeStartObject();
      line.writeObjectFieldStart("_aws");
      line.writeNumberField("Timestamp", clock.millis());
      line.writeArrayFieldStart("CloudWatchMetrics");
      line.writeStartObject();
      line.writeStringField("Namespace", namespace);
      line.writeArrayFieldStart("Dimensions");
      line.writeStartArray();
      line.writeString("Service");
      line.writeEndArray();
      line.writeEndArray();
      line.writeArrayFieldStart("Metrics");
      line.writeStartObject();
      line.writeStringField("Name", "Latency");
      line.writeStringField("Unit", "Milliseconds");
      line.writeEndObject();
      line.writeEndArray();
      line.writeEndObject();
      line.writeEndArray();
      line.writeEndObject();
      line.writeStringField("Service", service);
      line.writeStringField("requestId", requestId);
      if (route != null) {
        line.writeStringField("route", route);
      }
      line.writeNumberField("Latency", durationMs);
      line.writeEndObject();
    }
    return text.toString();
  }

  /**
   * As {@code ApiGatewayV2Request}'s check: a client id is echoed only if it cannot inject into
   * logs ({@code [A-Za-z0-9._:-]{1,128}}; a loop, not a regex, to keep {@code java.util.regex} out
   * of the cold start).
   */
  static boolean isSane(String requestId) {
    if (requestId == null || requestId.isEmpty() || requestId.length() > 128) {
      return false;
    }
    for (int i = 0; i < requestId.length(); i++) {
      char c = requestId.charAt(i);
      boolean allowed =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code Instant.ofEpochMilli(millis).toString()} without {@code DateTimeFormatter}, whose static
   * set-up is a measurable share of this function's cold start: {@code LocalDateTime.toString()}
   * writes the same ISO-8601 text except that it leaves out {@code :00} seconds.
   */
  static String isoInstant(long millis) {
    LocalDateTime utc =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(millis, 1000L),
            (int) Math.floorMod(millis, 1000L) * 1_000_000,
            ZoneOffset.UTC);
    String text = utc.toString();
    return (utc.getSecond() == 0 && utc.getNano() == 0 ? text + ":00" : text) + "Z";
  }

  /** The three fields of a payload v2 event this function reads; the rest is skipped unparsed. */
  private record Event(String routeKey, String clientRequestId, String awsRequestId) {

    static Event read(JsonFactory json, InputStream input) throws IOException {
      String routeKey = null;
      String clientRequestId = null;
      String awsRequestId = null;
      try (JsonParser parser = json.createParser(input)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return new Event(null, null, null);
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          switch (field) {
            case "routeKey" -> routeKey = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            case "headers" -> clientRequestId = member(parser, value, "x-request-id");
            case "requestContext" -> awsRequestId = member(parser, value, "requestId");
            default -> parser.skipChildren();
          }
        }
      } catch (IOException | RuntimeException e) {
        // An unreadable event has no route: answered 404 like any unknown route.
        return new Event(null, null, null);
      }
      return new Event(routeKey, clientRequestId, awsRequestId);
    }

    /** The string member {@code name} of the object the parser is on (skipping the rest). */
    private static String member(JsonParser parser, JsonToken value, String name)
        throws IOException {
      if (value != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return null;
      }
      String found = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken member = parser.nextToken();
        if (field.equals(name) && member == JsonToken.VALUE_STRING) {
          found = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      return found;
    }
  }

  private static String firstSet(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    throw new IllegalArgumentException("no default given");
  }
}
