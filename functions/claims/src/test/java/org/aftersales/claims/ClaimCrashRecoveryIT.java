package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Lambda dying around the order write of a claim step (simulated by {@link Crashes} on the real
 * local servers), then the next request: the unit is never left locked, the order names the one
 * claim holding it, and a decided refund is on the order exactly once (DOA-1, DOA-4, DOA-7, GEN-4).
 */
@ExtendWith(LocalAwsServers.class)
class ClaimCrashRecoveryIT {

  private static final String PARTIAL_REFUND =
      "{\"outcome\": \"PARTIAL_REFUND\", \"componentId\": \"psu\", \"message\": \"The adapter is faulty.\"}";

  private final LocalAws aws;
  private final Crashes crashes = new Crashes();
  private ClaimsWorld world;
  private String customer;
  private String orderId;

  ClaimCrashRecoveryIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    world = new ClaimsWorld(aws, Clock.systemUTC(), crashes::claims, crashes::orders);
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
  void a_claim_a_dead_request_left_without_its_unit_is_finished_when_it_is_read() {
    crashes.beforeOrderReplace();
    assertThat(world.crashing(() -> world.openClaim(orderId, customer)).status()).isEqualTo(500);
    Claim written = onlyClaim();

    LambdaRun.Response read = world.getClaim(written.claimId(), customer);

    assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
    assertThat(read.body().path("status").asText()).isEqualTo("AWAITING_EVIDENCE");
    assertThat(claimOpenUnits()).containsExactly(written.state().unit());
    assertThat(holderOf(written.state().unit())).contains(written.claimId());
  }

  @Test
  void a_claim_whose_unit_went_elsewhere_while_its_request_was_dead_is_void() {
    crashes.beforeOrderReplace();
    assertThat(world.crashing(() -> world.openClaim(orderId, customer)).status()).isEqualTo(500);
    Claim dead = onlyClaim();
    UnitRef unit = dead.state().unit();
    // meanwhile a return took the unit (the returns function writes the order, not a claim)
    Order order = world.orders.find(orderId).orElseThrow();
    world.orders.replace(
        order.take(List.of(unit), UnitStatus.RETURN_OPEN, "ret-elsewhere").orElseThrow());

    LambdaRun.Response read = world.getClaim(dead.claimId(), customer);

    assertThat(read.status()).isEqualTo(404);
    assertThat(world.claims.find(dead.claimId())).isEmpty();
    assertThat(holderOf(unit)).contains("ret-elsewhere");
    assertThat(claimOpenUnits()).isEmpty();
  }

  @Test
  void the_next_open_on_the_order_finishes_a_claim_a_dead_request_left_and_claims_the_other_unit() {
    crashes.beforeOrderReplace();
    assertThat(world.crashing(() -> world.openClaim(orderId, customer)).status()).isEqualTo(500);
    Claim dead = onlyClaim();

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
  void a_decision_whose_order_write_failed_is_applied_by_the_next_read_exactly_once() {
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

    JsonNode seen = world.getClaim(claimId, customer).body();

    List<Refund> refunds = claimRefunds();
    assertThat(refunds).hasSize(1);
    assertThat(refunds.getFirst().refundId()).isEqualTo(RefundIds.of(RefundSource.CLAIM, claimId));
    assertThat(refunds.getFirst().amount().amount()).isEqualTo(800);
    assertThat(seen.at("/refund/refundId").asText())
        .isEqualTo(PublicRefundId.valueOf(refunds.getFirst()));
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(decided.state().unit()))
        .isEqualTo(UnitStatus.ACTIVE);
    assertThat(holderOf(decided.state().unit())).isEmpty();

    assertThat(world.getClaim(claimId, customer).status()).isEqualTo(200);
    LambdaRun.Response again = world.decide(claimId, PARTIAL_REFUND);
    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().at("/refund/refundId").asText())
        .isEqualTo(seen.at("/refund/refundId").asText());
    assertThat(claimRefunds()).hasSize(1);
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
  void a_claim_whose_expiry_died_before_releasing_its_unit_releases_it_when_read() {
    String claimId = world.openClaim(orderId, customer).body().path("claimId").asText();
    Claim open = world.claims.find(claimId).orElseThrow();
    crashes.beforeOrderReplace();
    ClaimsWorld weeksLater = world.at(Clock.offset(Clock.systemUTC(), Duration.ofDays(30)));

    // DOA-7 is recorded by a request acting on the claim (a GET only shows it): it dies
    assertThat(
            weeksLater
                .crashing(
                    () -> weeksLater.requestUpload(claimId, customer, "PROBLEM", "image/jpeg"))
                .status())
        .isEqualTo(500);
    assertThat(crashes.allHappened()).isTrue();
    Claim expired = world.claims.find(claimId).orElseThrow();
    assertThat(expired.status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(holderOf(open.state().unit())).contains(claimId);

    LambdaRun.Response read = weeksLater.getClaim(claimId, customer);

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().path("status").asText()).isEqualTo("EXPIRED");
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(open.state().unit()))
        .isEqualTo(UnitStatus.ACTIVE);
    assertThat(holderOf(open.state().unit())).isEmpty();
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

  private static <T> T await(Future<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
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

  private java.util.Optional<String> holderOf(UnitRef unit) {
    return world.orders.find(orderId).orElseThrow().heldBy(unit);
  }

  private List<Refund> claimRefunds() {
    return world.orders.find(orderId).orElseThrow().refunds().stream()
        .filter(r -> r.source() == RefundSource.CLAIM)
        .toList();
  }
}
