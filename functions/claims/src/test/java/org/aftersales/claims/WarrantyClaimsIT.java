package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.aftersales.policy.decision.WarrantyPolicy;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Warranty claims (WAR-1…WAR-6) through the claims handler on its samples against the local
 * servers: the one door opens a warranty claim after the DOA window, the problem photo completes
 * it, WAR-3's remedies in order, WAR-4's repair steps (only forward, idempotent, unrepairable
 * reopening the decision, a repair extending the warranty), bad input that changes nothing, and
 * agents racing on one claim.
 */
@ExtendWith(LocalAwsServers.class)
class WarrantyClaimsIT {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final UnitRef U0 = new UnitRef("L1", 0);

  private final LocalAws aws;
  private ClaimsWorld world;
  private String customer;
  private String orderId;
  private LocalDate deliveredOn;

  WarrantyClaimsIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void deliveredThreeMonthsAgo() {
    world = new ClaimsWorld(aws, Clock.systemUTC());
    customer = aws.uniqueId("c");
    deliveredOn = LocalDate.now(BERLIN).minusMonths(3);
    orderId = world.deliveredOrder(customer, deliveredOn.atTime(12, 0).atZone(BERLIN).toInstant());
  }

  /** A warranty claim with its problem photo in: UNDER_REVIEW. */
  private String underReview(String preferredRemedy) {
    LambdaRun.Response opened =
        world.openClaimWith(
            orderId,
            customer,
            "{\"lineId\": \"L1\", \"problem\": \"NOT_WORKING\", \"description\": \"dead\""
                + (preferredRemedy == null
                    ? ""
                    : ", \"preferredRemedy\": \"" + preferredRemedy + "\"")
                + "}");
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    assertThat(opened.body().path("coverage").asText()).isEqualTo("WARRANTY");
    String claimId = opened.body().path("claimId").asText();
    world.upload(claimId, ClaimsWorld.slot(opened.body(), "PROBLEM"), EvidenceFiles.jpeg());
    assertThat(world.agentGetClaim(claimId).body().path("status").asText())
        .isEqualTo("UNDER_REVIEW");
    return claimId;
  }

  private LambdaRun.Response step(String claimId, String step, String at, String tracking) {
    return world.repair(
        claimId,
        "{\"step\": \""
            + step
            + "\", \"at\": \""
            + at
            + "\""
            + (tracking == null ? "" : ", \"trackingNumber\": \"" + tracking + "\"")
            + "}");
  }

  private Order order() {
    return world.orders.find(orderId).orElseThrow();
  }

  @Test
  void WAR_3_WAR_4_repair_unrepairable_then_a_price_reduction_refunded() {
    String claimId = underReview("REPAIR");

    LambdaRun.Response early =
        world.decide(
            claimId,
            "{\"outcome\": \"PRICE_REDUCTION\", \"amount\": {\"amount\": 1000, \"currency\":"
                + " \"EUR\"}, \"message\": \"A discount.\"}");
    assertThat(early.status()).isEqualTo(422);
    assertThat(early.code()).isEqualTo("remedy-not-available");
    assertThat(early.body().path("ruleIds").toString()).isEqualTo("[\"WAR-3\"]");

    LambdaRun.Response repair =
        world.decide(claimId, "{\"outcome\": \"REPAIR\", \"message\": \"We will repair it.\"}");
    assertThat(repair.status()).as(repair.body().toString()).isEqualTo(200);
    assertThat(repair.body().path("status").asText()).isEqualTo("REPAIR_IN_PROGRESS");
    assertThat(repair.body().at("/repair/shippingPaidBy").asText()).isEqualTo("STORE");
    assertThat(repair.body().at("/repair/sendTo/lines").toString()).contains("Lagerstrasse 12");
    assertThat(order().statusOf(U0)).isEqualTo(UnitStatus.CLAIM_OPEN);

    LambdaRun.Response skipped = step(claimId, "REPAIRED", "2026-12-01T09:00:00Z", null);
    assertThat(skipped.status()).isEqualTo(409);
    assertThat(skipped.code()).isEqualTo("illegal-transition");
    LambdaRun.Response received = step(claimId, "RECEIVED", "2026-12-01T09:00:00Z", "DHL-1");
    assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
    assertThat(received.body().at("/repair/nextSteps").toString())
        .isEqualTo("[\"REPAIRED\",\"UNREPAIRABLE\"]");
    long version = world.claims.find(claimId).orElseThrow().version();
    LambdaRun.Response again = step(claimId, "RECEIVED", "2026-12-01T09:00:00Z", "DHL-1");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(received.body());
    assertThat(world.claims.find(claimId).orElseThrow().version())
        .as("the same step again writes nothing")
        .isEqualTo(version);
    LambdaRun.Response otherData = step(claimId, "RECEIVED", "2026-12-01T09:00:00Z", "DHL-2");
    assertThat(otherData.status()).isEqualTo(409);
    assertThat(otherData.code()).isEqualTo("repair-step-conflict");
    assertThat(world.claims.find(claimId).orElseThrow().version()).isEqualTo(version);

    LambdaRun.Response failed = step(claimId, "UNREPAIRABLE", "2026-12-02T09:00:00Z", null);
    assertThat(failed.body().path("status").asText()).isEqualTo("UNDER_REVIEW");
    assertThat(failed.body().at("/ruledOut/0/remedy").asText()).isEqualTo("REPAIR");
    LambdaRun.Response backwards = step(claimId, "RECEIVED", "2026-12-03T09:00:00Z", null);
    assertThat(backwards.status()).isEqualTo(409);

    LambdaRun.Response dollars =
        world.decide(
            claimId,
            "{\"outcome\": \"PRICE_REDUCTION\", \"amount\": {\"amount\": 1000, \"currency\":"
                + " \"USD\"}, \"message\": \"A discount.\"}");
    assertThat(dollars.status()).isEqualTo(400);
    assertThat(dollars.body().at("/errors/0/field").asText()).isEqualTo("amount.currency");
    long paid = order().pricing().paidPrice(U0).amount();
    LambdaRun.Response tooMuch =
        world.decide(
            claimId,
            "{\"outcome\": \"PRICE_REDUCTION\", \"amount\": {\"amount\": "
                + (paid + 1)
                + ", \"currency\": \"EUR\"}, \"message\": \"A discount.\"}");
    assertThat(tooMuch.status()).isEqualTo(422);
    assertThat(tooMuch.code()).isEqualTo("refund-above-paid-price");
    assertThat(order().refunds()).isEmpty();

    LambdaRun.Response reduced =
        world.decide(
            claimId,
            "{\"outcome\": \"PRICE_REDUCTION\", \"amount\": {\"amount\": 1000, \"currency\":"
                + " \"EUR\"}, \"message\": \"Sorry it could not be repaired.\"}");
    assertThat(reduced.status()).as(reduced.body().toString()).isEqualTo(200);
    assertThat(reduced.body().path("status").asText()).isEqualTo("APPROVED_PRICE_REDUCTION");
    assertThat(reduced.body().at("/refund/amount/amount").asLong()).isEqualTo(1000);
    assertThat(order().refunds()).hasSize(1);
    assertThat(order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
  }

  @Test
  void WAR_4_a_repaired_unit_is_let_go_and_its_warranty_ends_12_months_later() {
    String claimId = underReview(null);
    assertThat(world.decide(claimId, "{\"outcome\": \"REPAIR\", \"message\": \"ok\"}").status())
        .isEqualTo(200);
    assertThat(step(claimId, "RECEIVED", "2026-12-01T09:00:00Z", null).status()).isEqualTo(200);
    assertThat(step(claimId, "REPAIRED", "2026-12-02T09:00:00Z", null).status()).isEqualTo(200);
    LambdaRun.Response back = step(claimId, "SHIPPED_BACK", "2026-12-03T09:00:00Z", "DHL-9");

    assertThat(back.body().path("status").asText()).isEqualTo("REPAIRED");
    Order order = order();
    assertThat(order.statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(order.warrantyExtensionMonths(U0)).isEqualTo(12);
    assertThat(
            WarrantyPolicy.warrantyEndsOn(
                order, ClaimsWorld.POLICIES.byVersion(order.policyVersion()).orElseThrow(), U0))
        .contains(deliveredOn.plusMonths(36));
    assertThat(step(claimId, "SHIPPED_BACK", "2026-12-03T09:00:00Z", "DHL-9").status())
        .as("the same last step again")
        .isEqualTo(200);
    assertThat(order().warrantyExtensionMonths(U0)).as("extended once").isEqualTo(12);
  }

  @Test
  void WAR_3_WAR_5_bad_input_is_a_4xx_naming_the_field_and_changes_nothing() {
    LambdaRun.Response unknownRemedy =
        world.openClaimWith(
            orderId,
            customer,
            "{\"lineId\": \"L1\", \"problem\": \"NOT_WORKING\", \"preferredRemedy\": \"REFUND\"}");
    assertThat(unknownRemedy.status()).isEqualTo(400);
    assertThat(unknownRemedy.body().at("/errors/0/field").asText()).isEqualTo("preferredRemedy");
    assertThat(order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);

    String claimId = underReview("REPLACEMENT");
    long version = world.claims.find(claimId).orElseThrow().version();
    LambdaRun.Response noFinding =
        world.decide(claimId, "{\"outcome\": \"REJECTED\", \"message\": \"No.\"}");
    assertThat(noFinding.status()).isEqualTo(400);
    assertThat(noFinding.body().at("/errors/0/field").asText()).isEqualTo("finding");
    assertThat(noFinding.body().path("ruleIds").toString()).contains("WAR-5");
    LambdaRun.Response notPreferred =
        world.decide(claimId, "{\"outcome\": \"REPAIR\", \"message\": \"We repair it.\"}");
    assertThat(notPreferred.status()).isEqualTo(422);
    assertThat(notPreferred.code()).isEqualTo("remedy-not-available");
    LambdaRun.Response doaOutcome =
        world.decide(claimId, "{\"outcome\": \"FULL_REFUND\", \"message\": \"x\"}");
    assertThat(doaOutcome.status()).isEqualTo(400);
    assertThat(doaOutcome.body().at("/errors/0/field").asText()).isEqualTo("outcome");
    LambdaRun.Response wrongKind =
        world.requestUpload(claimId, customer, "SHIPPING_LABEL", "image/jpeg");
    assertThat(wrongKind.status()).isEqualTo(400);
    assertThat(wrongKind.body().at("/errors/0/field").asText()).isEqualTo("kind");
    assertThat(world.claims.find(claimId).orElseThrow().version()).isEqualTo(version);
    assertThat(world.claims.find(claimId).orElseThrow().status().name()).isEqualTo("UNDER_REVIEW");

    LambdaRun.Response rejected =
        world.decide(
            claimId,
            "{\"outcome\": \"REJECTED\", \"message\": \"We can not accept it.\", \"finding\":"
                + " \"The board shows liquid damage.\"}");
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.body().path("finding").asText()).contains("liquid");
    assertThat(order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
  }

  @Test
  void WAR_3_two_agents_deciding_at_once_one_wins_the_other_is_a_409() throws Exception {
    String claimId = underReview(null);
    List<String> bodies =
        List.of(
            "{\"outcome\": \"REPAIR\", \"message\": \"Agent A repairs.\"}",
            "{\"outcome\": \"REPLACEMENT\", \"message\": \"Agent B replaces.\"}");
    List<LambdaRun.Response> answers = ClaimsWorld.race(aws, claimId, bodies);

    assertThat(answers).extracting(LambdaRun.Response::status).containsExactlyInAnyOrder(200, 409);
    LambdaRun.Response won = answers.stream().filter(a -> a.status() == 200).findFirst().get();
    JsonNode stored = world.agentGetClaim(claimId).body();
    assertThat(stored.path("status")).isEqualTo(won.body().path("status"));
    assertThat(stored.at("/decision/message")).isEqualTo(won.body().at("/decision/message"));
    Order order = order();
    assertThat(order.statusOf(U0))
        .isEqualTo(
            won.body().path("status").asText().equals("REPAIR_IN_PROGRESS")
                ? UnitStatus.CLAIM_OPEN
                : UnitStatus.ACTIVE);
    assertThat(order.refunds()).isEmpty();
  }

  @Test
  void WAR_3_WAR_5_the_remedies_route_offers_the_preferred_remedy_first_and_the_true_cap() {
    String claimId = underReview("REPLACEMENT");

    LambdaRun.Response quoted = world.remedies(claimId);

    assertThat(quoted.status()).as(quoted.body().toString()).isEqualTo(200);
    assertThat(quoted.body().path("coverage").asText()).isEqualTo("WARRANTY");
    JsonNode remedies = quoted.body().path("remedies");
    assertThat(remedies.findValuesAsText("outcome"))
        .containsExactly(
            "REPAIR",
            "REPLACEMENT",
            "PRICE_REDUCTION",
            "REFUND_AGAINST_RETURN",
            "NEEDS_INFO",
            "REJECTED");
    assertThat(remedies.get(1).path("preferred").asBoolean()).isTrue();
    assertThat(remedies.get(0).path("needs").toString()).isEqualTo("[\"ruledOut.REPLACEMENT\"]");
    assertThat(remedies.get(5).path("needs").toString())
        .as("WAR-5: three months after delivery a rejection needs a finding")
        .isEqualTo("[\"finding\"]");
    long paid = order().pricing().paidPrice(U0).amount();
    assertThat(remedies.get(2).at("/refund/basis").asText()).isEqualTo("UP_TO");
    assertThat(remedies.get(2).at("/refund/amount/amount").asLong()).isEqualTo(paid);
    assertThat(remedies.get(3).at("/refund/basis").asText()).isEqualTo("EXACT");
    assertThat(remedies.get(3).at("/refund/amount/amount").asLong()).isEqualTo(paid);

    String ruledOut =
        ", \"ruledOut\": [{\"remedy\": \"REPAIR\", \"reason\": \"no parts\"},"
            + " {\"remedy\": \"REPLACEMENT\", \"reason\": \"sold out\"}]";
    long cap = remedies.get(2).at("/refund/amount/amount").asLong();
    LambdaRun.Response above =
        world.decide(
            claimId,
            "{\"outcome\": \"PRICE_REDUCTION\", \"amount\": {\"amount\": "
                + (cap + 1)
                + ", \"currency\": \"EUR\"}, \"message\": \"A discount.\""
                + ruledOut
                + "}");
    assertThat(above.status()).as("one cent above the quoted cap").isEqualTo(422);
    LambdaRun.Response atCap =
        world.decide(
            claimId,
            "{\"outcome\": \"PRICE_REDUCTION\", \"amount\": {\"amount\": "
                + cap
                + ", \"currency\": \"EUR\"}, \"message\": \"A discount.\""
                + ruledOut
                + "}");
    assertThat(atCap.status()).as(atCap.body().toString()).isEqualTo(200);
    assertThat(atCap.body().at("/refund/amount/amount").asLong()).isEqualTo(cap);
  }
}
