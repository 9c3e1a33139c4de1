package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.CountedCalls;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB round trips of the claim routes (docs/benchmarks.md "DynamoDB round trips per route"),
 * counted on the handlers' own client by {@link CountedCalls} against the local server: each
 * decision's event rides on a write the route makes anyway (MSG-2), so announcing costs no round
 * trip. Writes the table to {@code target/round-trips.md}; the counts are asserted so they cannot
 * silently grow.
 */
@ExtendWith(LocalAwsServers.class)
class ClaimRoundTripsIT {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static final int OPEN = 8;
  static final int REPLAY = 2;
  static final int GET_OVERDUE = 2;
  static final int GET_DECIDED = 2;
  static final int EVIDENCE = 4;
  static final int REFUSED = 4;
  static final int NEEDS_INFO = 6;
  static final int DECISION = 7;
  static final int REPAIR = 5;

  private final LocalAws aws;
  private final CountedCalls calls = new CountedCalls();
  private final List<String> rows = new ArrayList<>();

  ClaimRoundTripsIT(LocalAws aws) {
    this.aws = aws;
  }

  /** A world whose handlers reach DynamoDB through the counted client. */
  private ClaimsWorld counted() {
    DynamoDbClient client = calls.client(aws);
    return new ClaimsWorld(
        aws,
        Clock.systemUTC(),
        claims -> new DynamoDbClaimRepository(client, aws.tableName()),
        orders -> new DynamoDbOrderRepository(client, aws.tableName()),
        client);
  }

  private List<String> row(String route) {
    List<String> sent = calls.take();
    rows.add("| " + route + " | " + sent.size() + " | " + String.join(", ", sent) + " |");
    return sent;
  }

  @Test
  void a_claims_decisions_announce_themselves_on_writes_the_routes_make_anyway()
      throws IOException {
    ClaimsWorld world = counted();
    String customer = aws.uniqueId("c");
    String orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(2)));
    calls.take();

    LambdaRun.Response opened = world.openClaim(orderId, customer, "k-open");
    assertThat(opened.status()).isEqualTo(201);
    String claimId = opened.body().path("claimId").asText();
    List<String> open = row("`POST /orders/{orderId}/claims` (with key; `ClaimAwaitingEvidence`)");
    world.openClaim(orderId, customer, "k-open");
    List<String> replay = row("the same claim request again (same key)");
    LambdaRun.Response overdue =
        world.at(Clock.offset(Clock.systemUTC(), Duration.ofDays(15))).getClaim(claimId, customer);
    assertThat(overdue.body().path("status").asText()).isEqualTo("EXPIRED");
    List<String> shown =
        row("`GET /claims/{claimId}` past its evidence window (DOA-7: shown EXPIRED, not stored)");

    List<String> refused = List.of();
    List<String> evidence = List.of();
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      if (kind.equals("PACKAGING")) {
        JsonNode slot = world.requestUpload(claimId, customer, kind, "image/jpeg").body();
        calls.take();
        world.upload(claimId, slot, EvidenceFiles.text());
        refused = row("`EvidenceFunction`, a file refused (`EvidenceRefused`)");
      }
      JsonNode slot = world.requestUpload(claimId, customer, kind, "image/jpeg").body();
      calls.take();
      world.upload(claimId, slot, EvidenceFiles.jpeg());
      evidence = row("`EvidenceFunction`, a " + kind + " photo accepted");
    }

    world.decide(claimId, "{\"outcome\": \"NEEDS_INFO\", \"message\": \"Film the light.\"}");
    List<String> needsInfo =
        row("`POST /claims/{claimId}/decision` NEEDS_INFO (no key; `ClaimNeedsInfo`)");
    world.upload(
        claimId,
        world.requestUpload(claimId, customer, "PROBLEM", "image/jpeg").body(),
        EvidenceFiles.jpeg());
    calls.take();
    LambdaRun.Response decided =
        world.decide(claimId, "{\"outcome\": \"FULL_REFUND\", \"message\": \"Refunded.\"}");
    assertThat(decided.status()).isEqualTo(200);
    List<String> decision =
        row(
            "`POST /claims/{claimId}/decision` FULL_REFUND (no key; `ClaimDecided`,"
                + " `RefundGranted`)");
    LambdaRun.Response refunded = world.getClaim(claimId, customer);
    assertThat(refunded.body().has("refund")).isTrue();
    List<String> shownDecided = row("`GET /claims/{claimId}` decided, with its refund");

    String warrantyCustomer = aws.uniqueId("c");
    String warrantyOrder =
        world.deliveredOrder(
            warrantyCustomer,
            LocalDate.now(BERLIN).minusMonths(3).atTime(12, 0).atZone(BERLIN).toInstant());
    JsonNode warranty =
        world
            .openClaimWith(
                warrantyOrder,
                warrantyCustomer,
                "{\"lineId\": \"L1\", \"problem\": \"NOT_WORKING\", \"description\": \"dead\"}")
            .body();
    String warrantyClaim = warranty.path("claimId").asText();
    world.upload(warrantyClaim, ClaimsWorld.slot(warranty, "PROBLEM"), EvidenceFiles.jpeg());
    world.decide(warrantyClaim, "{\"outcome\": \"REPAIR\", \"message\": \"We repair it.\"}");
    calls.take();
    LambdaRun.Response received =
        world.repair(warrantyClaim, "{\"step\": \"RECEIVED\", \"at\": \"2026-12-01T09:00:00Z\"}");
    assertThat(received.status()).isEqualTo(200);
    List<String> repair = row("`POST /claims/{claimId}/repair` RECEIVED (`RepairProgressed`)");

    Path out = Path.of("target", "round-trips.md");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out, "| route | round trips | which |\n|---|---|---|\n" + String.join("\n", rows) + "\n");

    assertThat(open.size()).as("open").isEqualTo(OPEN);
    assertThat(replay.size()).as("replay").isEqualTo(REPLAY);
    assertThat(shown).as("an overdue GET only reads").doesNotContain("UpdateItem", "PutItem");
    assertThat(shown.size()).as("an overdue GET").isEqualTo(GET_OVERDUE);
    assertThat(evidence.size()).as("the last photo").isEqualTo(EVIDENCE);
    assertThat(refused.size()).as("a refused file").isEqualTo(REFUSED);
    assertThat(needsInfo.size()).as("needs info").isEqualTo(NEEDS_INFO);
    assertThat(decision.size()).as("decision").isEqualTo(DECISION);
    assertThat(shownDecided).as("a GET only reads").doesNotContain("UpdateItem", "PutItem");
    assertThat(shownDecided.size()).as("a decided claim's GET").isEqualTo(GET_DECIDED);
    assertThat(repair.size()).as("repair step").isEqualTo(REPAIR);
  }
}
