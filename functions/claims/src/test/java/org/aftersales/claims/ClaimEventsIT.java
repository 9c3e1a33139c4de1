package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.aftersales.shared.testing.EventCatalogue;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.aftersales.shared.testing.S3EventLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MSG-1/MSG-2 for claims, one test per event type, through the claims and evidence handlers on
 * their samples against the local servers: each decision records exactly one event of its type in
 * the conditional write that commits it (the order write that gives the claim its unit for
 * ClaimAwaitingEvidence, the claim item's write for the others), valid against {@code
 * docs/events/schemas/<type>.json} and carrying what the email templates read; a replayed, repeated
 * or refused request records none; of two agents racing, one decision is announced; a DOA-7 expiry
 * is announced once, by the write that stores it. The outbox entry is the event exactly as the
 * publisher puts it on the bus; they are kept as the catalogue's examples ({@code
 * target/event-examples/}, copied into docs/events.md).
 */
@ExtendWith(LocalAwsServers.class)
class ClaimEventsIT {

  static final EventCatalogue EXAMPLES = new EventCatalogue();
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final LocalAws aws;
  private ClaimsWorld world;
  private String customer;
  private String orderId;

  ClaimEventsIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    world = new ClaimsWorld(aws, Clock.systemUTC());
    customer = aws.uniqueId("c");
  }

  @AfterAll
  static void writeExamples() throws IOException {
    EXAMPLES.write();
  }

  @Test
  void MSG_1_ClaimAwaitingEvidence_once_when_a_DOA_claim_opens_and_not_again_on_a_replay() {
    orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(2)));
    LambdaRun.Response opened = world.openClaim(orderId, customer, "k-open");
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    String claimId = opened.body().path("claimId").asText();

    JsonNode event = theOne(claimId, "ClaimAwaitingEvidence");
    assertThat(event.at("/subject/id").asText()).isEqualTo(claimId);
    assertThat(event.at("/customerId").asText()).isEqualTo(customer);
    assertThat(event.at("/data/missing").toString())
        .isEqualTo("[\"PROBLEM\",\"SHIPPING_LABEL\",\"PACKAGING\"]");
    assertThat(event.at("/data/claim/evidence/missing")).isEqualTo(event.at("/data/missing"));
    assertThat(event.path("ruleIds").toString()).contains("DOA-1", "DOA-2");

    LambdaRun.Response replay = world.openClaim(orderId, customer, "k-open");
    assertThat(replay.status()).isEqualTo(201);
    world.getClaim(claimId, customer); // a read refreshes the claim: it holds its unit already
    theOne(claimId, "ClaimAwaitingEvidence");
  }

  @Test
  void MSG_1_ClaimAwaitingEvidence_for_a_warranty_claim_names_the_warranty_and_its_evidence() {
    String claimId = openWarrantyClaim("").path("claimId").asText();

    JsonNode event = world.events(orderId, claimId, "ClaimAwaitingEvidence").getFirst();
    assertThat(world.events(orderId, claimId, "ClaimAwaitingEvidence")).hasSize(1);
    assertThat(EventCatalogue.errors("ClaimAwaitingEvidence", event)).isEmpty();
    assertThat(event.at("/data/claim/coverage").asText()).isEqualTo("WARRANTY");
    assertThat(event.at("/data/missing").toString()).isEqualTo("[\"PROBLEM\"]");
    assertThat(event.path("ruleIds").toString()).contains("WAR-2");
  }

  @Test
  void MSG_1_EvidenceRefused_once_per_refused_file_with_why_and_not_again_when_S3_redelivers() {
    String claimId = openDoaClaim();
    JsonNode slot = world.requestUpload(claimId, customer, "PACKAGING", "image/jpeg").body();
    assertThat(ClaimsWorld.put(slot, EvidenceFiles.text())).isEqualTo(200);
    S3EventLine created = world.createdEvent(ClaimsWorld.keyOf(claimId, slot));
    assertThat(world.deliver(created).toString()).contains("REJECTED");

    JsonNode event = theOne(claimId, "EvidenceRefused");
    assertThat(event.at("/data/refused/kind").asText()).isEqualTo("PACKAGING");
    assertThat(event.at("/data/refused/reason").asText()).isNotBlank();
    assertThat(event.at("/data/refused/uploadId").asText())
        .isEqualTo(slot.path("uploadId").asText());
    assertThat(event.at("/data/claim/evidence/missing").toString()).contains("PACKAGING");
    assertThat(event.path("ruleIds").toString()).contains("DOA-3");

    world.deliver(created); // S3 delivers at least once
    theOne(claimId, "EvidenceRefused");
  }

  @Test
  void MSG_1_ClaimNeedsInfo_with_the_agents_message_once_per_request_for_information() {
    String claimId = underReview(openDoaClaim());
    String ask = "{\"outcome\": \"NEEDS_INFO\", \"message\": \"Please film the power light.\"}";
    assertThat(world.decide(claimId, ask).status()).isEqualTo(200);

    JsonNode first = theOne(claimId, "ClaimNeedsInfo");
    assertThat(first.at("/data/message").asText()).isEqualTo("Please film the power light.");
    assertThat(first.at("/data/claim/message").asText()).isEqualTo("Please film the power light.");
    assertThat(first.at("/data/claim/status").asText()).isEqualTo("NEEDS_INFO");

    assertThat(world.decide(claimId, ask).status()).as("the same request again").isEqualTo(200);
    theOne(claimId, "ClaimNeedsInfo");

    // new evidence reopens the review; asking again is another request for information
    world.upload(
        claimId,
        world.requestUpload(claimId, customer, "PROBLEM", "image/jpeg").body(),
        EvidenceFiles.jpeg());
    assertThat(world.agentGetClaim(claimId).body().path("status").asText())
        .isEqualTo("UNDER_REVIEW");
    assertThat(
            world
                .decide(claimId, "{\"outcome\": \"NEEDS_INFO\", \"message\": \"And the label.\"}")
                .status())
        .isEqualTo(200);
    List<JsonNode> asked = world.events(orderId, claimId, "ClaimNeedsInfo");
    assertThat(asked).hasSize(2);
    assertThat(asked.get(1).path("eventId")).isNotEqualTo(asked.get(0).path("eventId"));
    assertThat(asked.get(1).at("/data/message").asText()).isEqualTo("And the label.");
  }

  @Test
  void MSG_1_ClaimDecided_with_the_outcome_and_the_refund_once() {
    String claimId = underReview(openDoaClaim());
    String body = "{\"outcome\": \"FULL_REFUND\", \"message\": \"Sorry for the trouble.\"}";
    LambdaRun.Response decided = world.decide(claimId, body, "k-decide");
    assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);

    JsonNode event = theOne(claimId, "ClaimDecided");
    assertThat(event.at("/data/claim/decision/outcome").asText()).isEqualTo("FULL_REFUND");
    assertThat(event.at("/data/claim/decision/message").asText())
        .isEqualTo("Sorry for the trouble.");
    assertThat(event.at("/data/refund/refundId")).isEqualTo(decided.body().at("/refund/refundId"));
    assertThat(event.at("/data/refund/amount")).isEqualTo(decided.body().at("/refund/amount"));
    assertThat(event.at("/data/refund/dueBy").asText()).isNotBlank();

    LambdaRun.Response replay = world.decide(claimId, body, "k-decide");
    assertThat(replay.header("idempotent-replayed")).as("the same key again").isEqualTo("true");
    theOne(claimId, "ClaimDecided");
    assertThat(world.decide(claimId, body).status()).as("the same decision again").isEqualTo(200);
    theOne(claimId, "ClaimDecided");
    LambdaRun.Response other =
        world.decide(claimId, "{\"outcome\": \"REJECTED\", \"message\": \"No.\"}");
    assertThat(other.status()).as("refused: no event").isEqualTo(409);
    theOne(claimId, "ClaimDecided");
  }

  @Test
  void MSG_2_of_two_agents_deciding_at_once_one_decision_is_announced() throws Exception {
    String claimId = underReview(openDoaClaim());
    List<String> bodies =
        List.of(
            "{\"outcome\": \"FULL_REFUND\", \"message\": \"Refunded in full.\"}",
            "{\"outcome\": \"REJECTED\", \"message\": \"Works as designed.\"}");
    List<LambdaRun.Response> answers = ClaimsWorld.race(aws, claimId, bodies);

    assertThat(answers).extracting(LambdaRun.Response::status).containsOnlyOnce(200);
    LambdaRun.Response won = answers.stream().filter(a -> a.status() == 200).findFirst().get();
    JsonNode event = world.events(orderId, claimId, "ClaimDecided").getFirst();
    assertThat(world.events(orderId, claimId, "ClaimDecided")).hasSize(1);
    assertThat(event.at("/data/claim/decision/outcome"))
        .isEqualTo(won.body().at("/decision/outcome"));
  }

  @Test
  void MSG_1_ClaimDecided_for_a_warranty_remedy_and_RepairProgressed_per_repair_step() {
    JsonNode opened = openWarrantyClaim(", \"preferredRemedy\": \"REPAIR\"");
    String claimId = opened.path("claimId").asText();
    world.upload(claimId, ClaimsWorld.slot(opened, "PROBLEM"), EvidenceFiles.jpeg());
    assertThat(
            world
                .decide(claimId, "{\"outcome\": \"REPAIR\", \"message\": \"We will repair it.\"}")
                .status())
        .isEqualTo(200);
    JsonNode decided = world.events(orderId, claimId, "ClaimDecided").getFirst();
    assertThat(world.events(orderId, claimId, "ClaimDecided")).hasSize(1);
    assertThat(EventCatalogue.errors("ClaimDecided", decided)).isEmpty();
    assertThat(decided.at("/data/claim/decision/outcome").asText()).isEqualTo("REPAIR");
    assertThat(decided.at("/data/refund").isNull()).isTrue();

    String received = "{\"step\": \"RECEIVED\", \"at\": \"2026-12-01T09:00:00Z\"}";
    assertThat(world.repair(claimId, received).status()).isEqualTo(200);
    JsonNode event = theOne(claimId, "RepairProgressed");
    assertThat(event.at("/data/repair/status").asText()).isEqualTo("RECEIVED");
    assertThat(event.at("/data/claim/repair/steps/0/step").asText()).isEqualTo("RECEIVED");
    assertThat(event.path("ruleIds").toString()).contains("WAR-4");

    assertThat(world.repair(claimId, received).status()).as("the same step again").isEqualTo(200);
    theOne(claimId, "RepairProgressed");
    assertThat(
            world
                .repair(claimId, "{\"step\": \"UNREPAIRABLE\", \"at\": \"2026-12-02T09:00:00Z\"}")
                .status())
        .isEqualTo(200);
    List<JsonNode> steps = world.events(orderId, claimId, "RepairProgressed");
    assertThat(steps)
        .extracting(e -> e.at("/data/repair/status").asText())
        .containsExactly("RECEIVED", "UNREPAIRABLE");
    assertThat(EventCatalogue.errors("RepairProgressed", steps.get(1))).isEmpty();
  }

  @Test
  void MSG_1_ClaimExpired_once_when_DOA_7_expires_a_claim_whoever_records_it() {
    String claimId = openDoaClaim();
    Instant deadline =
        world.claims.find(claimId).orElseThrow().state().statusSince().plus(Duration.ofDays(14));
    Instant at = deadline.plus(Duration.ofHours(1));

    world.sweep(at);

    JsonNode event = theOne(claimId, "ClaimExpired");
    assertThat(event.at("/subject/kind").asText()).isEqualTo("CLAIM");
    assertThat(event.at("/customerId").asText()).isEqualTo(customer);
    assertThat(Instant.parse(event.at("/occurredAt").asText()))
        .as("the run's time, when it stored the expiry")
        .isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
    assertThat(event.at("/ruleIds").toString()).isEqualTo("[\"DOA-7\"]");
    assertThat(event.at("/explanation/0/text").asText())
        .isEqualTo("The evidence was not complete within 14 days, so the claim expired.");
    assertThat(event.at("/data/claim/status").asText()).isEqualTo("EXPIRED");
    assertThat(event.at("/data/missing").toString())
        .isEqualTo("[\"PROBLEM\",\"SHIPPING_LABEL\",\"PACKAGING\"]");

    // another run, a GET and a request acting on the claim record no second one
    world.sweep(at.plus(Duration.ofHours(1)));
    ClaimsWorld later = world.at(Clock.fixed(at.plus(Duration.ofHours(2)), ZoneOffset.UTC));
    assertThat(later.getClaim(claimId, customer).body().path("status").asText())
        .isEqualTo("EXPIRED");
    assertThat(later.requestUpload(claimId, customer, "PROBLEM", "image/jpeg").status())
        .isEqualTo(409);
    theOne(claimId, "ClaimExpired");
  }

  private String openDoaClaim() {
    orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(2)));
    LambdaRun.Response opened = world.openClaim(orderId, customer);
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    return opened.body().path("claimId").asText();
  }

  /** A warranty claim (delivered three months ago, WAR-1) opened with {@code more} in its body. */
  private JsonNode openWarrantyClaim(String more) {
    LocalDate deliveredOn = LocalDate.now(BERLIN).minusMonths(3);
    orderId = world.deliveredOrder(customer, deliveredOn.atTime(12, 0).atZone(BERLIN).toInstant());
    LambdaRun.Response opened =
        world.openClaimWith(
            orderId,
            customer,
            "{\"lineId\": \"L1\", \"problem\": \"NOT_WORKING\", \"description\": \"dead\""
                + more
                + "}");
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    return opened.body();
  }

  private String underReview(String claimId) {
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      world.upload(
          claimId,
          world.requestUpload(claimId, customer, kind, "image/jpeg").body(),
          EvidenceFiles.jpeg());
    }
    assertThat(world.agentGetClaim(claimId).body().path("status").asText())
        .isEqualTo("UNDER_REVIEW");
    return claimId;
  }

  /** Exactly one event of {@code type} about the claim, valid against its schema; kept. */
  private JsonNode theOne(String claimId, String type) {
    List<JsonNode> ofType = world.events(orderId, claimId, type);
    assertThat(ofType).as("MSG-2: exactly one %s for the decision", type).hasSize(1);
    JsonNode event = ofType.getFirst();
    assertThat(EventCatalogue.errors(type, event)).as("%s against its schema", type).isEmpty();
    EXAMPLES.keep(type, event);
    return event;
  }
}
