package org.aftersales.shared.http;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.aftersales.shared.idempotency.IdempotencyStore;

/**
 * Test double of the {@link IdempotencyStore} port (ours, not AWS's): records in a map, 24 h life,
 * expired records treated as absent, as the port demands. Counts calls so tests can see what the
 * middleware did.
 */
class InMemoryIdempotencyStore implements IdempotencyStore {

  static final Duration LIFETIME = Duration.ofHours(24);

  final Map<String, IdempotencyRecord> records = new LinkedHashMap<>();
  int claims;
  int completes;
  int releases;

  @Override
  public synchronized Optional<IdempotencyRecord> claim(
      String callerScope, String key, String requestHash, Instant now) {
    claims++;
    String id = callerScope + "#" + key;
    IdempotencyRecord existing = records.get(id);
    if (existing != null && existing.expiresAt().isAfter(now)) {
      return Optional.of(existing);
    }
    records.put(id, new IdempotencyRecord(requestHash, Optional.empty(), now.plus(LIFETIME)));
    return Optional.empty();
  }

  @Override
  public synchronized void complete(
      String callerScope, String key, StoredResponse response, Instant now) {
    completes++;
    String id = callerScope + "#" + key;
    IdempotencyRecord claimed = records.get(id);
    if (claimed == null) {
      throw new IllegalStateException("complete without claim: " + id);
    }
    records.put(
        id,
        new IdempotencyRecord(claimed.requestHash(), Optional.of(response), now.plus(LIFETIME)));
  }

  @Override
  public synchronized void release(String callerScope, String key) {
    releases++;
    records.remove(callerScope + "#" + key);
  }
}
