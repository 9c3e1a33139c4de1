package org.aftersales.shared.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Port for the records behind the {@code Idempotency-Key} header (openapi.yaml "Conventions").
 *
 * <p>A record is scoped to the caller (so one customer's key never answers another's request) and
 * remembers a hash of the request and, once done, the first response. Records live 24 h; readers
 * must treat a record past {@code expiresAt} as absent (TTL deletion is lazy, and the local server
 * never deletes).
 */
public interface IdempotencyStore {

  /**
   * Claims {@code key} for a request about to run. Returns empty when the claim succeeded (no live
   * record existed); otherwise the live record that already holds the key, untouched.
   */
  Optional<IdempotencyRecord> claim(
      String callerScope, String key, String requestHash, Instant now);

  /**
   * Stores the first response of a claimed key, so replays return it for 24 h from {@code now}.
   * Until then a claim is a short lease: a request that died mid-way (a Lambda timeout, a crash)
   * does not block its key for a day.
   */
  void complete(String callerScope, String key, StoredResponse response, Instant now);

  /** Drops a claim whose request failed with a 5xx, so the client may retry with the same key. */
  void release(String callerScope, String key);

  /** The response remembered for a key. Headers are kept as given (for example content-type). */
  record StoredResponse(int status, java.util.Map<String, String> headers, String body) {}

  /** A live record: {@code response} is empty while the first request is still running. */
  record IdempotencyRecord(
      String requestHash, Optional<StoredResponse> response, Instant expiresAt) {}
}
