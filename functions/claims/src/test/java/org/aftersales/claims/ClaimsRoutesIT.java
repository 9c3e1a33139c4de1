package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.EvidenceRejection;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.Claim;
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

/**
 * The claim routes on their {@code events/ClaimsFunction} samples against the local servers: who
 * may do what (401, 403, another customer's claim 404 as if missing), bad input (400 with every
 * field), the DOA window (DOA-1), idempotent creation, NEEDS_INFO (DOA-4) and DOA-7 on read.
 */
@ExtendWith(LocalAwsServers.class)
class ClaimsRoutesIT {

  private static final String SAMPLE_CLAIM = "cl-5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";

  private final LocalAws aws;
  private ClaimsWorld world;
  private String customer;
  private String orderId;

  ClaimsRoutesIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    world = new ClaimsWorld(aws, Clock.systemUTC());
    customer = aws.uniqueId("c");
    orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(2)));
  }

  private String openClaimId() {
    LambdaRun.Response opened = world.openClaim(orderId, customer);
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    return opened.body().path("claimId").asText();
  }

  @Test
  void another_customer_can_neither_read_nor_upload_to_a_claim_nor_open_one_on_the_order() {
    String claimId = openClaimId();
    String intruder = aws.uniqueId("c");

    LambdaRun.Response read = world.getClaim(claimId, intruder);
    LambdaRun.Response missing = world.getClaim("cl-" + aws.uniqueId("none"), intruder);
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.body().path("detail").asText()).isEqualTo("No claim " + claimId + ".");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(read.body().path("code").asText()).isEqualTo(missing.body().path("code").asText());

    LambdaRun.Response upload = world.requestUpload(claimId, intruder, "PROBLEM", "image/jpeg");
    assertThat(upload.status()).isEqualTo(404);
    LambdaRun.Response open = world.openClaim(orderId, intruder);
    assertThat(open.status()).isEqualTo(404);

    assertThat(world.getClaim(claimId, customer).status()).isEqualTo(200);
    assertThat(world.agentGetClaim(claimId).status()).isEqualTo(200);
  }

  @Test
  void DOA_2_the_orders_claims_are_listed_for_any_device_with_what_the_customer_may_do_next() {
    String claimId = openClaimId();

    LambdaRun.Response listed = world.listClaims(orderId, customer);

    assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
    assertThat(listed.body().get("claims")).hasSize(1);
    JsonNode claim = listed.body().get("claims").get(0);
    assertThat(claim.get("claimId").asText()).isEqualTo(claimId);
    assertThat(claim.get("status").asText()).isEqualTo("AWAITING_EVIDENCE");
    assertThat(claim.at("/actions/upload/allowed").asBoolean()).isTrue();
    assertThat(claim.at("/actions/upload/ruleIds").toString()).isEqualTo("[\"DOA-2\",\"DOA-7\"]");
    assertThat(claim.at("/actions/upload/until").asText()).matches("\\d{4}-\\d{2}-\\d{2}");

    LambdaRun.Response foreign = world.listClaims(orderId, aws.uniqueId("c"));
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(world.listClaims(aws.uniqueId("o"), customer).status()).isEqualTo(404);
  }

  @Test
  void listing_an_orders_claims_takes_two_round_trips_the_order_and_one_index_query() {
    openClaimId();
    CountedCalls calls = new CountedCalls();
    DynamoDbClient counted = calls.client(aws);
    ClaimsHandler handler =
        new ClaimsHandler(
            new ClaimsHandler.Ports(
                new ClaimPorts(
                    new DynamoDbClaimRepository(counted, aws.tableName()),
                    new DynamoDbOrderRepository(counted, aws.tableName()),
                    world.files,
                    ClaimsWorld.POLICIES,
                    Clock.systemUTC()),
                new DynamoDbIdempotencyStore(counted, aws.tableName()),
                world.run.log(Clock.systemUTC()),
                world.run.metrics(Clock.systemUTC())));
    ObjectNode event =
        LambdaRun.withSubject(
            LambdaRun.withPathParameter(
                LambdaRun.event("ClaimsFunction", "customer-list-order-claims"),
                "orderId",
                orderId),
            customer);

    LambdaRun.Response listed = LambdaRun.http(handler, event);

    assertThat(listed.status()).isEqualTo(200);
    assertThat(calls.take()).as("a read writes nothing").containsExactly("GetItem", "Query");
  }

  @Test
  void a_decision_that_would_grow_the_claim_past_the_item_limit_is_a_422_and_changes_nothing() {
    String claimId = openClaimId();
    Claim claim = world.claims.find(claimId).orElseThrow();
    ClaimCase grown = claim.state();
    for (EvidenceKind kind : EvidenceKind.values()) {
      grown = grown.withEvidence(kind);
    }
    // a long history of refused files (DOA-3): 180 reasons of 2,000 characters, about 370 KB
    for (int i = 0; grown.rejected().size() < 180; i++) {
      grown =
          grown.withRejection(
              new EvidenceRejection(
                  EvidenceKind.PROBLEM, "up-" + i, "x".repeat(2_000), Instant.now()));
    }
    grown = grown.decided(ClaimStatus.UNDER_REVIEW, Instant.now(), null, null);
    Claim stored = world.claims.replace(claim.withState(grown, null));
    long orderVersion = world.orders.find(orderId).orElseThrow().version();

    // the ClaimNeedsInfo event carries the claim as the API shows it: the write doubles in size
    LambdaRun.Response asked =
        world.decide(claimId, "{\"outcome\": \"NEEDS_INFO\", \"message\": \"Film it.\"}");

    assertThat(asked.status()).as(asked.body().toString()).isEqualTo(422);
    assertThat(asked.body().path("code").asText()).isEqualTo("claim-too-large");
    assertThat(asked.body().path("detail").asText()).contains(claimId);
    Claim after = world.claims.find(claimId).orElseThrow();
    assertThat(after.version()).isEqualTo(stored.version());
    assertThat(after.status()).isEqualTo(ClaimStatus.UNDER_REVIEW);
    assertThat(world.orders.find(orderId).orElseThrow().version()).isEqualTo(orderVersion);
    assertThat(world.events(orderId, claimId, "ClaimNeedsInfo")).isEmpty();
  }

  @Test
  void the_role_samples_answer_401_and_403() {
    LambdaRun.Response anonymous =
        LambdaRun.http(world.api, LambdaRun.event("ClaimsFunction", "anonymous-get-claim"));
    assertThat(anonymous.status()).isEqualTo(401);
    LambdaRun.Response customerDecides =
        LambdaRun.http(world.api, LambdaRun.event("ClaimsFunction", "customer-decide-forbidden"));
    assertThat(customerDecides.status()).isEqualTo(403);
    LambdaRun.Response customerQueue =
        LambdaRun.http(
            world.api, LambdaRun.event("ClaimsFunction", "customer-review-queue-forbidden"));
    assertThat(customerQueue.status()).isEqualTo(403);
    assertThat(customerQueue.headers().path("x-request-id").asText())
        .isEqualTo("client-req-kq8axm");
  }

  @Test
  void the_samples_of_unknown_ids_answer_404() {
    for (String sample :
        List.of(
            "customer-get-claim",
            "other-customer-get-claim",
            "customer-request-upload",
            "agent-decide-partial-refund",
            "agent-decide-needs-info")) {
      LambdaRun.Response response =
          LambdaRun.http(world.api, LambdaRun.event("ClaimsFunction", sample));
      assertThat(response.status()).as(sample).isEqualTo(404);
      assertThat(response.body().path("detail").asText())
          .as(sample)
          .isEqualTo("No claim " + SAMPLE_CLAIM + ".");
    }
    for (String sample : List.of("customer-open-claim", "agent-open-claim")) {
      LambdaRun.Response response =
          LambdaRun.http(world.api, LambdaRun.event("ClaimsFunction", sample));
      assertThat(response.status()).as(sample).isEqualTo(404);
    }
    LambdaRun.Response queue =
        LambdaRun.http(world.api, LambdaRun.event("ClaimsFunction", "agent-review-queue"));
    assertThat(queue.status()).isEqualTo(200);
  }

  @Test
  void bad_input_is_a_400_listing_every_field() {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-open-claim"), "orderId", orderId);
    LambdaRun.withSubject(event, customer);
    ((ObjectNode) event.get("headers")).remove("idempotency-key");
    LambdaRun.Response response =
        LambdaRun.http(
            world.api, LambdaRun.withBody(event, "{\"problem\": \"BROKEN\", \"description\": 7}"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("errors").findValuesAsText("field"))
        .containsExactly("lineId", "problem", "description");

    String claimId = openClaimId();
    LambdaRun.Response decision =
        world.decide(claimId, "{\"outcome\": \"MAYBE\", \"amount\": 12.5}");
    assertThat(decision.status()).isEqualTo(400);
    assertThat(decision.body().path("errors").findValuesAsText("field"))
        .containsExactly("outcome", "amount", "message");

    ObjectNode queue =
        LambdaRun.withQuery(
            LambdaRun.event("ClaimsFunction", "agent-review-queue"), "nextToken", "not-a-token");
    LambdaRun.Response badToken = LambdaRun.http(world.api, queue);
    assertThat(badToken.status()).isEqualTo(400);
    assertThat(badToken.body().at("/errors/0/field").asText()).isEqualTo("nextToken");
  }

  @Test
  void
      WAR_1_after_the_doa_window_the_same_door_opens_a_warranty_claim_for_the_problem_photo_only() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate deliveredOn = LocalDate.now(berlin).minusDays(15);
    String lateOrder =
        world.deliveredOrder(customer, deliveredOn.atTime(12, 0).atZone(berlin).toInstant());

    LambdaRun.Response opened = world.openClaim(lateOrder, customer);

    assertThat(opened.status()).isEqualTo(201);
    assertThat(opened.body().path("coverage").asText()).isEqualTo("WARRANTY");
    // electronics: 24 month warranty from delivery (WAR-1)
    assertThat(opened.body().path("coverageUntil").asText())
        .isEqualTo(deliveredOn.plusMonths(24).toString());
    assertThat(opened.body().path("coverageRuleIds").toString()).isEqualTo("[\"WAR-1\"]");
    assertThat(opened.body().at("/evidence/required").toString()).isEqualTo("[\"PROBLEM\"]");
    assertThat(opened.body().path("uploads")).hasSize(1);
    assertThat(opened.body().at("/uploads/0/kind").asText()).isEqualTo("PROBLEM");
    assertThat(world.orders.find(lateOrder).orElseThrow().statusOf(new UnitRef("L1", 0)))
        .isEqualTo(UnitStatus.CLAIM_OPEN);
  }

  @Test
  void WAR_1_after_every_window_the_claim_is_422_not_covered_naming_each_window() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate deliveredOn = LocalDate.now(berlin).minusMonths(24).minusDays(1);
    String oldOrder =
        world.deliveredOrder(customer, deliveredOn.atTime(12, 0).atZone(berlin).toInstant());

    LambdaRun.Response refused = world.openClaim(oldOrder, customer);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("not-covered");
    assertThat(refused.body().path("ruleIds").toString()).isEqualTo("[\"DOA-1\",\"WAR-1\"]");
    assertThat(refused.body().path("detail").asText())
        .contains(
            "14 day guarantee ended on " + deliveredOn.plusDays(14),
            "24 month warranty",
            "ended on " + deliveredOn.plusMonths(24));
    assertThat(world.orders.find(oldOrder).orElseThrow().statusOf(new UnitRef("L1", 0)))
        .isEqualTo(UnitStatus.ACTIVE);
  }

  @Test
  void an_undelivered_unit_can_not_be_claimed() {
    String fresh = aws.uniqueId("o");
    var spec = org.aftersales.shared.testing.TestOrders.hdmiSwitches(fresh, customer);
    world.orders.create(
        org.aftersales.policy.state.Order.register(
            spec, ClaimsWorld.POLICIES.inForceAt(spec.placedAt()).version()));
    LambdaRun.Response refused = world.openClaim(fresh, customer);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("not-delivered");
  }

  @Test
  void the_same_idempotency_key_opens_one_claim() {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-open-claim"), "orderId", orderId);
    LambdaRun.withSubject(event, customer);
    LambdaRun.withHeader(event, "idempotency-key", aws.uniqueId("k"));
    LambdaRun.Response first = LambdaRun.http(world.api, event);
    LambdaRun.Response replay = LambdaRun.http(world.api, event);
    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.headers().path("idempotent-replayed").asText()).isEqualTo("true");
    assertThat(replay.body().path("claimId").asText())
        .isEqualTo(first.body().path("claimId").asText());
    assertThat(world.claims.byOrder(orderId)).hasSize(1);
    // A second claim can't take the held unit (CLAIM_OPEN); the other unit is not delivered yet.
    LambdaRun.Response second = world.openClaim(orderId, customer);
    assertThat(second.status()).isEqualTo(422);
    assertThat(second.code()).isEqualTo("not-delivered");
  }

  @Test
  void needs_info_reopens_uploads_and_new_evidence_puts_the_claim_back_under_review() {
    String claimId = openClaimId();
    JsonNode claim = world.getClaim(claimId, customer).body();
    LambdaRun.Response early =
        world.decide(claimId, "{\"outcome\": \"REJECTED\", \"message\": \"too early\"}");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.code()).isEqualTo("claim-evidence-incomplete");

    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      JsonNode slot = world.requestUpload(claimId, customer, kind, "image/png").body();
      world.upload(claimId, slot, EvidenceFiles.png());
    }
    assertThat(claim.path("status").asText()).isEqualTo("AWAITING_EVIDENCE");
    LambdaRun.Response info =
        world.decide(
            claimId,
            "{\"outcome\": \"NEEDS_INFO\", \"message\": \"Please film the power light.\"}");
    assertThat(info.status()).as(info.body().toString()).isEqualTo(200);
    assertThat(info.body().path("status").asText()).isEqualTo("NEEDS_INFO");
    assertThat(info.body().path("message").asText()).isEqualTo("Please film the power light.");
    assertThat(info.body().has("refund")).isFalse();

    JsonNode video = world.requestUpload(claimId, customer, "PROBLEM", "video/mp4").body();
    world.upload(claimId, video, EvidenceFiles.mp4());
    assertThat(world.getClaim(claimId, customer).body().path("status").asText())
        .isEqualTo("UNDER_REVIEW");

    LambdaRun.Response rejected =
        world.decide(
            claimId,
            "{\"outcome\": \"REJECTED\", \"message\": \"The light works: not a defect.\"}");
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.body().path("status").asText()).isEqualTo("REJECTED");
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(new UnitRef("L1", 0)))
        .isEqualTo(UnitStatus.ACTIVE);
    LambdaRun.Response closed = world.requestUpload(claimId, customer, "PROBLEM", "image/jpeg");
    assertThat(closed.status()).isEqualTo(409);
  }

  @Test
  void agents_see_each_evidence_file_through_a_short_lived_attachment_url_customers_do_not()
      throws Exception {
    String claimId = openClaimId();
    byte[] photo = EvidenceFiles.png();
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      JsonNode slot = world.requestUpload(claimId, customer, kind, "image/png").body();
      world.upload(claimId, slot, photo);
    }

    JsonNode forAgent = world.agentGetClaim(claimId).body();
    JsonNode forCustomer = world.getClaim(claimId, customer).body();

    assertThat(forCustomer.at("/evidence/files").findValues("url")).isEmpty();
    assertThat(forAgent.at("/evidence/files")).hasSize(3);
    for (JsonNode file : forAgent.at("/evidence/files")) {
      assertThat(Instant.parse(file.path("urlExpiresAt").asText()))
          .isBefore(Instant.now().plus(EvidenceLinks.LIFETIME).plusSeconds(5));
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(file.path("url").asText()))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).containsExactly(photo);
      assertThat(response.headers().firstValue("content-type")).contains("image/png");
      assertThat(response.headers().firstValue("content-disposition").orElseThrow())
          .startsWith("attachment");
      assertThat(file.path("url").asText())
          .contains("/accepted/" + claimId + "/"); // the accepted copy
    }
  }

  @Test
  void a_jpeg_that_is_also_html_reaches_agents_only_as_a_jpeg_attachment() throws Exception {
    String claimId = openClaimId(); // the check reads the first bytes, the rest is HTML
    byte[] polyglot = EvidenceFiles.jpegHtmlPolyglot();
    JsonNode slot = world.requestUpload(claimId, customer, "PROBLEM", "image/jpeg").body();
    assertThat(world.upload(claimId, slot, polyglot).at("/outcomes/RECORDED").asInt()).isEqualTo(1);

    JsonNode file = world.agentGetClaim(claimId).body().at("/evidence/files/0");
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(file.path("url").asText()))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).containsExactly(polyglot);
    assertThat(response.headers().firstValue("content-type")).contains("image/jpeg");
    assertThat(response.headers().firstValue("content-disposition"))
        .contains("attachment; filename=\"" + slot.path("uploadId").asText() + "\"");
  }

  @Test
  void doa_7_is_shown_when_the_claim_is_read_and_recorded_by_the_schedule() {
    String claimId = openClaimId();
    Instant fifteenDays = Instant.now().plus(Duration.ofDays(15));
    ClaimsWorld later = world.at(Clock.fixed(fifteenDays, java.time.ZoneOffset.UTC));

    JsonNode seen = later.getClaim(claimId, customer).body();

    assertThat(seen.path("status").asText()).isEqualTo("EXPIRED");
    assertThat(seen.has("expiresAt")).isFalse();
    assertThat(world.claims.find(claimId).orElseThrow().status().name())
        .as("a GET never writes")
        .isEqualTo("AWAITING_EVIDENCE");

    later.sweep(fifteenDays);

    assertThat(world.claims.find(claimId).orElseThrow().status().name()).isEqualTo("EXPIRED");
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(new UnitRef("L1", 0)))
        .isEqualTo(UnitStatus.ACTIVE);
    // The unit is free for a new claim, as long as the DOA window is open.
    LambdaRun.Response reopened = world.openClaim(orderId, customer);
    assertThat(reopened.status()).isEqualTo(201);
  }

  @Test
  void an_agents_partial_refund_is_money_in_the_orders_currency_and_never_above_the_paid_price() {
    String claimId = openClaimId();
    JsonNode claim = world.getClaim(claimId, customer).body();
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      world.upload(
          claimId,
          world.requestUpload(claimId, customer, kind, "image/jpeg").body(),
          EvidenceFiles.jpeg());
    }
    assertThat(claim.path("claimId").asText()).isEqualTo(claimId);

    LambdaRun.Response bare =
        world.decide(
            claimId, "{\"outcome\": \"PARTIAL_REFUND\", \"amount\": 500, \"message\": \"m\"}");
    assertThat(bare.status()).isEqualTo(400);
    assertThat(bare.body().at("/errors/0/field").asText()).isEqualTo("amount");
    LambdaRun.Response noCurrency =
        world.decide(
            claimId,
            "{\"outcome\": \"PARTIAL_REFUND\", \"amount\": {\"amount\": 500}, \"message\": \"m\"}");
    assertThat(noCurrency.status()).isEqualTo(400);
    assertThat(noCurrency.body().at("/errors/0/field").asText()).isEqualTo("amount.currency");
    LambdaRun.Response noMessage =
        world.decide(
            claimId,
            "{\"outcome\": \"PARTIAL_REFUND\", \"amount\": {\"amount\": 500, \"currency\": \"EUR\"}}");
    assertThat(noMessage.status()).isEqualTo(400);
    assertThat(noMessage.body().at("/errors/0/field").asText()).isEqualTo("message");

    LambdaRun.Response dollars =
        world.decide(
            claimId,
            "{\"outcome\": \"PARTIAL_REFUND\", \"amount\": {\"amount\": 500, \"currency\": \"USD\"}, \"message\": \"m\"}");
    assertThat(dollars.status()).isEqualTo(400);
    assertThat(dollars.body().at("/errors/0/field").asText()).isEqualTo("amount.currency");

    LambdaRun.Response tooMuch =
        world.decide(
            claimId,
            "{\"outcome\": \"PARTIAL_REFUND\", \"amount\": {\"amount\": 5000, \"currency\": \"EUR\"}, \"message\": \"m\"}");
    assertThat(tooMuch.status()).as(tooMuch.body().toString()).isEqualTo(422);
    assertThat(tooMuch.code()).isEqualTo("refund-above-paid-price");
    assertThat(world.orders.find(orderId).orElseThrow().refundedTotal().amount()).isZero();

    LambdaRun.Response paid =
        world.decide(
            claimId,
            "{\"outcome\": \"PARTIAL_REFUND\", \"amount\": {\"amount\": 2749, \"currency\": \"EUR\"}, \"message\": \"m\"}");
    assertThat(paid.status()).as(paid.body().toString()).isEqualTo(200);
    assertThat(paid.body().at("/refund/breakdown/total/amount").asLong()).isEqualTo(2749);
    assertThat(world.orders.find(orderId).orElseThrow().refundedTotal().amount()).isEqualTo(2749);
  }

  @Test
  void DOA_4_DOA_5_an_agent_sees_the_outcomes_available_now_with_the_refunds_the_server_gives() {
    String claimId = openClaimId();
    assertThat(world.remedies(claimId).body().path("remedies"))
        .as("DOA-2: nothing to decide while evidence is missing")
        .isEmpty();
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      JsonNode slot = world.requestUpload(claimId, customer, kind, "image/png").body();
      world.upload(claimId, slot, EvidenceFiles.png());
    }

    LambdaRun.Response quoted = world.remedies(claimId);

    assertThat(quoted.status()).as(quoted.body().toString()).isEqualTo(200);
    assertThat(quoted.body().path("coverage").asText()).isEqualTo("DOA");
    JsonNode remedies = quoted.body().path("remedies");
    assertThat(remedies.findValuesAsText("outcome"))
        .containsExactly(
            "REPLACEMENT_PART",
            "PARTIAL_REFUND",
            "NEEDS_INFO",
            "REJECTED",
            "FULL_REFUND",
            "FULL_REPLACEMENT");
    JsonNode partial = remedies.get(1).path("refund");
    JsonNode full = remedies.get(4).path("refund");
    UnitRef unit = new UnitRef("L1", 0);
    var pricing = world.orders.find(orderId).orElseThrow().pricing();
    assertThat(partial.path("basis").asText()).isEqualTo("UP_TO");
    assertThat(partial.at("/amount/amount").asLong())
        .as("GEN-4: up to the unit's paid price")
        .isEqualTo(pricing.paidPrice(unit).amount());
    assertThat(full.path("basis").asText()).isEqualTo("EXACT");
    assertThat(full.at("/breakdown/total")).isEqualTo(full.path("amount"));
    assertThat(remedies.get(0).at("/refund/amount/amount").asLong()).isZero();

    LambdaRun.Response decided =
        world.decide(claimId, "{\"outcome\": \"FULL_REFUND\", \"message\": \"Sorry.\"}");
    assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);
    assertThat(decided.body().at("/refund/amount"))
        .as("the quote is what the decision grants")
        .isEqualTo(full.path("amount"));
    assertThat(world.remedies(claimId).body().path("remedies")).as("decided").isEmpty();
  }

  @Test
  void a_customer_may_not_ask_for_the_remedies_and_an_unknown_claim_is_404() {
    String claimId = openClaimId();

    LambdaRun.Response own = world.remedies(claimId, customer);
    LambdaRun.Response unknown = world.remedies("cl-" + aws.uniqueId("none"));

    assertThat(own.status()).as("agents only, even on the customer's own claim").isEqualTo(403);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("detail").asText()).startsWith("No claim cl-");
  }
}
