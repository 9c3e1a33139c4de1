package org.aftersales.shared.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersales.shared.idempotency.IdempotencyStore.IdempotencyRecord;
import org.aftersales.shared.idempotency.IdempotencyStore.StoredResponse;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The idempotency records behind the {@code Idempotency-Key} header, on the local DynamoDB server.
 */
@ExtendWith(LocalAwsServers.class)
class DynamoDbIdempotencyStoreIT {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final StoredResponse CREATED =
      new StoredResponse(
          201,
          Map.of("content-type", "application/json", "location", "/returns/r-1"),
          "{\"returnId\":\"r-1\"}");

  private final LocalAws aws;
  private DynamoDbIdempotencyStore store;
  private String caller;
  private String key;

  DynamoDbIdempotencyStoreIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    store = new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName());
    caller = aws.uniqueId("customer");
    key = aws.uniqueId("key");
  }

  @Test
  void the_first_claim_wins_and_the_second_sees_the_running_record() {
    assertThat(store.claim(caller, key, "hash-a", NOW)).isEmpty();

    Optional<IdempotencyRecord> second = store.claim(caller, key, "hash-b", NOW.plusSeconds(5));

    assertThat(second)
        .contains(new IdempotencyRecord("hash-a", Optional.empty(), NOW.plusSeconds(120)));
  }

  @Test
  void the_item_is_keyed_by_caller_and_key_with_its_ttl() {
    store.claim(caller, key, "hash-a", NOW);

    Map<String, AttributeValue> item =
        aws.dynamoDb()
            .getItem(
                get ->
                    get.tableName(aws.tableName())
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("IDEMPOTENCY#" + caller + "#" + key),
                                "sk", AttributeValue.fromS("IDEMPOTENCY"))))
            .item();
    // A running claim is a short lease; completing the key keeps it for 24 h.
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 120));
    assertThat(item.get("requestHash").s()).isEqualTo("hash-a");
  }

  @Test
  void keys_are_scoped_to_their_caller() {
    assertThat(store.claim(caller, key, "hash-a", NOW)).isEmpty();
    assertThat(store.claim(aws.uniqueId("other-customer"), key, "hash-a", NOW)).isEmpty();
  }

  @Test
  void a_completed_key_replays_its_stored_response() {
    store.claim(caller, key, "hash-a", NOW);
    store.complete(caller, key, CREATED, NOW);

    Optional<IdempotencyRecord> replay = store.claim(caller, key, "hash-a", NOW.plusSeconds(60));

    assertThat(replay).isPresent();
    assertThat(replay.get().requestHash()).isEqualTo("hash-a");
    assertThat(replay.get().response()).contains(CREATED);
  }

  @Test
  void an_empty_body_and_no_headers_are_stored_as_such() {
    store.claim(caller, key, "hash-a", NOW);
    store.complete(caller, key, new StoredResponse(204, Map.of(), ""), NOW);

    assertThat(store.claim(caller, key, "hash-a", NOW).orElseThrow().response())
        .contains(new StoredResponse(204, Map.of(), ""));
  }

  @Test
  void a_response_is_stored_only_once_and_only_for_a_claimed_key() {
    assertThatThrownBy(() -> store.complete(caller, key, CREATED, NOW))
        .isInstanceOf(IllegalStateException.class);

    store.claim(caller, key, "hash-a", NOW);
    store.complete(caller, key, CREATED, NOW);

    assertThatThrownBy(
            () -> store.complete(caller, key, new StoredResponse(500, Map.of(), "late"), NOW))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.claim(caller, key, "hash-a", NOW).orElseThrow().response()).contains(CREATED);
  }

  @Test
  void a_released_key_can_be_claimed_again() {
    store.claim(caller, key, "hash-a", NOW);

    store.release(caller, key);

    assertThat(store.claim(caller, key, "hash-a", NOW.plusSeconds(1))).isEmpty();
  }

  @Test
  void a_completed_key_is_not_released() {
    store.claim(caller, key, "hash-a", NOW);
    store.complete(caller, key, CREATED, NOW);

    assertThatThrownBy(() -> store.release(caller, key)).isInstanceOf(IllegalStateException.class);
    assertThat(store.claim(caller, key, "hash-a", NOW).orElseThrow().response()).contains(CREATED);
  }

  @Test
  void an_expired_record_can_be_reclaimed_even_though_ttl_has_not_deleted_it() {
    store.claim(caller, key, "hash-a", NOW);
    store.complete(caller, key, CREATED, NOW);
    Instant afterExpiry = NOW.plus(DynamoDbIdempotencyStore.TIME_TO_LIVE).plusSeconds(1);

    assertThat(store.claim(caller, key, "hash-b", afterExpiry)).isEmpty();

    Optional<IdempotencyRecord> fresh =
        store.claim(caller, key, "hash-c", afterExpiry.plusSeconds(1));
    assertThat(fresh)
        .contains(
            new IdempotencyRecord(
                "hash-b",
                Optional.empty(),
                afterExpiry.plus(DynamoDbIdempotencyStore.IN_PROGRESS_LEASE)));
  }

  @Test
  void a_record_at_its_expiry_instant_is_still_live() {
    store.claim(caller, key, "hash-a", NOW);

    assertThat(
            store.claim(
                caller, key, "hash-b", NOW.plus(DynamoDbIdempotencyStore.IN_PROGRESS_LEASE)))
        .isPresent();
  }

  @Test
  void a_claim_whose_request_died_is_free_after_its_lease_not_after_a_day() {
    store.claim(
        caller, key, "hash-a", NOW); // the Lambda timed out: neither complete nor release ran
    Instant afterLease = NOW.plus(DynamoDbIdempotencyStore.IN_PROGRESS_LEASE).plusSeconds(1);

    assertThat(store.claim(caller, key, "hash-a", afterLease)).isEmpty();
  }

  @Test
  void a_completed_key_replays_for_a_day_from_its_completion() {
    store.claim(caller, key, "hash-a", NOW);
    Instant completedAt = NOW.plusSeconds(10);
    store.complete(caller, key, CREATED, completedAt);

    Instant lastSecond = completedAt.plus(DynamoDbIdempotencyStore.TIME_TO_LIVE);
    assertThat(store.claim(caller, key, "hash-a", lastSecond).orElseThrow().response())
        .contains(CREATED);
    assertThat(store.claim(caller, key, "hash-a", lastSecond.plusSeconds(1))).isEmpty();
  }

  @Test
  void ten_concurrent_claims_of_one_key_have_exactly_one_winner() throws Exception {
    int threads = 10;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<IdempotencyRecord>>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        String hash = "hash-" + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.claim(caller, key, hash, NOW);
                }));
      }
      start.countDown();
      List<Optional<IdempotencyRecord>> outcomes = new ArrayList<>();
      for (Future<Optional<IdempotencyRecord>> result : results) {
        outcomes.add(result.get());
      }

      assertThat(outcomes.stream().filter(Optional::isEmpty)).hasSize(1);
      List<String> seenHashes =
          outcomes.stream()
              .flatMap(Optional::stream)
              .map(IdempotencyRecord::requestHash)
              .distinct()
              .toList();
      assertThat(seenHashes).hasSize(1);
      int winner = outcomes.indexOf(Optional.<IdempotencyRecord>empty());
      assertThat(seenHashes).containsExactly("hash-" + winner);
    }
  }
}
