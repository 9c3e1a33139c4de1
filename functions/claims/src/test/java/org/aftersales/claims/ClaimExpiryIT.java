package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DOA-7 sweep ({@code ClaimExpiryFunction}) on events/ClaimExpiryFunction/schedule.json (its
 * {@code time} set relative to the claims opened now) against the local servers: a claim waiting
 * for evidence past its 14 days is stored EXPIRED with its unit ACTIVE again, a second run writes
 * nothing, a claim inside its window is left alone, the boundary is DOA-7's own (expired only after
 * the window), a GET of an overdue claim shows it EXPIRED and writes nothing, and a run racing the
 * last evidence file, an agent's decision on a claim that needs information or a request acting on
 * the overdue claim ends in one outcome, a stored expiry announced by exactly one {@code
 * ClaimExpired} (MSG-1). Assertions are per claim of this test: other tests of this JVM share the
 * table and its {@code ByStatus} index.
 */
@ExtendWith(LocalAwsServers.class)
class ClaimExpiryIT {

  private static final UnitRef FIRST = new UnitRef("L1", 0);

  /** DOA-7's evidence window in the policy version of the test orders (from 2026-06-01). */
  private static final Duration WINDOW = Duration.ofDays(14);

  /** The smallest window of any policy version (10 days in the first): the query's bound. */
  private static final Duration SMALLEST = Duration.ofDays(10);

  private final LocalAws aws;
  private ClaimsWorld world;
  private String customer;

  ClaimExpiryIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    world = new ClaimsWorld(aws, Clock.systemUTC());
    customer = aws.uniqueId("c");
  }

  /** A new order delivered yesterday with one claim opened now: {orderId, claimId}. */
  private String[] openedNow() {
    return openedNow(world);
  }

  /** The same, opened at {@code opening}'s clock. */
  private String[] openedNow(ClaimsWorld opening) {
    String orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(1)));
    LambdaRun.Response opened = opening.openClaim(orderId, customer);
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    return new String[] {orderId, opened.body().path("claimId").asText()};
  }

  private Claim stored(String claimId) {
    return world.claims.find(claimId).orElseThrow();
  }

  private long orderVersion(String orderId) {
    return world.orders.find(orderId).orElseThrow().version();
  }

  @Test
  void DOA_7_the_schedule_records_an_overdue_claim_expired_once_and_leaves_one_in_its_window() {
    String[] overdue = openedNow();
    String[] inWindow = openedNow(world.at(Clock.offset(Clock.systemUTC(), Duration.ofDays(1))));
    Instant deadline = stored(overdue[1]).state().statusSince().plus(WINDOW);
    Instant at =
        deadline.plus(Duration.ofHours(1)); // the other claim, a day younger, is in its window
    long youngerVersion = stored(inWindow[1]).version();
    long youngerOrder = orderVersion(inWindow[0]);

    JsonNode summary = world.sweep(at);

    assertThat(summary.path("time").asText()).isEqualTo(at.toString());
    assertThat(summary.path("sinceBefore").asText()).isEqualTo(at.minus(SMALLEST).toString());
    assertThat(summary.path("complete").asBoolean()).isTrue();
    assertThat(summary.path("failures").asInt()).isZero();
    assertThat(summary.path("expired").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(stored(overdue[1]).status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(world.orders.find(overdue[0]).orElseThrow().statusOf(FIRST))
        .isEqualTo(UnitStatus.ACTIVE);
    assertThat(stored(inWindow[1]).status()).isEqualTo(ClaimStatus.AWAITING_EVIDENCE);
    assertThat(stored(inWindow[1]).version()).isEqualTo(youngerVersion);
    assertThat(orderVersion(inWindow[0])).isEqualTo(youngerOrder);

    long claimVersion = stored(overdue[1]).version();
    long order = orderVersion(overdue[0]);
    JsonNode again = world.sweep(at.plus(Duration.ofHours(1)));

    assertThat(again.path("complete").asBoolean()).isTrue();
    assertThat(stored(overdue[1]).version())
        .as("a second run writes nothing")
        .isEqualTo(claimVersion);
    assertThat(orderVersion(overdue[0])).isEqualTo(order);
  }

  @Test
  void DOA_7_the_schedule_expires_a_claim_only_after_its_window() {
    String[] claim = openedNow();
    Instant deadline = stored(claim[1]).state().statusSince().plus(WINDOW);
    long version = stored(claim[1]).version();

    // a candidate of the query (older than 10 days), but DOA-7 of its own version: after 14 days
    world.sweep(deadline);
    assertThat(stored(claim[1]).status()).isEqualTo(ClaimStatus.AWAITING_EVIDENCE);
    assertThat(stored(claim[1]).version()).isEqualTo(version);

    world.sweep(deadline.plusMillis(1));
    assertThat(stored(claim[1]).status()).isEqualTo(ClaimStatus.EXPIRED);
  }

  @Test
  void DOA_7_a_GET_of_an_overdue_claim_shows_it_expired_and_writes_nothing() {
    String[] claim = openedNow();
    Instant at = stored(claim[1]).state().statusSince().plus(WINDOW).plusSeconds(60);
    long version = stored(claim[1]).version();
    long order = orderVersion(claim[0]);
    ClaimsWorld later = world.at(Clock.fixed(at, ZoneOffset.UTC));

    LambdaRun.Response read = later.getClaim(claim[1], customer);

    assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
    assertThat(read.body().path("status").asText()).isEqualTo("EXPIRED");
    assertThat(read.body().has("expiresAt")).isFalse();
    assertThat(stored(claim[1]).version()).isEqualTo(version);
    assertThat(stored(claim[1]).status()).isEqualTo(ClaimStatus.AWAITING_EVIDENCE);
    assertThat(orderVersion(claim[0])).isEqualTo(order);
  }

  @RepeatedTest(3)
  void DOA_7_a_run_racing_the_last_evidence_file_ends_expired_or_under_review_never_both()
      throws Exception {
    String[] claim = openedNow();
    Instant deadline = stored(claim[1]).state().statusSince().plus(WINDOW);
    for (String kind : new String[] {"PROBLEM", "SHIPPING_LABEL"}) {
      JsonNode slot = world.requestUpload(claim[1], customer, kind, "image/jpeg").body();
      assertThat(
              world.upload(claim[1], slot, EvidenceFiles.jpeg()).at("/outcomes/RECORDED").asInt())
          .isEqualTo(1);
    }
    JsonNode last = world.requestUpload(claim[1], customer, "PACKAGING", "image/jpeg").body();
    assertThat(ClaimsWorld.put(last, EvidenceFiles.jpeg())).isEqualTo(200);
    var notification = world.createdEvent(ClaimsWorld.keyOf(claim[1], last));
    // the file arrives a second before the deadline, the run starts a second after it
    ClaimsWorld arriving = world.at(Clock.fixed(deadline.minusSeconds(1), ZoneOffset.UTC));

    JsonNode delivered =
        raceSweepWith(deadline.plusSeconds(1), () -> arriving.deliver(notification));

    Claim after = stored(claim[1]);
    assertThat(after.status()).isIn(ClaimStatus.EXPIRED, ClaimStatus.UNDER_REVIEW);
    assertThat(world.events(claim[0], claim[1], "ClaimExpired"))
        .hasSize(after.status() == ClaimStatus.EXPIRED ? 1 : 0);
    UnitStatus unit = world.orders.find(claim[0]).orElseThrow().statusOf(FIRST);
    if (after.status() == ClaimStatus.EXPIRED) {
      assertThat(delivered.at("/outcomes/REJECTED").asInt()).as(delivered.toString()).isEqualTo(1);
      assertThat(after.files()).hasSize(2);
      assertThat(unit).isEqualTo(UnitStatus.ACTIVE);
    } else {
      assertThat(delivered.at("/outcomes/RECORDED").asInt()).as(delivered.toString()).isEqualTo(1);
      assertThat(after.files()).hasSize(3);
      assertThat(unit).isEqualTo(UnitStatus.CLAIM_OPEN);
    }
  }

  @RepeatedTest(3)
  void DOA_7_a_run_racing_a_decision_on_a_claim_that_needs_info_ends_in_one_outcome()
      throws Exception {
    String[] claim = openedNow();
    for (String kind : new String[] {"PROBLEM", "SHIPPING_LABEL", "PACKAGING"}) {
      JsonNode slot = world.requestUpload(claim[1], customer, kind, "image/jpeg").body();
      assertThat(
              world.upload(claim[1], slot, EvidenceFiles.jpeg()).at("/outcomes/RECORDED").asInt())
          .isEqualTo(1);
    }
    LambdaRun.Response asked =
        world.decide(claim[1], "{\"outcome\": \"NEEDS_INFO\", \"message\": \"Film it.\"}");
    assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
    Instant deadline = stored(claim[1]).state().statusSince().plus(WINDOW);
    // the agent decides a second before the deadline, the run starts a second after it
    ClaimsWorld deciding = world.at(Clock.fixed(deadline.minusSeconds(1), ZoneOffset.UTC));

    LambdaRun.Response answer =
        raceSweepWith(
            deadline.plusSeconds(1),
            () ->
                deciding.decide(
                    claim[1], "{\"outcome\": \"REJECTED\", \"message\": \"Not a defect.\"}"));

    ClaimStatus status = stored(claim[1]).status();
    assertThat(status).isIn(ClaimStatus.EXPIRED, ClaimStatus.REJECTED);
    assertThat(world.events(claim[0], claim[1], "ClaimExpired"))
        .hasSize(status == ClaimStatus.EXPIRED ? 1 : 0);
    assertThat(answer.status())
        .as(answer.body().toString())
        .isEqualTo(status == ClaimStatus.EXPIRED ? 409 : 200);
    assertThat(world.orders.find(claim[0]).orElseThrow().statusOf(FIRST))
        .isEqualTo(UnitStatus.ACTIVE);
  }

  @RepeatedTest(3)
  void DOA_7_a_run_racing_a_request_acting_on_an_overdue_claim_expires_and_announces_it_once()
      throws Exception {
    String[] claim = openedNow();
    Instant at = stored(claim[1]).state().statusSince().plus(WINDOW).plusSeconds(1);
    ClaimsWorld acting = world.at(Clock.fixed(at, ZoneOffset.UTC));

    LambdaRun.Response answer =
        raceSweepWith(at, () -> acting.requestUpload(claim[1], customer, "PROBLEM", "image/jpeg"));

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
    assertThat(stored(claim[1]).status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(world.orders.find(claim[0]).orElseThrow().statusOf(FIRST))
        .isEqualTo(UnitStatus.ACTIVE);
    assertThat(world.events(claim[0], claim[1], "ClaimExpired"))
        .as("MSG-1: one ClaimExpired, whoever stored the expiry")
        .hasSize(1);
  }

  /** The sweep at {@code at} and {@code rival} started together; the rival's result. */
  private <T> T raceSweepWith(Instant at, Callable<T> rival) throws Exception {
    ClaimExpiryHandler sweep = world.expiry();
    String schedule = ClaimsWorld.sweepEvent(at);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Future<JsonNode> swept =
          pool.submit(
              () -> {
                start.await();
                return LambdaRun.raw(sweep, schedule);
              });
      Future<T> answered =
          pool.submit(
              () -> {
                start.await();
                return rival.call();
              });
      start.countDown();
      assertThat(swept.get().path("complete").asBoolean()).isTrue();
      return answered.get();
    } finally {
      pool.shutdownNow();
    }
  }
}
