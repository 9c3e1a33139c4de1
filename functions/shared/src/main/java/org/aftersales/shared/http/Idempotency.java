package org.aftersales.shared.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.idempotency.IdempotencyStore.IdempotencyRecord;
import org.aftersales.shared.idempotency.IdempotencyStore.StoredResponse;
import org.aftersales.shared.json.Json;

/**
 * The {@code Idempotency-Key} contract of openapi.yaml "Conventions", around a POST route.
 *
 * <p>No key (or an anonymous caller): the route just runs. A key (1–64 printable ASCII characters,
 * else {@code 400}) is scoped to the caller ({@link Caller#idempotencyScope()}) and bound to a
 * request hash, SHA-256 of method, path and canonical body (JSON key order does not matter). First
 * use: claim, run, then remember the response if it is below 500, or release the claim on a 5xx so
 * the client may retry. Later uses: the first response again with header {@code
 * idempotent-replayed: true}; a different request → {@code 422} {@code idempotency-key-reused}; the
 * first still running → {@code 409} {@code request-in-progress}. Side effects: the store's records.
 */
public record Idempotency(IdempotencyStore store, Clock clock) {

  public static final String KEY_HEADER = "idempotency-key";
  public static final String REPLAYED_HEADER = "idempotent-replayed";
  public static final int MAX_KEY_LENGTH = 64;

  /**
   * Runs {@code route} under the contract. {@code route} must answer every outcome it can (problems
   * included) as a response; an exception from it or from the store propagates after the claim is
   * released.
   */
  public ApiResponse execute(ApiGatewayV2Request request, RouteHandler route) {
    Optional<String> header = request.header(KEY_HEADER);
    Optional<String> scope = request.caller().idempotencyScope();
    if (header.isEmpty() || scope.isEmpty()) {
      return route.handle(request);
    }
    String key = validKey(header.get());
    String hash = requestHash(request);

    Optional<IdempotencyRecord> existing = store.claim(scope.get(), key, hash, clock.instant());
    if (existing.isPresent()) {
      return answerFor(existing.get(), hash);
    }
    ApiResponse response;
    try {
      response = route.handle(request);
    } catch (RuntimeException | Error e) {
      releaseAfter(e, scope.get(), key);
      throw e;
    }
    if (response.status() >= 500) {
      store.release(scope.get(), key);
      return response;
    }
    try {
      store.complete(
          scope.get(),
          key,
          new StoredResponse(response.status(), response.headers(), response.body()),
          clock.instant());
    } catch (RuntimeException e) {
      // The operations behind our routes are safe to retry (ids derived from their cause), so
      // a key whose response could not be stored is freed rather than blocked for 24 h.
      releaseAfter(e, scope.get(), key);
      throw e;
    }
    return response;
  }

  private void releaseAfter(Throwable failure, String scope, String key) {
    try {
      store.release(scope, key);
    } catch (RuntimeException releaseFailure) {
      failure.addSuppressed(releaseFailure);
    }
  }

  private static ApiResponse answerFor(IdempotencyRecord existing, String hash) {
    StoredResponse first =
        existing
            .response()
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        "request-in-progress",
                        "Request in progress",
                        "The first request with this Idempotency-Key is still running. Retry later.",
                        List.of()));
    return replay(existing.requestHash(), first, hash);
  }

  /**
   * The answer to a key already used: the first response again ({@code idempotent-replayed: true})
   * when {@code hash} is the first request's, else {@code 422 idempotency-key-reused}.
   */
  static ApiResponse replay(String firstHash, StoredResponse first, String hash) {
    if (!firstHash.equals(hash)) {
      throw ApiProblem.unprocessable(
          "idempotency-key-reused",
          "Idempotency key reused",
          "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
          List.of());
    }
    return new ApiResponse(first.status(), first.headers(), first.body())
        .withHeader(REPLAYED_HEADER, "true");
  }

  static String validKey(String key) {
    if (key.isEmpty()
        || key.length() > MAX_KEY_LENGTH
        || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw ApiProblem.badRequest(
          "Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
    }
    return key;
  }

  /** SHA-256 (hex) of method, raw path and body; a JSON body in canonical form. */
  static String requestHash(ApiGatewayV2Request request) {
    String body = request.body() == null ? "" : request.body();
    try {
      if (!body.isBlank()) {
        body = Json.write(Json.canonical(Json.MAPPER.readTree(body)));
      }
    } catch (JsonProcessingException e) {
      // not JSON: hashed as sent; the route will answer 400 (and that answer is remembered)
    }
    return sha256(request.method() + "\n" + request.rawPath() + "\n" + body);
  }

  /**
   * The id part of a resource a POST creates, so the same request sent again names the same
   * resource: 24 hex digits of SHA-256 over {@code salt}, the caller's scope, the key and {@code
   * subject} when the client sent an {@code Idempotency-Key} (and the caller has a scope); else
   * {@code random}.
   */
  public static String derivedId(
      Caller caller, Optional<String> key, String salt, String subject, Supplier<String> random) {
    Optional<String> scope = caller.idempotencyScope();
    if (key.isPresent() && scope.isPresent()) {
      return sha256(salt + scope.get() + "\n" + key.get() + "\n" + subject).substring(0, 24);
    }
    return random.get();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
