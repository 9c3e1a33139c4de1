package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.StaleClaimException;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.CountedCalls;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Lambda dying around the order write of a claim step (simulated by {@link Crashes} on the real
 * local servers), then the next write request or the hourly {@code ClaimExpiryFunction}: the unit
 * is never left locked, the order names the one claim holding it, and a decided refund is on the
 * order exactly once (DOA-1, DOA-4, DOA-7, GEN-4). Meanwhile every GET route shows the claim as the
 * finished step will leave it — an opening that can still take its unit as opened, a void claim
 * {@code 404} and out of its order's listing, an expiry or decision as recorded, the decision with
 * the refund its step will grant — with zero DynamoDB writes, counted on the handlers' own client
 * ({@link CountedCalls}); the sweep's result then shows the same JSON, and a second run writes
 * nothing.
 */
@ExtendWith(LocalAwsServers.class)
class ClaimCrashRecoveryIT {

  private static final Set<String> WRITES =
      Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

  /** Later than the sweep's grace, inside its window. */
  private static final Duration LATER = Duration.ofMinutes(10);

  private static final String PARTIAL_REFUND =
      "{\"outcome\": \"PARTIAL_REFUND\", \"componentId\": \"psu\", \"message\": \"The adapter is faulty.\"}";

  private final LocalAws aws;
  private final Crashes crashes = new Crashes();
  private final CountedCalls calls = new CountedCalls();
  private ClaimsWorld world;
  private String customer;
  private String orderId;

  ClaimCrashRecoveryIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    DynamoDbClient counted = calls.client(aws);
    world =
        new ClaimsWorld(
            aws,
            Clock.systemUTC(),
            real -> crashes.claims(new DynamoDbClaimRepository(counted, aws.tableName())),
            real -> crashes.orders(new DynamoDbOrderRepository(counted, aws.tableName())),
            counted);
    customer = aws.uniqueId("c");
    orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(2)));
    // both units of line L1 delivered: a retry that claimed "the next unit" would find one
    world.deliverSecondParcel(orderId, Instant.now().minus(Duration.ofDays(2)));
  }

  @Test
  void a_crash_before_the_unit_is_taken_is_finished_by_the_retry_with_the_same_key() {
    String key = aws.uniqueId("k");
    crashes.beforeOrderReplace();

    LambdaRun.Response crashed = world.crashing(() -> world.openClaim(orderId, customer, key));

    assertThat(crashed.status()).isEqualTo(500);
    assertThat(crashes.allHappened()).isTrue();
    Claim written = onlyClaim();
    assertThat(claimOpenUnits()).isEmpty();

    LambdaRun.Response retried = world.openClaim(orderId, customer, key);

    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
    assertThat(retried.body().path("claimId").asText()).isEqualTo(written.claimId());
    assertThat(claimOpenUnits()).containsExactly(written.state().unit());
    assertThat(holderOf(written.state().unit())).contains(written.claimId());
  }

  @Test
  void a_crash_after_the_unit_is_taken_is_finished_by_the_retry_which_takes_no_second_unit() {
    String key = aws.uniqueId("k");
    crashes.afterOrderReplace();

    assertThat(world.crashing(() -> world.openClaim(orderId, customer, key)).status())
        .isEqualTo(500);
    assertThat(crashes.allHappened()).isTrue();
    Claim written = onlyClaim();
    assertThat(claimOpenUnits()).containsExactly(written.state().unit());
    assertThat(holderOf(written.state().unit())).contains(written.claimId());

    LambdaRun.Response retried = world.openClaim(orderId, customer, key);

    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
    assertThat(retried.body().path("claimId").asText()).isEqualTo(written.claimId());
    assertThat(onlyClaim().claimId()).isEqualTo(written.claimId());
    assertThat(claimOpenUnits()).containsExactly(written.state().unit());
    Order order = world.orders.find(orderId).orElseThrow();
    assertThat(order.unitsOfLine("L1").stream().filter(u -> order.statusOf(u) == UnitStatus.ACTIVE))
        .hasSize(1);
  }

  @Test
  void
      a_retry_after_the_idempotency_record_is_gone_finds_the_same_claim_and_takes_no_second_unit() {
    String key = aws.uniqueId("k");
    LambdaRun.Response first = world.openClaim(orderId, customer, key);
    assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
    // The idempotency record is gone, as after its TTL (item layout: DynamoDbIdempotencyStore).
    aws.dynamoDb()
        .deleteItem(
            delete ->
                delete
                    .tableName(aws.tableName())
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("IDEMPOTENCY#sub:" + customer + "#" + key),
                            "sk",
                            AttributeValue.fromS("IDEMPOTENCY"))));

    LambdaRun.Response again = world.openClaim(orderId, customer, key);

    assertThat(again.status()).as(again.body().toString()).isEqualTo(201);
    assertThat(again.body().path("claimId").asText())
        .isEqualTo(first.body().path("claimId").asText());
    assertThat(claimOpenUnits()).hasSize(1);
    assertThat(holderOf(claimOpenUnits().getFirst())).contains(onlyClaim().claimId());
  }

  @Test
  void the_next_open_on_the_order_finishes_a_claim_a_dead_request_left_and_claims_the_other_unit() {
    Claim dead = openingDiedBeforeItsUnit();

    LambdaRun.Response other = world.openClaim(orderId, customer);

    assertThat(other.status()).as(other.body().toString()).isEqualTo(201);
    String otherId = other.body().path("claimId").asText();
    assertThat(otherId).isNotEqualTo(dead.claimId());
    assertThat(claimOpenUnits()).hasSize(2);
    assertThat(holderOf(dead.state().unit())).contains(dead.claimId());
    assertThat(world.claims.find(otherId).orElseThrow().state().unit())
        .isNotEqualTo(dead.state().unit());
  }

  @Test
  void a_decision_whose_order_write_failed_is_applied_by_the_same_decision_again_exactly_once() {
    Claim decided = decisionDiedBeforeItsOrderStep();
    String claimId = decided.claimId();

    LambdaRun.Response again = world.decide(claimId, PARTIAL_REFUND);

    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    List<Refund> refunds = claimRefunds();
    assertThat(refunds).hasSize(1);
    assertThat(refunds.getFirst().refundId()).isEqualTo(RefundIds.of(RefundSource.CLAIM, claimId));
    assertThat(refunds.getFirst().amount().amount()).isEqualTo(800);
    assertThat(again.body().at("/refund/refundId").asText())
        .isEqualTo(PublicRefundId.valueOf(refunds.getFirst()));
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(decided.state().unit()))
        .isEqualTo(UnitStatus.ACTIVE);
    assertThat(holderOf(decided.state().unit())).isEmpty();
    assertThat(world.decide(claimId, PARTIAL_REFUND).status()).isEqualTo(200);
    assertThat(claimRefunds()).hasSize(1);
  }

  @Test
  void a_void_claim_is_deleted_by_the_next_request_acting_on_it() {
    Claim dead = voidClaim();
    UnitRef unit = dead.state().unit();

    LambdaRun.Response upload =
        world.requestUpload(dead.claimId(), customer, "PROBLEM", "image/jpeg");

    assertThat(upload.status()).as(upload.body().toString()).isEqualTo(404);
    assertThat(world.claims.find(dead.claimId())).isEmpty();
    assertThat(holderOf(unit)).contains("ret-elsewhere");
  }

  @Test
  void a_claim_whose_expiry_died_before_releasing_its_unit_releases_it_on_the_next_request() {
    String claimId = world.openClaim(orderId, customer).body().path("claimId").asText();
    UnitRef unit = world.claims.find(claimId).orElseThrow().state().unit();
    ClaimsWorld weeksLater = expiryDiedBeforeItsUnit(claimId);

    LambdaRun.Response again = weeksLater.requestUpload(claimId, customer, "PROBLEM", "image/jpeg");

    assertThat(again.status()).as(again.body().toString()).isEqualTo(409);
    assertThat(holderOf(unit)).isEmpty();
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(unit))
        .isEqualTo(UnitStatus.ACTIVE);
  }

  @Test
  void DOA_4_a_decision_applied_whose_answer_was_lost_answers_its_own_decision_once() {
    String claimId = claimUnderReview();
    crashes.claimAnswerLost(new StaleClaimException(claimId, 0));

    LambdaRun.Response decided = world.decide(claimId, PARTIAL_REFUND);

    assertThat(crashes.allHappened()).isTrue();
    assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);
    assertThat(decided.body().path("status").asText()).isEqualTo("APPROVED_PARTIAL_REFUND");
    assertThat(claimRefunds()).hasSize(1);
  }

  @Test
  void a_crash_after_the_refund_before_answering_refunds_once() {
    String claimId = claimUnderReview();
    crashes.afterOrderReplace();

    assertThat(world.crashing(() -> world.decide(claimId, PARTIAL_REFUND)).status()).isEqualTo(500);
    assertThat(crashes.allHappened()).isTrue();
    assertThat(claimRefunds()).hasSize(1);

    LambdaRun.Response again = world.decide(claimId, PARTIAL_REFUND);

    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().at("/refund/amount/amount").asLong()).isEqualTo(800);
    assertThat(claimRefunds()).hasSize(1);
    assertThat(claimOpenUnits()).isEmpty();
  }

  @Test
  void
      opens_racing_on_a_line_of_two_delivered_units_claim_each_unit_once_and_leave_no_other_claim() {
    int racers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<LambdaRun.Response> answers;
    try {
      List<Future<LambdaRun.Response>> running = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        running.add(
            pool.submit(
                () -> {
                  start.await();
                  return world.openClaim(orderId, customer);
                }));
      }
      start.countDown();
      answers = running.stream().map(ClaimCrashRecoveryIT::await).toList();
    } finally {
      pool.shutdownNow();
    }

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(2);
    assertThat(answers)
        .filteredOn(a -> a.status() != 201)
        .allSatisfy(a -> assertThat(a.status()).as(a.body().toString()).isEqualTo(409));
    List<Claim> claims = world.claims.byOrder(orderId);
    assertThat(claims)
        .hasSize(2)
        .allSatisfy(c -> assertThat(holderOf(c.state().unit())).contains(c.claimId()));
    assertThat(claims.stream().map(c -> c.state().unit()).toList())
        .containsExactlyInAnyOrderElementsOf(claimOpenUnits())
        .doesNotHaveDuplicates();
    assertThat(claimOpenUnits()).hasSize(2);
  }

  @Test
  void DOA_1_a_claim_whose_opening_died_before_its_unit_is_shown_opened_and_the_sweep_takes_it() {
    Claim opened = openingDiedBeforeItsUnit();
    UnitRef unit = opened.state().unit();
    assertThat(holderOf(unit)).isEmpty();

    Gets shown = everyGet(world, opened.claimId(), "AWAITING_EVIDENCE");

    assertThat(shown.claim.status()).as(shown.claim.body().toString()).isEqualTo(200);
    assertThat(shown.claim.body().path("status").asText()).isEqualTo("AWAITING_EVIDENCE");
    assertThat(shown.agentClaim.status()).isEqualTo(200);
    assertThat(shown.remedies.status()).isEqualTo(200);
    assertThat(shown.listed()).isPresent();
    assertThat(holderOf(unit)).as("the GETs took nothing").isEmpty();
    assertThat(world.claims.find(opened.claimId()).orElseThrow().version())
        .isEqualTo(opened.version());

    JsonNode run = world.sweep(opened.state().statusSince().plus(LATER));

    assertThat(run.at("/halfDone/finished").asInt()).as(run.toString()).isGreaterThanOrEqualTo(1);
    assertThat(holderOf(unit)).contains(opened.claimId());
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(unit))
        .isEqualTo(UnitStatus.CLAIM_OPEN);
    assertThat(world.getClaim(opened.claimId(), customer).body()).isEqualTo(shown.claim.body());
    secondRunWritesNothing(opened.state().statusSince().plus(LATER), opened.claimId());
  }

  @Test
  void DOA_1_a_void_claim_is_404_and_unlisted_on_every_GET_and_the_sweep_deletes_it() {
    Claim dead = voidClaim();
    UnitRef unit = dead.state().unit();

    Gets shown = everyGet(world, dead.claimId(), "AWAITING_EVIDENCE");

    assertThat(shown.claim.status()).isEqualTo(404);
    assertThat(shown.agentClaim.status()).isEqualTo(404);
    assertThat(shown.remedies.status()).isEqualTo(404);
    assertThat(shown.listing.status()).isEqualTo(200);
    assertThat(shown.listed()).isEmpty();
    assertThat(world.claims.find(dead.claimId())).as("the GETs deleted nothing").isPresent();

    world.sweep(dead.state().statusSince().plus(LATER));

    assertThat(world.claims.find(dead.claimId())).isEmpty();
    assertThat(holderOf(unit)).contains("ret-elsewhere");
    assertThat(world.getClaim(dead.claimId(), customer).status()).isEqualTo(404);
    long orderVersion = world.orders.find(orderId).orElseThrow().version();
    calls.take();
    world.sweep(dead.state().statusSince().plus(LATER));
    assertThat(world.orders.find(orderId).orElseThrow().version()).isEqualTo(orderVersion);
  }

  @Test
  void
      DOA_7_an_expiry_that_died_before_releasing_its_unit_is_shown_expired_and_the_sweep_releases_it() {
    String claimId = world.openClaim(orderId, customer).body().path("claimId").asText();
    UnitRef unit = world.claims.find(claimId).orElseThrow().state().unit();
    ClaimsWorld weeksLater = expiryDiedBeforeItsUnit(claimId);
    Claim expired = world.claims.find(claimId).orElseThrow();

    Gets shown = everyGet(weeksLater, claimId, "EXPIRED");

    assertThat(shown.claim.status()).isEqualTo(200);
    assertThat(shown.claim.body().path("status").asText()).isEqualTo("EXPIRED");
    assertThat(shown.agentClaim.status()).isEqualTo(200);
    assertThat(shown.remedies.body().path("status").asText()).isEqualTo("EXPIRED");
    assertThat(shown.listed().orElseThrow().path("status").asText()).isEqualTo("EXPIRED");
    assertThat(holderOf(unit)).as("the GETs released nothing").contains(claimId);

    weeksLater.sweep(expired.state().statusSince().plus(LATER));

    assertThat(holderOf(unit)).isEmpty();
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(unit))
        .isEqualTo(UnitStatus.ACTIVE);
    assertThat(weeksLater.getClaim(claimId, customer).body()).isEqualTo(shown.claim.body());
    secondRunWritesNothing(expired.state().statusSince().plus(LATER), claimId);
  }

  @Test
  void DOA_4_a_decision_whose_order_step_died_shows_its_refund_and_the_sweep_applies_it_once() {
    Claim decided = decisionDiedBeforeItsOrderStep();
    String claimId = decided.claimId();

    Gets shown = everyGet(world, claimId, "APPROVED_PARTIAL_REFUND");

    assertThat(shown.claim.status()).isEqualTo(200);
    assertThat(shown.claim.body().at("/refund/amount/amount").asLong()).isEqualTo(800);
    assertThat(shown.agentClaim.body().path("refund")).isEqualTo(shown.claim.body().path("refund"));
    assertThat(shown.listed().orElseThrow().path("refund"))
        .isEqualTo(shown.claim.body().path("refund"));
    assertThat(shown.remedies.body().path("status").asText()).isEqualTo("APPROVED_PARTIAL_REFUND");
    assertThat(claimRefunds()).as("the GETs refunded nothing").isEmpty();
    Instant at = decided.state().statusSince();

    // within the grace the step is left to its own request; past the window, to the next one
    world.sweep(at.plus(Duration.ofMinutes(1)));
    world.sweep(at.plus(FinishHalfDoneClaims.LOOKBACK).plus(Duration.ofMinutes(1)));
    assertThat(claimRefunds()).isEmpty();

    // GEN-5: three days of failed runs later, within the refund's deadline, a run still grants it
    world.sweep(at.plus(Duration.ofDays(3)));

    List<Refund> refunds = claimRefunds();
    assertThat(refunds).hasSize(1);
    assertThat(refunds.getFirst().amount().amount()).isEqualTo(800);
    assertThat(shown.claim.body().at("/refund/refundId").asText())
        .isEqualTo(PublicRefundId.valueOf(refunds.getFirst()));
    Order after = world.orders.find(orderId).orElseThrow();
    assertThat(after.statusOf(decided.state().unit())).isEqualTo(UnitStatus.ACTIVE);
    assertThat(after.refundedTotal().amount()).isLessThanOrEqualTo(after.paidTotal().amount());
    assertThat(world.getClaim(claimId, customer).body())
        .as("the GET showed the refund the step granted")
        .isEqualTo(shown.claim.body());
    secondRunWritesNothing(at.plus(LATER), claimId);
    assertThat(claimRefunds()).hasSize(1);
  }

  /** Each GET route on the claim, each answered without a single DynamoDB write. */
  private Gets everyGet(ClaimsWorld from, String claimId, String queueStatus) {
    calls.take();
    LambdaRun.Response claim = readOnly(() -> from.getClaim(claimId, customer));
    LambdaRun.Response agentClaim = readOnly(() -> from.agentGetClaim(claimId));
    LambdaRun.Response listing = readOnly(() -> from.listClaims(orderId, customer));
    LambdaRun.Response remedies = readOnly(() -> from.remedies(claimId));
    LambdaRun.Response queue = readOnly(() -> from.reviewQueue(queueStatus));
    assertThat(queue.status()).as(queue.body().toString()).isEqualTo(200);
    return new Gets(claimId, claim, agentClaim, listing, remedies);
  }

  private LambdaRun.Response readOnly(Supplier<LambdaRun.Response> get) {
    LambdaRun.Response response = get.get();
    List<String> sent = calls.take();
    assertThat(sent).as("a GET never writes: " + sent).noneMatch(WRITES::contains);
    return response;
  }

  /** The GETs' answers. */
  private record Gets(
      String claimId,
      LambdaRun.Response claim,
      LambdaRun.Response agentClaim,
      LambdaRun.Response listing,
      LambdaRun.Response remedies) {

    Optional<JsonNode> listed() {
      List<JsonNode> found = new ArrayList<>();
      listing
          .body()
          .path("claims")
          .forEach(
              c -> {
                if (c.path("claimId").asText().equals(claimId)) {
                  found.add(c);
                }
              });
      return found.stream().findFirst();
    }
  }

  /** Another run at {@code at} changes neither the claim nor its order. */
  private void secondRunWritesNothing(Instant at, String claimId) {
    long claimVersion = world.claims.find(claimId).orElseThrow().version();
    long orderVersion = world.orders.find(orderId).orElseThrow().version();
    world.sweep(at);
    assertThat(world.claims.find(claimId).orElseThrow().version()).isEqualTo(claimVersion);
    assertThat(world.orders.find(orderId).orElseThrow().version()).isEqualTo(orderVersion);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** {@code POST /orders/{orderId}/claims} dying before its order write: the claim, no unit. */
  private Claim openingDiedBeforeItsUnit() {
    crashes.beforeOrderReplace();
    assertThat(world.crashing(() -> world.openClaim(orderId, customer)).status()).isEqualTo(500);
    assertThat(crashes.allHappened()).isTrue();
    return onlyClaim();
  }

  /**
   * A claim whose opening died, whose unit a return took meanwhile (the returns function writes the
   * order, not a claim): void (DOA-1).
   */
  private Claim voidClaim() {
    Claim dead = openingDiedBeforeItsUnit();
    Order order = world.orders.find(orderId).orElseThrow();
    world.orders.replace(
        order
            .take(List.of(dead.state().unit()), UnitStatus.RETURN_OPEN, "ret-elsewhere")
            .orElseThrow());
    return dead;
  }

  /**
   * DOA-7 recorded by a request acting on the claim 30 days on (an upload request), which dies
   * before its order write: the claim EXPIRED, its unit still held. The world 30 days on.
   */
  private ClaimsWorld expiryDiedBeforeItsUnit(String claimId) {
    UnitRef unit = world.claims.find(claimId).orElseThrow().state().unit();
    crashes.beforeOrderReplace();
    ClaimsWorld weeksLater = world.at(Clock.offset(Clock.systemUTC(), Duration.ofDays(30)));
    assertThat(
            weeksLater
                .crashing(
                    () -> weeksLater.requestUpload(claimId, customer, "PROBLEM", "image/jpeg"))
                .status())
        .isEqualTo(500);
    assertThat(crashes.allHappened()).isTrue();
    assertThat(world.claims.find(claimId).orElseThrow().status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(holderOf(unit)).contains(claimId);
    return weeksLater;
  }

  /** A PARTIAL_REFUND decision dying before its order write: the claim decided, no refund. */
  private Claim decisionDiedBeforeItsOrderStep() {
    String claimId = claimUnderReview();
    crashes.beforeOrderReplace();
    assertThat(world.crashing(() -> world.decide(claimId, PARTIAL_REFUND)).status()).isEqualTo(500);
    assertThat(crashes.allHappened()).isTrue();
    Claim decided = world.claims.find(claimId).orElseThrow();
    assertThat(decided.status()).isEqualTo(ClaimStatus.APPROVED_PARTIAL_REFUND);
    assertThat(holderOf(decided.state().unit()))
        .as("its order step is still to do")
        .contains(claimId);
    assertThat(claimRefunds()).isEmpty();
    return decided;
  }

  /** A claim opened normally and moved to UNDER_REVIEW as three accepted files would (DOA-2). */
  private String claimUnderReview() {
    LambdaRun.Response opened = world.openClaim(orderId, customer);
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    String claimId = opened.body().path("claimId").asText();
    Claim claim = world.claims.find(claimId).orElseThrow();
    ClaimCase reviewed = claim.state();
    for (EvidenceKind kind : EvidenceKind.values()) {
      reviewed = reviewed.withEvidence(kind);
    }
    reviewed = reviewed.decided(ClaimStatus.UNDER_REVIEW, Instant.now(), null, null);
    world.claims.replace(claim.withState(reviewed, null));
    return claimId;
  }

  private Claim onlyClaim() {
    List<Claim> claims = world.claims.byOrder(orderId);
    assertThat(claims).hasSize(1);
    return claims.getFirst();
  }

  private List<UnitRef> claimOpenUnits() {
    Order order = world.orders.find(orderId).orElseThrow();
    return order.unitsOfLine("L1").stream()
        .filter(u -> order.statusOf(u) == UnitStatus.CLAIM_OPEN)
        .toList();
  }

  private Optional<String> holderOf(UnitRef unit) {
    return world.orders.find(orderId).orElseThrow().heldBy(unit);
  }

  private List<Refund> claimRefunds() {
    return world.orders.find(orderId).orElseThrow().refunds().stream()
        .filter(r -> r.source() == RefundSource.CLAIM)
        .toList();
  }
}
