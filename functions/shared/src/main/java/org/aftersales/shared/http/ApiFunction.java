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
import java.util.Map;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;

/**
 * The {@link RequestStreamHandler} behind every HTTP API function: reads the payload v2 event,
 * routes it by {@code routeKey} (POST routes under {@link Idempotency}), and writes the v2 response
 * {@code {"statusCode", "headers", "body", "isBase64Encoded": false}}.
 *
 * <p>Every response carries {@code x-request-id} (the client's, if sane, else API Gateway's request
 * id) and {@code content-type}. Errors become problem+json: an {@link ApiProblem} as is; a JSON
 * syntax or type error from a handler → {@code 400} naming the field; anything else → {@code 500}
 * with no internal detail, logged with its stack trace (a 5xx is a bug) — except a dependency that
 * failed (an AWS SDK client failure or timeout, a 5xx or throttling from the service) → {@code 503
 * dependency-unavailable} with {@code retry-after}. Side effects: one access log line and one EMF
 * flush per invocation ({@code Latency}, and {@code ServerError} on a 5xx). A function handler
 * extends it, or holds one and delegates in one line.
 */
public class ApiFunction implements RequestStreamHandler {

  public static final String REQUEST_ID_HEADER = "x-request-id";

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
    } catch (RuntimeException | IOException e) {
      // The event itself, or the idempotency store, failed: not the client's input.
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
    if (idempotency != null && "POST".equals(request.method())) {
      return idempotency.execute(request, answering);
    }
    return answering.handle(request);
  }

  /** Runs a handler and turns whatever it throws into the response it stands for. */
  private ApiResponse answer(RouteHandler handler, ApiGatewayV2Request request, String requestId) {
    try {
      return handler.handle(request);
    } catch (ApiProblem problem) {
      return problem.toResponse();
    } catch (UncheckedIOException e) {
      ApiProblem bad = badJson(e.getCause());
      return bad != null ? bad.toResponse() : internalError(e, requestId);
    } catch (RuntimeException e) {
      return internalError(e, requestId);
    }
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
    if (isDependencyFailure(e)) {
      log.error("dependency unavailable", Map.of(), e);
      return DEPENDENCY_UNAVAILABLE.toResponse().withHeader("retry-after", RETRY_AFTER_SECONDS);
    }
    log.error("unexpected error", Map.of(), e);
    return ApiProblem.internalError(requestId).toResponse();
  }

  /** Seconds a client should wait before retrying after a {@code 503}. */
  static final String RETRY_AFTER_SECONDS = "2";

  private static final ApiProblem DEPENDENCY_UNAVAILABLE =
      new ApiProblem(
          503,
          "dependency-unavailable",
          "Dependency unavailable",
          "A service this request needs did not answer in time. Nothing was changed that is not"
              + " safe to retry: retry after a few seconds.",
          java.util.List.of(),
          java.util.List.of());

  /**
   * An AWS SDK call that failed on the client side (no connection, attempt or call timeout, the
   * retry budget of {@code AwsClients} spent) or that the service answered with a 5xx or
   * throttling: an outage, not a bug, so {@code 503} with {@code retry-after} (issue 12).
   */
  static boolean isDependencyFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof software.amazon.awssdk.core.exception.SdkClientException) {
        return true;
      }
      if (t instanceof software.amazon.awssdk.core.exception.SdkServiceException service
          && (service.statusCode() >= 500 || service.isThrottlingException())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
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
