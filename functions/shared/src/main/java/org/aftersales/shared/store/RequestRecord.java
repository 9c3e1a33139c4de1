package org.aftersales.shared.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.aftersales.shared.idempotency.IdempotencyStore.StoredResponse;

/**
 * A request's {@code Idempotency-Key} record kept on the order item it changed, written in the same
 * conditional write as the change: the request's hash, the response it got, and when the key is
 * forgotten (24 h, openapi.yaml "Conventions").
 */
public record RequestRecord(String requestHash, StoredResponse response, Instant expiresAt) {

  /** How long a key is remembered (openapi.yaml: 24 h). */
  public static final Duration TIME_TO_LIVE = Duration.ofHours(24);

  public RequestRecord {
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
