package org.aftersales.shared.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.aftersales.shared.json.Json;

/**
 * A typed API error that becomes an {@code application/problem+json} response (RFC 9457,
 * openapi.yaml "Conventions"): {@code {"type", "title", "status", "detail", "code", "ruleIds",
 * "errors"}}.
 *
 * <p>Thrown by handlers and the plumbing; the API function answers it as is. Its message is the
 * detail, which goes to the client: it must not carry internal detail (class names, SQL, stack
 * frames). Use the factories; {@code ruleIds} cite docs/policy.md (e.g. {@code CAN-4}).
 */
public final class ApiProblem extends RuntimeException {

  public static final String TYPE_PREFIX = "https://aftersales.example/problems/";
  public static final String CONTENT_TYPE = "application/problem+json";

  private final int status;
  private final String code;
  private final String title;
  private final String detail;
  private final List<String> ruleIds;
  private final List<FieldError> errors;
  private final Integer retryAfterSeconds;

  public ApiProblem(
      int status,
      String code,
      String title,
      String detail,
      List<String> ruleIds,
      List<FieldError> errors) {
    this(status, code, title, detail, ruleIds, errors, null);
  }

  private ApiProblem(
      int status,
      String code,
      String title,
      String detail,
      List<String> ruleIds,
      List<FieldError> errors,
      Integer retryAfterSeconds) {
    super(code + ": " + detail, null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
    }
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.title = Objects.requireNonNull(title, "title");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.ruleIds = List.copyOf(ruleIds);
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** {@code 400}: bad input, with every offending field. */
  public static ApiProblem badRequest(List<FieldError> errors) {
    return new ApiProblem(
        400,
        "invalid-request",
        "Invalid request",
        errors.size() == 1
            ? "1 field is invalid: see errors."
            : errors.size() + " fields are invalid: see errors.",
        List.of(),
        errors);
  }

  public static ApiProblem badRequest(String field, String message) {
    return badRequest(List.of(new FieldError(field, message)));
  }

  /** {@code 401}: no (valid) token. */
  public static ApiProblem unauthorized() {
    return new ApiProblem(
        401,
        "unauthenticated",
        "Authentication required",
        "This request needs a valid access token.",
        List.of(),
        List.of());
  }

  /** {@code 403}: a token whose caller has none of the roles the route allows. */
  public static ApiProblem forbidden() {
    return new ApiProblem(
        403,
        "forbidden",
        "Forbidden",
        "The caller's role does not allow this request.",
        List.of(),
        List.of());
  }

  /** {@code 404}: no such resource, or one the caller may not see (openapi.yaml: same answer). */
  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "not-found", "Not found", detail, List.of(), List.of());
  }

  /** {@code 409}: the current state does not allow the request. */
  public static ApiProblem conflict(
      String code, String title, String detail, List<String> ruleIds) {
    return new ApiProblem(409, code, title, detail, ruleIds, List.of());
  }

  /** {@code 422}: a valid request that the policy (or the idempotency contract) refuses. */
  public static ApiProblem unprocessable(
      String code, String title, String detail, List<String> ruleIds) {
    return new ApiProblem(422, code, title, detail, ruleIds, List.of());
  }

  /**
   * {@code 503} with {@code Retry-After}: a transient state the client should retry after {@code
   * retryAfterSeconds} (openapi.yaml "Conventions": a 5xx is a bug or an outage).
   */
  public static ApiProblem unavailable(
      String code, String title, String detail, int retryAfterSeconds) {
    return new ApiProblem(503, code, title, detail, List.of(), List.of(), retryAfterSeconds);
  }

  /** {@code 500}: a bug. The detail names only the request id, never the cause. */
  public static ApiProblem internalError(String requestId) {
    return new ApiProblem(
        500,
        "internal-error",
        "Internal error",
        "An unexpected error occurred. It has been logged under request id " + requestId + ".",
        List.of(),
        List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  public List<String> ruleIds() {
    return ruleIds;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The problem document, fields in the order openapi.yaml lists them. */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("type", TYPE_PREFIX + code);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    json.put("code", code);
    ArrayNode rules = json.putArray("ruleIds");
    ruleIds.forEach(rules::add);
    ArrayNode fields = json.putArray("errors");
    for (FieldError error : errors) {
      fields.addObject().put("field", error.field()).put("message", error.message());
    }
    return json;
  }

  /** The response; a {@code 503} carries its {@code retry-after} header. */
  public ApiResponse toResponse() {
    ApiResponse response =
        new ApiResponse(
            status, java.util.Map.of("content-type", CONTENT_TYPE), Json.write(toJson()));
    return retryAfterSeconds == null
        ? response
        : response.withHeader("retry-after", retryAfterSeconds.toString());
  }
}
