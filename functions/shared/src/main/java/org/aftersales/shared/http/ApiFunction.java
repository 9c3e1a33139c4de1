package org.aftersales.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aftersales.shared.aws.DependencyFailures;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.CaseTooLargeException;
import org.aftersales.shared.store.NoSuchOrderException;
import org.aftersales.shared.store.OrderContentionException;

/**
 * The {@link RequestStreamHandler} behind every HTTP API function: reads the payload v2 event,
 * routes it by {@code routeKey} (POST routes under {@link Idempotency}), and writes the v2 response
 * {@code {"statusCode", "headers", "body", "isBase64Encoded": false}}.
 *
 * <p>Every response carries {@code x-request-id} (the client's, if sane, else API Gateway's request
 * id) and {@code content-type}. Errors become problem+json in one place, {@link #problemFor}: an
 * {@link ApiProblem} as is; a JSON syntax or type error from a handler → {@code 400} naming the
 * field; {@link NoSuchOrderException} → {@code 404} (exactly like another customer's order); {@link
 * CaseTooLargeException} → {@code 422 claim-too-large} / {@code return-too-large}; {@link
 * OrderContentionException} → {@code 503 order-busy} with {@code retry-after}; a dependency that
 * failed (an AWS SDK client failure or timeout, a 5xx or throttling from the service, also when the
 * idempotency store meets it) → {@code 503 dependency-unavailable} with {@code retry-after};
 * anything else → {@code 500} with no internal detail, logged with its stack trace (a 500 is a
 * bug). Side effects: one access log line and one EMF flush per invocation ({@code Latency}, and
 * {@code ServerError} on a 5xx). A function handler extends it, or holds one and delegates in one
 * line.
 */
public class ApiFunction implements RequestStreamHandler {

  public static final String REQUEST_ID_HEADER = "x-request-id";

  /** Seconds a client waits before retrying an order that kept changing under every attempt. */
  static final int ORDER_BUSY_RETRY_AFTER_SECONDS = 1;

  /** Seconds a client waits before retrying after a dependency failed. */
  static final int DEPENDENCY_RETRY_AFTER_SECONDS = 2;

  private final Router router;
  private final Idempotency idempotency;
  private final JsonLog log;
  private final EmfMetrics metrics;

  /**
   * @param idempotencyStore where POST routes keep {@code Idempotency-Key} records; {@code null}
   *     for a function without POST routes
   */
  public ApiFunction(
      Router router,
      IdempotencyStore idempotencyStore,
      JsonLog log,
      EmfMetrics metrics,
      Clock clock) {
    this.router = router;
    this.idempotency = idempotencyStore == null ? null : new Idempotency(idempotencyStore, clock);
    this.log = log;
    this.metrics = metrics;
  }

  /** The routes over a function's ports, with the idempotency store, log, metrics and clock. */
  protected ApiFunction(Router router, FunctionPorts ports) {
    this(router, ports.idempotency(), ports.log(), ports.metrics(), ports.clock());
  }

  /** Logs and metrics to stdout as the Lambda environment names them, the system clock. */
  public ApiFunction(Router router, IdempotencyStore idempotencyStore) {
    this(
        router,
        idempotencyStore,
        JsonLog.fromEnvironment(),
        EmfMetrics.fromEnvironment(),
        Clock.systemUTC());
  }

  public Router router() {
    return router;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    long started = System.nanoTime();
    String requestId =
        context == null || context.getAwsRequestId() == null
            ? "unknown"
            : context.getAwsRequestId();
    String route = null;
    ApiResponse response;
    try {
      JsonNode event = Json.MAPPER.readTree(input);
      requestId = correlationIdOf(event, requestId);
      route = event == null ? null : event.path("routeKey").asText(null);
      log.beginInvocation(requestId, route, context == null ? null : context.getFunctionName());
      response = dispatch(ApiGatewayV2Request.fromEvent(event), requestId);
    } catch (ApiProblem problem) {
      response = problem.toResponse();
    } catch (RuntimeException e) {
      // The event itself, or the idempotency store, failed: not the client's input.
      ApiProblem problem = isDependencyFailure(e) ? problemFor(e) : null;
      response = problem != null ? problem.toResponse() : internalError(e, requestId);
    } catch (IOException e) {
      response = internalError(e, requestId);
    }
    try {
      response = response.withHeader(REQUEST_ID_HEADER, requestId);
      if (response.header("content-type") == null) {
        response = response.withHeader("content-type", ApiResponse.JSON);
      }
      Json.MAPPER.writeValue(output, v2Response(response));
    } finally {
      record(response, route, requestId, (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** The invocation's access log line and its one EMF flush. */
  private void record(ApiResponse response, String route, String requestId, long durationMs) {
    try {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("status", response.status());
      fields.put("durationMs", durationMs);
      if (response.status() >= 400
          && ApiProblem.CONTENT_TYPE.equals(response.header("content-type"))) {
        fields.put("problem", Json.MAPPER.readTree(response.body()).path("code").asText());
      }
      log.info("request handled", fields);
      metrics.property("requestId", requestId);
      if (route != null) {
        metrics.property("route", route);
      }
      metrics.put("Latency", durationMs, EmfMetrics.Unit.MILLISECONDS);
      if (response.status() >= 500) {
        metrics.count("ServerError");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      metrics.flush();
      log.endInvocation();
    }
  }

  private ApiResponse dispatch(ApiGatewayV2Request request, String requestId) {
    RouteHandler handler =
        router
            .handlerFor(request.routeKey())
            .orElseThrow(() -> Router.unknownRoute(request.routeKey()));
    RouteHandler answering = r -> answer(handler, r, requestId);
    if (idempotency != null
        && "POST".equals(request.method())
        && !router.keepsOwnRecords(request.routeKey())) {
      return idempotency.execute(request, answering);
    }
    return answering.handle(request);
  }

  /** Runs a handler and turns whatever it throws into the response it stands for. */
  private ApiResponse answer(RouteHandler handler, ApiGatewayV2Request request, String requestId) {
    try {
      return handler.handle(request);
    } catch (RuntimeException e) {
      ApiProblem problem = problemFor(e);
      return problem != null ? problem.toResponse() : internalError(e, requestId);
    }
  }

  /**
   * The one map from what a route throws to the problem it answers; {@code null} for a bug
   * (answered {@code 500} and logged). Add a new kind of expected failure here, nowhere else.
   */
  static ApiProblem problemFor(RuntimeException e) {
    return switch (e) {
      case ApiProblem problem -> problem;
      case UncheckedIOException io -> badJson(io.getCause());
      case NoSuchOrderException missing ->
          ApiProblem.notFound("No order " + missing.orderId() + ".");
      case CaseTooLargeException big ->
          ApiProblem.unprocessable(
              big.kind().toLowerCase(Locale.ROOT) + "-too-large",
              big.kind().equals("CLAIM") ? "Claim too large" : "Return too large",
              "The "
                  + big.kind().toLowerCase(Locale.ROOT)
                  + " "
                  + big.id()
                  + " can not record more: it would exceed the storage limit of one record."
                  + " Nothing was changed; please contact customer care.",
              List.of());
      case OrderContentionException busy ->
          ApiProblem.unavailable(
              "order-busy",
              "Order busy",
              "The order is being changed by other requests right now. Retry in a second.",
              ORDER_BUSY_RETRY_AFTER_SECONDS);
      default ->
          isDependencyFailure(e)
              ? ApiProblem.unavailable(
                  "dependency-unavailable",
                  "Dependency unavailable",
                  "A service this request needs did not answer in time. Retry after a few"
                      + " seconds; with the same Idempotency-Key a retry is safe.",
                  DEPENDENCY_RETRY_AFTER_SECONDS)
              : null;
    };
  }

  /** {@link DependencyFailures#isDependencyFailure}: an outage, not a bug. */
  static boolean isDependencyFailure(Throwable e) {
    return DependencyFailures.isDependencyFailure(e);
  }

  /**
   * A client's malformed JSON or wrong type met by a handler's own Jackson read; {@code null} for
   * other I/O errors. The message names the field and location, never the content.
   */
  static ApiProblem badJson(Throwable e) {
    if (e instanceof MismatchedInputException mismatch) {
      return ApiProblem.badRequest(fieldPath(mismatch), "has the wrong type or format");
    }
    if (e instanceof StreamReadException syntax) {
      var at = syntax.getLocation();
      return ApiProblem.badRequest(
          "body",
          "is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    return null;
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  private ApiResponse internalError(Exception e, String requestId) {
    log.error("unexpected error", Map.of(), e);
    return ApiProblem.internalError(requestId).toResponse();
  }

  private static String correlationIdOf(JsonNode event, String fallback) {
    if (event == null || !event.isObject()) {
      return fallback;
    }
    String awsRequestId = event.path("requestContext").path("requestId").asText(null);
    return ApiGatewayV2Request.correlationId(
        event.path("headers").path(REQUEST_ID_HEADER).asText(null),
        awsRequestId != null ? awsRequestId : fallback);
  }

  private static ObjectNode v2Response(ApiResponse response) {
    ObjectNode json = Json.object();
    json.put("statusCode", response.status());
    ObjectNode headers = json.putObject("headers");
    response.headers().forEach(headers::put);
    json.put("body", response.body());
    json.put("isBase64Encoded", false);
    return json;
  }
}
