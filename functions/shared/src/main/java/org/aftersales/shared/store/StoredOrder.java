package org.aftersales.shared.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.state.Order;

/**
 * An order as read with what its item keeps beside it: the {@code Idempotency-Key} records of the
 * requests that changed it (openapi.yaml "Conventions"), by caller-scoped key, so a replay is
 * answered from the read the request makes anyway.
 */
public record StoredOrder(Order order, Map<String, RequestRecord> requests) {

  public StoredOrder {
    Objects.requireNonNull(order, "order");
    requests = Map.copyOf(requests);
  }

  public static StoredOrder of(Order order) {
    return new StoredOrder(order, Map.of());
  }

  /** The live record of {@code scopedKey} at {@code now}, if any (an expired one is absent). */
  public Optional<RequestRecord> request(String scopedKey, Instant now) {
    return Optional.ofNullable(requests.get(scopedKey)).filter(r -> r.expiresAt().isAfter(now));
  }
}
