package org.aftersales.shared.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.state.Order;

/**
 * An order as read with what its item keeps beside it: the {@code Idempotency-Key} records of the
 * requests that changed it (openapi.yaml "Conventions"), by caller-scoped key, so a replay is
 * answered from the read the request makes anyway; and the ids of its latest writes, oldest first
 * ({@link OrderUpdates}: a request whose write timed out finds here whether it was applied).
 */
public record StoredOrder(Order order, Map<String, RequestRecord> requests, List<String> writes) {

  public StoredOrder {
    Objects.requireNonNull(order, "order");
    requests = Map.copyOf(requests);
    writes = List.copyOf(writes);
  }

  public static StoredOrder of(Order order) {
    return new StoredOrder(order, Map.of(), List.of());
  }

  /** The live record of {@code scopedKey} at {@code now}, if any (an expired one is absent). */
  public Optional<RequestRecord> request(String scopedKey, Instant now) {
    return Optional.ofNullable(requests.get(scopedKey)).filter(r -> r.expiresAt().isAfter(now));
  }
}
