package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Agents' decisions on one claim under review, racing as Lambda runs them: one function instance
 * (its own handler) per request, all released at once against the real local DynamoDB server. The
 * reliability review found that with NEEDS_INFO and FULL_REFUND racing, 3 of 30 NEEDS_INFO requests
 * answered 200 with an APPROVED body. A request that did not win answers 409; a 200 always shows
 * its own decision.
 */
@ExtendWith(LocalAwsServers.class)
class ClaimDecisionRacesIT {

  static final int RACERS = 30;

  private final LocalAws aws;
  private ClaimsWorld world;
  private String claimId;

  ClaimDecisionRacesIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void claimUnderReview() {
    world = new ClaimsWorld(aws, Clock.systemUTC());
    String customer = aws.uniqueId("c");
    String orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(2)));
    LambdaRun.Response opened = world.openClaim(orderId, customer);
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    claimId = opened.body().path("claimId").asText();
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      world.upload(
          claimId,
          world.requestUpload(claimId, customer, kind, "image/jpeg").body(),
          EvidenceFiles.jpeg());
    }
    assertThat(world.agentGetClaim(claimId).body().path("status").asText())
        .isEqualTo("UNDER_REVIEW");
  }

  @Test
  void of_30_racing_needs_info_decisions_one_wins_and_every_other_is_a_409() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      bodies.add(
          "{\"outcome\": \"NEEDS_INFO\", \"message\": \"Please film the light, agent "
              + i
              + ".\"}");
    }

    List<LambdaRun.Response> answers = ClaimsWorld.race(aws, claimId, bodies);

    List<LambdaRun.Response> won = answers.stream().filter(a -> a.status() == 200).toList();
    assertThat(won).hasSize(1);
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 409));
    assertThat(won.getFirst().body().path("status").asText()).isEqualTo("NEEDS_INFO");
    JsonNode stored = world.agentGetClaim(claimId).body();
    assertThat(stored.path("message")).isEqualTo(won.getFirst().body().path("message"));
  }

  @Test
  void needs_info_racing_full_refunds_never_answers_another_requests_decision() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      bodies.add(
          i % 2 == 0
              ? "{\"outcome\": \"NEEDS_INFO\", \"message\": \"Please film the light.\"}"
              : "{\"outcome\": \"FULL_REFUND\", \"message\": \"Refunded in full.\"}");
    }

    List<LambdaRun.Response> answers = ClaimsWorld.race(aws, claimId, bodies);

    java.util.Set<String> decisions = new java.util.HashSet<>();
    for (int i = 0; i < RACERS; i++) {
      LambdaRun.Response answer = answers.get(i);
      assertThat(answer.status()).as(answer.body().toString()).isIn(200, 409);
      if (answer.status() == 200) {
        decisions.add(answer.body().at("/decision/decidedAt").asText());
        assertThat(answer.body().path("status").asText())
            .as("request %d answered with another request's decision", i)
            .isEqualTo(i % 2 == 0 ? "NEEDS_INFO" : "APPROVED_FULL_REFUND");
      }
    }
    // A 200 is the decision its request made, or a replay of an identical one already recorded
    // when the request first read the claim: NEEDS_INFO then a later FULL_REFUND at the most.
    assertThat(decisions).hasSizeBetween(1, 2);
    assertThat(world.orders.find(world.claims.find(claimId).orElseThrow().orderId()).orElseThrow())
        .satisfies(order -> assertThat(order.ledger().refunds()).hasSizeLessThanOrEqualTo(1));
  }
}
