package org.aftersales.shared.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.EvidenceRejection;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.idempotency.IdempotencyStore.StoredResponse;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.CaseTooLargeException;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.InvalidCursorException;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.RequestRecord;
import org.aftersales.shared.store.StaleClaimException;
import org.aftersales.shared.testing.CountedCalls;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The claim repository on the local DynamoDB server: round trip, version guard, ByOrder, the
 * ByStatus queue.
 */
@ExtendWith(LocalAwsServers.class)
class DynamoDbClaimRepositoryIT {

  private final LocalAws aws;
  private DynamoDbClaimRepository claims;
  private String orderId;

  DynamoDbClaimRepositoryIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    claims = new DynamoDbClaimRepository(aws.dynamoDb(), aws.tableName());
    orderId = aws.uniqueId("o");
  }

  private Claim claim(String claimId, ClaimStatus status, Instant since) {
    ClaimCase state =
        new ClaimCase(
            claimId,
            orderId,
            "L1",
            new UnitRef("L1", 1),
            ProblemType.NOT_WORKING,
            "dead on arrival",
            status,
            since,
            since,
            Set.of(),
            List.of(),
            null,
            null,
            ClaimCoverage.STORED_DOA,
            null);
    return Claim.opened(state, "c-1", "2026-06");
  }

  @Test
  void
      DOA_1_a_claim_re_created_after_it_was_void_is_not_deleted_by_a_request_that_read_the_void_one() {
    String claimId = aws.uniqueId("cl");
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    Claim firstIncarnation = claim(claimId, ClaimStatus.AWAITING_EVIDENCE, at);
    assertThat(claims.create(firstIncarnation)).isTrue();
    Claim readByARival = claims.find(claimId).orElseThrow();
    assertThat(claims.delete(readByARival)).isTrue(); // found void: its unit went elsewhere

    // The request that opened it decides again and writes the next incarnation, one version up.
    assertThat(claims.create(firstIncarnation.withVersion(readByARival.version()))).isTrue();
    Claim secondIncarnation = claims.find(claimId).orElseThrow();
    assertThat(secondIncarnation.version()).isEqualTo(readByARival.version() + 1);

    // A third request that listed the first incarnation finds it void too: it deletes nothing.
    assertThat(claims.delete(readByARival)).isFalse();
    assertThat(claims.find(claimId)).contains(secondIncarnation);
  }

  @Test
  void a_claim_with_files_rejections_sequencers_and_a_decision_round_trips() {
    String claimId = aws.uniqueId("cl");
    Instant at = Instant.parse("2026-11-20T10:00:00.123456789Z");
    Claim opened = claim(claimId, ClaimStatus.AWAITING_EVIDENCE, at);
    assertThat(claims.create(opened)).isTrue();
    assertThat(claims.create(opened)).isFalse();

    Claim read = claims.find(claimId).orElseThrow();
    assertThat(read).isEqualTo(opened.withVersion(1));

    String key = "claims/" + claimId + "/PROBLEM/u-1";
    ClaimCase withEvidence =
        read.state()
            .withEvidence(EvidenceKind.PROBLEM)
            .withRejection(
                new EvidenceRejection(EvidenceKind.PACKAGING, "u-2", "The file is empty.", at));
    Claim changed =
        read.withFile(
                key,
                new Claim.EvidenceFile(
                    "accepted/" + claimId + "/PROBLEM/u-1/0066F5A2C1",
                    EvidenceKind.PROBLEM,
                    "image/jpeg",
                    1234,
                    "0066F5A2C1",
                    at),
                withEvidence)
            .withRejectedFile("claims/" + claimId + "/PACKAGING/u-2", "0066F5A2C2", withEvidence)
            .withState(
                withEvidence.decided(
                    ClaimStatus.NEEDS_INFO, at.plusSeconds(60), "More photos please", null),
                new Claim.AgentDecision(
                    ClaimOutcome.NEEDS_INFO,
                    "psu",
                    500L,
                    "More photos please",
                    "agent-7",
                    at.plusSeconds(60)));
    Claim stored = claims.replace(changed);

    assertThat(stored.version()).isEqualTo(2);
    assertThat(claims.find(claimId).orElseThrow()).isEqualTo(stored);
    assertThatThrownBy(() -> claims.replace(changed)).isInstanceOf(StaleClaimException.class);
  }

  @Test
  void an_item_written_with_the_former_unit_held_flag_reads_as_before() {
    String claimId = aws.uniqueId("cl");
    claims.create(
        claim(claimId, ClaimStatus.AWAITING_EVIDENCE, Instant.parse("2026-11-20T10:00:00Z")));
    Claim written = claims.find(claimId).orElseThrow();

    aws.dynamoDb()
        .updateItem(
            u ->
                u.tableName(aws.tableName())
                    .key(Item.key(ClaimItemMapper.KIND, claimId))
                    .updateExpression("SET unitHeld = :held")
                    .expressionAttributeValues(Map.of(":held", AttributeValue.fromBool(true))));

    assertThat(claims.find(claimId)).contains(written);
  }

  @Test
  void delete_applies_only_to_the_version_read() {
    String claimId = aws.uniqueId("cl");
    claims.create(
        claim(claimId, ClaimStatus.AWAITING_EVIDENCE, Instant.parse("2026-11-20T10:00:00Z")));
    Claim read = claims.find(claimId).orElseThrow();
    claims.replace(read.withState(read.state(), null));

    assertThat(claims.delete(read)).isFalse();
    assertThat(claims.find(claimId)).isPresent();
    assertThat(claims.delete(claims.find(claimId).orElseThrow())).isTrue();
    assertThat(claims.find(claimId)).isEmpty();
    assertThat(claims.delete(read.withVersion(2))).isFalse();
  }

  @Test
  void DOA_3_a_write_that_would_exceed_the_item_limit_is_refused_and_writes_nothing() {
    String claimId = aws.uniqueId("cl");
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    claims.create(claim(claimId, ClaimStatus.AWAITING_EVIDENCE, at));
    Claim read = claims.find(claimId).orElseThrow();
    // each refused file keeps its reason: 200 reasons of 2,000 characters are over 400 KB
    ClaimCase grown = withRefusedFiles(read.state(), 200, at);
    Claim tooLarge = read.withState(grown, null);

    assertRefusedAsTooLarge(read, tooLarge, "over the item limit of 409600");

    ClaimCase fits = withRefusedFiles(read.state(), 150, at);
    assertThat(claims.replace(read.withState(fits, null)).version()).isEqualTo(read.version() + 1);
    assertThat(claims.find(claimId).orElseThrow().state().rejected()).hasSize(150);
  }

  @Test
  void DOA_3_a_write_that_what_the_item_keeps_takes_over_the_limit_is_the_same_refusal() {
    String claimId = aws.uniqueId("cl");
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    claims.create(claim(claimId, ClaimStatus.AWAITING_EVIDENCE, at));
    // what a replace keeps and does not count: here 250 KB of events not yet published
    aws.dynamoDb()
        .updateItem(
            u ->
                u.tableName(aws.tableName())
                    .key(Item.key(ClaimItemMapper.KIND, claimId))
                    .updateExpression("SET #kept = :kept")
                    .expressionAttributeNames(Map.of("#kept", "outbox:ev-unpublished"))
                    .expressionAttributeValues(
                        Map.of(":kept", AttributeValue.fromS("x".repeat(250 * 1024)))));
    Claim read = claims.find(claimId).orElseThrow();
    // 100 refused files' reasons: about 200 KB, under the limit on their own
    ClaimCase grown = withRefusedFiles(read.state(), 100, at);
    Claim tooLarge = read.withState(grown, null);

    assertRefusedAsTooLarge(read, tooLarge, "with what the item already holds");
  }

  /** The replace of {@code read} by {@code tooLarge} is refused, naming why, and writes nothing. */
  private void assertRefusedAsTooLarge(Claim read, Claim tooLarge, String why) {
    assertThatThrownBy(() -> claims.replace(tooLarge))
        .isInstanceOf(CaseTooLargeException.class)
        .hasMessageContaining("claim " + read.claimId())
        .hasMessageContaining(why);
    Claim after = claims.find(read.claimId()).orElseThrow();
    assertThat(after.version()).isEqualTo(read.version());
    assertThat(after.state().rejected()).isEmpty();
  }

  /** {@code state} with {@code count} refused files, each with a reason of 2,000 characters. */
  private static ClaimCase withRefusedFiles(ClaimCase state, int count, Instant at) {
    ClaimCase grown = state;
    for (int i = 0; i < count; i++) {
      grown =
          grown.withRejection(
              new EvidenceRejection(EvidenceKind.PROBLEM, "up-" + i, "x".repeat(2_000), at));
    }
    return grown;
  }

  @Test
  void a_replace_of_a_deleted_claim_is_stale_and_writes_nothing() {
    String claimId = aws.uniqueId("cl");
    claims.create(
        claim(claimId, ClaimStatus.AWAITING_EVIDENCE, Instant.parse("2026-11-20T10:00:00Z")));
    Claim read = claims.find(claimId).orElseThrow();
    assertThat(claims.delete(read)).isTrue();

    assertThatThrownBy(() -> claims.replace(read)).isInstanceOf(StaleClaimException.class);
    assertThat(claims.find(claimId)).isEmpty();
  }

  @Test
  void the_claims_of_an_order_come_from_the_by_order_index() {
    String first = aws.uniqueId("cl");
    String second = aws.uniqueId("cl");
    claims.create(
        claim(first, ClaimStatus.AWAITING_EVIDENCE, Instant.parse("2026-11-20T10:00:00Z")));
    claims.create(claim(second, ClaimStatus.UNDER_REVIEW, Instant.parse("2026-11-21T10:00:00Z")));

    assertThat(claims.byOrder(orderId))
        .extracting(Claim::claimId)
        .containsExactlyInAnyOrder(first, second);
    assertThat(claims.byOrder(aws.uniqueId("o"))).isEmpty();
  }

  @Test
  void the_queue_pages_oldest_first_through_the_by_status_index() {
    // Older than any other test's claims in this JVM, so they come first, in statusSince order.
    Instant base = Instant.parse("2020-01-01T00:00:00Z");
    List<String> expected = new ArrayList<>();
    for (int i = 4; i >= 0; i--) { // created newest first
      String id = aws.uniqueId("cl");
      claims.create(claim(id, ClaimStatus.NEEDS_INFO, base.plusSeconds(i * 90L)));
      expected.add(0, id);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Claim> page = claims.withStatus(ClaimStatus.NEEDS_INFO, cursor, 2);
      page.items().forEach(c -> seen.add(c.claimId()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen.subList(0, expected.size())).containsExactlyElementsOf(expected);
    assertThat(pages).isGreaterThanOrEqualTo(3);
    String someCursor = claims.withStatus(ClaimStatus.NEEDS_INFO, null, 1).nextCursor();
    assertThatThrownBy(() -> claims.withStatus(ClaimStatus.UNDER_REVIEW, someCursor, 1))
        .isInstanceOf(InvalidCursorException.class);
    assertThatThrownBy(() -> claims.withStatus(ClaimStatus.NEEDS_INFO, "garbage!", 1))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void
      MSG_2_a_replace_keeps_the_unpublished_events_and_request_records_and_drops_what_the_claim_no_longer_has() {
    String claimId = aws.uniqueId("cl");
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    Claim opened = claim(claimId, ClaimStatus.AWAITING_EVIDENCE, at);
    Event openedEvent = event("ClaimAwaitingEvidence", claimId, at);
    CountedCalls calls = new CountedCalls();
    DynamoDbClaimRepository counted =
        new DynamoDbClaimRepository(calls.client(aws), aws.tableName());
    assertThat(counted.create(opened, Alongside.events(List.of(openedEvent)))).isTrue();
    assertThat(calls.take()).as("a create with its event: one request").containsExactly("PutItem");
    Claim read = claims.find(claimId).orElseThrow();
    Claim asked =
        read.withState(
            read.state().decided(ClaimStatus.NEEDS_INFO, at.plusSeconds(60), "More photos", null),
            new Claim.AgentDecision(
                ClaimOutcome.NEEDS_INFO, null, null, "More photos", "agent-7", at.plusSeconds(60)));
    RequestRecord answer =
        new RequestRecord(
            "hash-1",
            new StoredResponse(200, Map.of("Content-Type", "application/json"), "{}"),
            at.plus(RequestRecord.TIME_TO_LIVE));
    Event askedEvent = event("ClaimNeedsInfo", claimId + "#2", at.plusSeconds(60));
    Claim stored =
        counted.replace(asked, new Alongside(List.of(askedEvent), "agent#k-1", answer, List.of()));
    assertThat(calls.take())
        .as("a replace with its event and key record: one request")
        .containsExactly("UpdateItem");

    // a replace of a claim without the agent's message: the message is gone, the events and the
    // request record are not
    Claim reviewed = stored.withState(asked.state().underReview(), null);
    Claim last = claims.replace(reviewed);

    assertThat(claims.find(claimId)).contains(last);
    assertThat(claims.find(claimId).orElseThrow().state().message()).isNull();
    DynamoDbOutboxStore outbox = new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName());
    assertThat(
            outbox
                .read(new OutboxStore.ItemRef("CLAIM#" + claimId, "CLAIM"))
                .orElseThrow()
                .events())
        .extracting(PendingEvent::eventId)
        .containsExactly(openedEvent.eventId(), askedEvent.eventId());
    assertThat(claims.findWithRequests(claimId).orElseThrow().request("agent#k-1", at))
        .contains(answer);
    Map<String, AttributeValue> item =
        aws.dynamoDb()
            .getItem(g -> g.tableName(aws.tableName()).key(Item.key("CLAIM", claimId)))
            .item();
    assertThat(item).doesNotContainKeys("message").containsKeys("gsi4pk", "gsi4sk");
  }

  @Test
  void MSG_2_events_about_another_order_are_refused_and_nothing_is_written() {
    String claimId = aws.uniqueId("cl");
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    Event elsewhere =
        new Event(
            Event.idOf("ClaimAwaitingEvidence", "CLAIM", claimId),
            "ClaimAwaitingEvidence",
            at,
            "another-order",
            "c-1",
            "CLAIM",
            claimId,
            Explanation.of("DOA-2", "Waiting for evidence."),
            Json.object());
    assertThatThrownBy(
            () ->
                claims.create(
                    claim(claimId, ClaimStatus.AWAITING_EVIDENCE, at),
                    Alongside.events(List.of(elsewhere))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(claims.find(claimId)).isEmpty();
  }

  private Event event(String type, String subjectId, Instant at) {
    return new Event(
        Event.idOf(type, "CLAIM", subjectId),
        type,
        at,
        orderId,
        "c-1",
        "CLAIM",
        subjectId.split("#")[0],
        Explanation.of("DOA-2", "Waiting for evidence."),
        Json.object());
  }
}
