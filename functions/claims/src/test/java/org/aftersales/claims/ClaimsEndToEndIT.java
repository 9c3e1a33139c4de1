package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole DOA journey on the real local servers (DOA-1…DOA-5): open a claim, PUT a real JPEG, PNG
 * and MP4 to the presigned URLs, deliver the S3 events s3rver itself emitted to the evidence
 * handler, see the claim UNDER_REVIEW in the agents' queue, decide, find the refund on the order's
 * ledger — once, however often the decision is sent.
 */
@ExtendWith(LocalAwsServers.class)
class ClaimsEndToEndIT {

  private final LocalAws aws;
  private ClaimsWorld world;

  ClaimsEndToEndIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    world = new ClaimsWorld(aws, Clock.systemUTC());
  }

  @Test
  void claim_evidence_review_and_partial_refund_end_to_end() {
    String customer = aws.uniqueId("c");
    String orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(3)));

    LambdaRun.Response opened = world.openClaim(orderId, customer);
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    JsonNode claim = opened.body();
    String claimId = claim.path("claimId").asText();
    assertThat(claim.path("status").asText()).isEqualTo("AWAITING_EVIDENCE");
    assertThat(claim.at("/evidence/required").toString())
        .isEqualTo("[\"PROBLEM\",\"SHIPPING_LABEL\",\"PACKAGING\"]");
    assertThat(claim.at("/evidence/received").size()).isZero();
    assertThat(claim.path("uploads")).hasSize(3);
    JsonNode problemSlot = ClaimsWorld.slot(claim, "PROBLEM");
    assertThat(problemSlot.path("method").asText()).isEqualTo("PUT");
    assertThat(problemSlot.at("/headers/Content-Type").asText()).isEqualTo("image/jpeg");
    assertThat(problemSlot.path("maxBytes").asLong())
        .isEqualTo(52_428_800L); // policy 2026-06, PROBLEM
    assertThat(ClaimsWorld.slot(claim, "PACKAGING").path("maxBytes").asLong())
        .isEqualTo(10_485_760L);
    assertThat(Instant.parse(problemSlot.path("expiresAt").asText()))
        .isBetween(
            Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
    assertThat(problemSlot.path("url").asText()).contains("/claims/" + claimId + "/PROBLEM/");

    // The unit is held by the claim on the order (DOA-2).
    Order held = world.orders.find(orderId).orElseThrow();
    assertThat(held.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.CLAIM_OPEN);

    // PROBLEM as a video: a fresh slot for video/mp4, then the three files.
    LambdaRun.Response videoSlot = world.requestUpload(claimId, customer, "PROBLEM", "video/mp4");
    assertThat(videoSlot.status()).as(videoSlot.body().toString()).isEqualTo(201);
    assertThat(videoSlot.body().at("/headers/Content-Type").asText()).isEqualTo("video/mp4");
    JsonNode summary = world.upload(claimId, videoSlot.body(), EvidenceFiles.mp4());
    assertThat(summary.at("/outcomes/RECORDED").asInt()).isEqualTo(1);

    JsonNode labelSlot = ClaimsWorld.slot(claim, "SHIPPING_LABEL");
    assertThat(
            world.upload(claimId, labelSlot, EvidenceFiles.jpeg()).at("/outcomes/RECORDED").asInt())
        .isEqualTo(1);
    assertThat(world.getClaim(claimId, customer).body().path("status").asText())
        .isEqualTo("AWAITING_EVIDENCE");

    LambdaRun.Response pngSlot = world.requestUpload(claimId, customer, "PACKAGING", "image/png");
    assertThat(
            world
                .upload(claimId, pngSlot.body(), EvidenceFiles.png())
                .at("/outcomes/RECORDED")
                .asInt())
        .isEqualTo(1);

    JsonNode complete = world.getClaim(claimId, customer).body();
    assertThat(complete.path("status").asText()).isEqualTo("UNDER_REVIEW");
    assertThat(complete.at("/evidence/received").toString())
        .isEqualTo("[\"PROBLEM\",\"SHIPPING_LABEL\",\"PACKAGING\"]");
    assertThat(complete.at("/evidence/missing").size()).isZero();
    assertThat(complete.at("/evidence/files").findValuesAsText("contentType"))
        .containsExactlyInAnyOrder("video/mp4", "image/jpeg", "image/png");
    assertThat(complete.at("/evidence/rejected").size()).isZero();

    // The agents' queue (ByStatus index) holds it.
    assertThat(queueIds()).contains(claimId);

    // Decision: partial refund of the power adapter at its listed price (DOA-4).
    String body =
        "{\"outcome\": \"PARTIAL_REFUND\", \"componentId\": \"psu\", \"message\": \"The adapter is faulty.\"}";
    LambdaRun.Response decided = world.decide(claimId, body);
    assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);
    assertThat(decided.body().path("status").asText()).isEqualTo("APPROVED_PARTIAL_REFUND");
    JsonNode refund = decided.body().path("refund");
    assertThat(refund.at("/amount/amount").asLong()).isEqualTo(800);
    assertThat(refund.at("/amount/currency").asText()).isEqualTo("EUR");
    assertThat(refund.path("source").asText()).isEqualTo("CLAIM");
    assertThat(refund.path("sourceId").asText()).isEqualTo(claimId);
    assertThat(refund.path("status").asText()).isEqualTo("PENDING");
    assertThat(refund.path("dueBy").asText()).isNotEmpty();
    assertThat(refund.at("/breakdown/total/amount").asLong()).isEqualTo(800);
    assertThat(refund.at("/breakdown/lines/0/ruleIds").toString()).contains("DOA-4");

    // The same decision again (a retry): 200, the same refund, nothing more on the ledger.
    LambdaRun.Response again = world.decide(claimId, body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().at("/refund/refundId").asText())
        .isEqualTo(refund.path("refundId").asText());
    // A different decision on a decided claim is refused.
    LambdaRun.Response other =
        world.decide(claimId, "{\"outcome\": \"FULL_REFUND\", \"message\": \"escalated\"}");
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.code()).isEqualTo("illegal-transition");

    Order after = world.orders.find(orderId).orElseThrow();
    List<Refund> claimRefunds =
        after.refunds().stream().filter(r -> r.source() == RefundSource.CLAIM).toList();
    assertThat(claimRefunds).hasSize(1);
    assertThat(claimRefunds.getFirst().amount().amount()).isEqualTo(800);
    // The API shows the public id {orderId}~{ledger id}; the ledger id derives from the claim
    // (RefundIds).
    assertThat(claimRefunds.getFirst().refundId())
        .isEqualTo(RefundIds.of(RefundSource.CLAIM, claimId));
    assertThat(refund.path("refundId").asText())
        .isEqualTo(PublicRefundId.valueOf(claimRefunds.getFirst()));
    assertThat(after.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.ACTIVE);

    // The customer sees the decision and its refund.
    JsonNode seen = world.getClaim(claimId, customer).body();
    assertThat(seen.path("status").asText()).isEqualTo("APPROVED_PARTIAL_REFUND");
    assertThat(seen.at("/refund/amount/amount").asLong()).isEqualTo(800);
    assertThat(queueIds()).doesNotContain(claimId);
  }

  @Test
  void full_refund_refunds_paid_price_and_delivery_share_and_marks_the_unit() {
    String customer = aws.uniqueId("c");
    String orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(1)));
    JsonNode claim = world.openClaim(orderId, customer).body();
    String claimId = claim.path("claimId").asText();
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      world.upload(claimId, ClaimsWorld.slot(claim, kind), EvidenceFiles.jpeg());
    }
    LambdaRun.Response decided =
        world.decide(
            claimId,
            "{\"outcome\": \"FULL_REFUND\", \"message\": \"Very unhappy: complete solution.\"}");
    assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);
    // 2 × 29.99 − 5.00 discount = 54.98 → 27.49 per unit; delivery 4.99 → 2.50 for unit 0 (GEN-2,
    // GEN-3).
    assertThat(decided.body().at("/refund/amount/amount").asLong()).isEqualTo(2749 + 250);
    Order after = world.orders.find(orderId).orElseThrow();
    assertThat(after.statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.REFUNDED_BY_CLAIM);
    assertThat(after.refundedTotal().amount()).isEqualTo(2999);
  }

  private List<String> queueIds() {
    List<String> ids = new java.util.ArrayList<>();
    String token = null;
    do {
      var event = LambdaRun.event("ClaimsFunction", "agent-review-queue");
      if (token != null) {
        LambdaRun.withQuery(event, "nextToken", token);
      }
      LambdaRun.Response page = LambdaRun.http(world.api, event);
      assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
      page.body().path("claims").forEach(c -> ids.add(c.path("claimId").asText()));
      token =
          page.body().path("nextToken").isNull() ? null : page.body().path("nextToken").asText();
    } while (token != null);
    return ids;
  }
}
