package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.testing.Eventually;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.aftersales.shared.testing.S3EventLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The S3-triggered evidence function on the real local servers (DOA-2, DOA-3, DOA-7): files are
 * checked by their bytes and size, recorded once however S3 delivers the events, rejected files are
 * deleted and shown with their reason, stray keys are deleted, and one bad record never stops a
 * batch.
 */
@ExtendWith(LocalAwsServers.class)
class EvidenceFunctionIT {

  private final LocalAws aws;
  private ClaimsWorld world;
  private String customer;
  private String orderId;
  private JsonNode claim;
  private String claimId;

  EvidenceFunctionIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void openClaim() {
    world = new ClaimsWorld(aws, Clock.systemUTC());
    customer = aws.uniqueId("c");
    orderId = world.deliveredOrder(customer, Instant.now().minus(Duration.ofDays(2)));
    LambdaRun.Response opened = world.openClaim(orderId, customer);
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    claim = opened.body();
    claimId = claim.path("claimId").asText();
  }

  private Claim stored() {
    return world.claims.find(claimId).orElseThrow();
  }

  @Test
  void a_repeated_event_records_the_file_once() {
    JsonNode slot = ClaimsWorld.slot(claim, "PROBLEM");
    assertThat(ClaimsWorld.put(slot, EvidenceFiles.jpeg())).isEqualTo(200);
    S3EventLine event = world.createdEvent(ClaimsWorld.keyOf(claimId, slot));

    assertThat(world.deliver(event).at("/outcomes/RECORDED").asInt()).isEqualTo(1);
    long version = stored().version();
    assertThat(world.deliver(event).at("/outcomes/DUPLICATE").asInt()).isEqualTo(1);

    assertThat(stored().version()).isEqualTo(version);
    assertThat(stored().files()).hasSize(1);
    assertThat(stored().state().received())
        .containsExactly(org.aftersales.policy.document.EvidenceKind.PROBLEM);
  }

  @Test
  void an_older_event_arriving_after_a_newer_one_for_the_same_key_changes_nothing() {
    JsonNode slot = ClaimsWorld.slot(claim, "PACKAGING");
    String key = ClaimsWorld.keyOf(claimId, slot);
    assertThat(ClaimsWorld.put(slot, EvidenceFiles.text()))
        .isEqualTo(200); // first version: not a photo
    S3EventLine older = world.createdEvent(key);
    // The local S3 server's sequencer is its clock in hex milliseconds (same machine, same clock):
    // the overwrite must come in a later millisecond to get a greater one, as it would on S3.
    long olderMillis =
        Long.parseLong(older.notification().at("/Records/0/s3/object/sequencer").asText(), 16);
    Eventually.until(
        "a millisecond after the first upload's sequencer",
        Duration.ofSeconds(1),
        () -> System.currentTimeMillis() > olderMillis);
    assertThat(ClaimsWorld.put(slot, EvidenceFiles.jpeg()))
        .isEqualTo(200); // overwritten with a real JPEG
    S3EventLine newer =
        aws.s3Events()
            .await(
                e ->
                    e.key().equals(key) && e != older && e.eventName().startsWith("ObjectCreated:"),
                Duration.ofSeconds(10));
    String olderSequencer = older.notification().at("/Records/0/s3/object/sequencer").asText();
    String newerSequencer = newer.notification().at("/Records/0/s3/object/sequencer").asText();
    assertThat(Claim.compareSequencers(newerSequencer, olderSequencer)).isPositive();

    assertThat(world.deliver(newer).at("/outcomes/RECORDED").asInt()).isEqualTo(1);
    assertThat(world.deliver(older).at("/outcomes/DUPLICATE").asInt()).isEqualTo(1);

    String accepted = "accepted/" + key.substring("claims/".length()) + "/" + newerSequencer;
    assertThat(stored().files()).extracting(Claim.EvidenceFile::key).containsExactly(accepted);
    assertThat(stored().state().rejected()).isEmpty();
    assertThat(bytesOf(accepted)).isEqualTo(EvidenceFiles.jpeg());
    assertThat(world.objectExists(key)).as("the upload, once copied").isFalse();
  }

  @Test
  void an_upload_url_used_again_after_acceptance_changes_nothing() { // accepted evidence is
    // immutable
    JsonNode slot = ClaimsWorld.slot(claim, "PROBLEM");
    String key = ClaimsWorld.keyOf(claimId, slot);
    assertThat(world.upload(claimId, slot, EvidenceFiles.jpeg()).at("/outcomes/RECORDED").asInt())
        .isEqualTo(1);
    Claim accepted = stored();
    String acceptedKey = accepted.files().getFirst().key();
    assertThat(acceptedKey).startsWith("accepted/" + claimId + "/PROBLEM/");

    // The URL is valid for 15 minutes: the same URL again, now with a file that fails its check.
    S3EventLine first = world.createdEvent(key);
    assertThat(ClaimsWorld.put(slot, EvidenceFiles.text())).isEqualTo(200);
    S3EventLine again = createdAfter(key, first);
    JsonNode summary = world.deliver(again);

    assertThat(summary.at("/outcomes/IGNORED_UPLOAD_ALREADY_ACCEPTED").asInt()).isEqualTo(1);
    assertThat(stored()).isEqualTo(accepted);
    assertThat(bytesOf(acceptedKey)).isEqualTo(EvidenceFiles.jpeg());
    assertThat(world.objectExists(key)).isFalse();
    assertThat(world.getClaim(claimId, customer).body().at("/evidence/files/0/uploadId").asText())
        .isEqualTo(slot.path("uploadId").asText());
  }

  @Test
  void uploads_after_the_decision_change_nothing() { // accepted evidence is immutable, DOA-4
    for (String kind : List.of("SHIPPING_LABEL", "PACKAGING")) {
      world.upload(claimId, ClaimsWorld.slot(claim, kind), EvidenceFiles.jpeg());
    }
    JsonNode problem = ClaimsWorld.slot(claim, "PROBLEM");
    world.upload(claimId, problem, EvidenceFiles.jpeg());
    LambdaRun.Response decided =
        world.decide(claimId, "{\"outcome\": \"REJECTED\", \"message\": \"Works as sold.\"}");
    assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);
    Claim before = stored();
    assertThat(before.files()).hasSize(3);

    // Every slot's URL used again after the decision: bad bytes and good bytes alike.
    for (JsonNode slot : claim.path("uploads")) {
      String key = ClaimsWorld.keyOf(claimId, slot);
      S3EventLine first = world.createdEvent(key);
      byte[] bytes = slot == problem ? EvidenceFiles.text() : EvidenceFiles.jpeg();
      assertThat(ClaimsWorld.put(slot, bytes)).isEqualTo(200);
      JsonNode summary = world.deliver(createdAfter(key, first));
      assertThat(summary.path("outcomes").properties())
          .extracting(java.util.Map.Entry::getKey)
          .containsExactly("IGNORED_UPLOAD_ALREADY_ACCEPTED");
      assertThat(world.objectExists(key)).isFalse();
    }

    assertThat(stored()).isEqualTo(before);
    for (Claim.EvidenceFile file : before.files()) {
      assertThat(bytesOf(file.key())).as(file.key()).isEqualTo(EvidenceFiles.jpeg());
    }
  }

  @Test
  void a_first_upload_to_a_decided_claim_is_deleted_and_changes_nothing() { // accepted evidence is
    // immutable
    JsonNode late = world.requestUpload(claimId, customer, "PROBLEM", "image/jpeg").body();
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      world.upload(claimId, ClaimsWorld.slot(claim, kind), EvidenceFiles.jpeg());
    }
    assertThat(
            world
                .decide(claimId, "{\"outcome\": \"REJECTED\", \"message\": \"Works as sold.\"}")
                .status())
        .isEqualTo(200);
    Claim before = stored();

    JsonNode summary = world.upload(claimId, late, EvidenceFiles.jpeg());

    assertThat(summary.at("/outcomes/IGNORED_CLAIM_DECIDED").asInt()).isEqualTo(1);
    assertThat(stored()).isEqualTo(before);
    assertThat(world.objectExists(ClaimsWorld.keyOf(claimId, late))).isFalse();
  }

  /** The next ObjectCreated event of {@code key} after {@code previous}. */
  private S3EventLine createdAfter(String key, S3EventLine previous) {
    return aws.s3Events()
        .await(
            e -> e.key().equals(key) && e != previous && e.eventName().startsWith("ObjectCreated:"),
            Duration.ofSeconds(10));
  }

  private byte[] bytesOf(String key) {
    return world
        .s3
        .s3()
        .getObjectAsBytes(get -> get.bucket(aws.bucketName()).key(key))
        .asByteArray();
  }

  @Test
  void a_text_file_sent_as_a_jpeg_is_rejected_deleted_and_shown_with_its_reason() {
    JsonNode slot = ClaimsWorld.slot(claim, "PROBLEM"); // Content-Type image/jpeg is signed
    String key = ClaimsWorld.keyOf(claimId, slot);
    JsonNode summary = world.upload(claimId, slot, EvidenceFiles.text());

    assertThat(summary.at("/outcomes/REJECTED").asInt()).isEqualTo(1);
    assertThat(world.objectExists(key)).isFalse();
    JsonNode seen = world.getClaim(claimId, customer).body();
    assertThat(seen.path("status").asText()).isEqualTo("AWAITING_EVIDENCE");
    assertThat(seen.at("/evidence/received").size()).isZero();
    assertThat(seen.at("/evidence/rejected/0/kind").asText()).isEqualTo("PROBLEM");
    assertThat(seen.at("/evidence/rejected/0/uploadId").asText())
        .isEqualTo(slot.path("uploadId").asText());
    assertThat(seen.at("/evidence/rejected/0/reason").asText())
        .isEqualTo("The file's content is not a real image/jpeg file.");
  }

  @Test
  void a_video_is_not_a_shipping_label() {
    LambdaRun.Response asked =
        world.requestUpload(claimId, customer, "SHIPPING_LABEL", "video/mp4");
    assertThat(asked.status()).isEqualTo(400);
    assertThat(asked.body().at("/errors/0/field").asText()).isEqualTo("contentType");

    JsonNode slot = ClaimsWorld.slot(claim, "SHIPPING_LABEL"); // image/jpeg slot, MP4 bytes
    assertThat(world.upload(claimId, slot, EvidenceFiles.mp4()).at("/outcomes/REJECTED").asInt())
        .isEqualTo(1);
    assertThat(world.objectExists(ClaimsWorld.keyOf(claimId, slot))).isFalse();
  }

  @Test
  void heic_photos_and_quicktime_videos_show_the_problem_but_a_video_is_no_packaging_photo() {
    JsonNode heic = world.requestUpload(claimId, customer, "PROBLEM", "image/heic").body();
    assertThat(world.upload(claimId, heic, EvidenceFiles.heic()).at("/outcomes/RECORDED").asInt())
        .isEqualTo(1);
    JsonNode movie = world.requestUpload(claimId, customer, "PROBLEM", "video/quicktime").body();
    assertThat(
            world
                .upload(claimId, movie, EvidenceFiles.quickTime())
                .at("/outcomes/RECORDED")
                .asInt())
        .isEqualTo(1);
    JsonNode packagingAsHeic =
        world.requestUpload(claimId, customer, "PACKAGING", "image/heic").body();
    assertThat(
            world
                .upload(claimId, packagingAsHeic, EvidenceFiles.heic())
                .at("/outcomes/RECORDED")
                .asInt())
        .isEqualTo(1);
    assertThat(world.requestUpload(claimId, customer, "PACKAGING", "video/quicktime").status())
        .isEqualTo(400);

    assertThat(stored().files())
        .extracting(Claim.EvidenceFile::contentType)
        .containsExactly("image/heic", "video/quicktime", "image/heic");
  }

  @Test
  void a_record_without_a_sequencer_is_skipped_without_failing_the_batch() {
    JsonNode slot = ClaimsWorld.slot(claim, "PROBLEM");
    ClaimsWorld.put(slot, EvidenceFiles.jpeg());
    ObjectNode batch = batchOf(world.createdEvent(ClaimsWorld.keyOf(claimId, slot)));
    ObjectNode broken = ((ObjectNode) batch.at("/Records/0")).deepCopy();
    ((ObjectNode) broken.at("/s3/object")).remove("sequencer");
    ((ArrayNode) batch.get("Records")).insert(0, broken);

    JsonNode summary = world.deliver(Json.write(batch));

    assertThat(summary.path("records").asInt()).isEqualTo(2);
    assertThat(summary.at("/outcomes/RECORDED").asInt()).isEqualTo(1);
    assertThat(summary.path("failed").asInt()).isZero();
  }

  @Test
  void a_file_over_the_size_limit_is_rejected_and_deleted() {
    JsonNode slot = ClaimsWorld.slot(claim, "SHIPPING_LABEL");
    long limit = slot.path("maxBytes").asLong();
    assertThat(limit).isEqualTo(10_485_760L);
    JsonNode summary = world.upload(claimId, slot, EvidenceFiles.jpegOfSize((int) limit + 1));

    assertThat(summary.at("/outcomes/REJECTED").asInt()).isEqualTo(1);
    assertThat(world.objectExists(ClaimsWorld.keyOf(claimId, slot))).isFalse();
    assertThat(stored().state().rejected().getFirst().reason())
        .isEqualTo("The file is 10485761 bytes; at most 10485760 are allowed.");
  }

  @Test
  void a_file_at_the_size_limit_is_accepted() {
    JsonNode slot = ClaimsWorld.slot(claim, "SHIPPING_LABEL");
    JsonNode summary = world.upload(claimId, slot, EvidenceFiles.jpegOfSize(10_485_760));
    assertThat(summary.at("/outcomes/RECORDED").asInt()).isEqualTo(1);
  }

  @Test
  void an_upload_url_writes_only_its_own_claim_kind_and_type() {
    String otherCustomer = aws.uniqueId("c");
    String otherOrder =
        world.deliveredOrder(otherCustomer, Instant.now().minus(Duration.ofDays(1)));
    String otherClaimId =
        world.openClaim(otherOrder, otherCustomer).body().path("claimId").asText();

    JsonNode slot = ClaimsWorld.slot(claim, "PROBLEM");
    String url = slot.path("url").asText();
    URI otherClaimsPrefix =
        URI.create(url.replace("/claims/" + claimId + "/", "/claims/" + otherClaimId + "/"));
    assertThat(ClaimsWorld.put(otherClaimsPrefix, slot.path("headers"), EvidenceFiles.jpeg()))
        .isEqualTo(403);
    URI otherKind = URI.create(url.replace("/PROBLEM/", "/PACKAGING/"));
    assertThat(ClaimsWorld.put(otherKind, slot.path("headers"), EvidenceFiles.jpeg()))
        .isEqualTo(403);
    ObjectNode otherType = Json.object().put("Content-Type", "image/png");
    assertThat(ClaimsWorld.put(URI.create(url), otherType, EvidenceFiles.png())).isEqualTo(403);

    String stolenKey = "claims/" + otherClaimId + "/PROBLEM/" + slot.path("uploadId").asText();
    assertThat(world.objectExists(stolenKey)).isFalse();
    assertThat(world.objectExists(ClaimsWorld.keyOf(claimId, slot))).isFalse();
  }

  @Test
  void a_batch_with_stray_keys_deletes_them_and_still_records_the_good_file() {
    JsonNode slot = ClaimsWorld.slot(claim, "PROBLEM");
    assertThat(ClaimsWorld.put(slot, EvidenceFiles.jpeg())).isEqualTo(200);
    S3EventLine good = world.createdEvent(ClaimsWorld.keyOf(claimId, slot));
    String unknownClaimKey = "claims/" + aws.uniqueId("cl") + "/PROBLEM/u-1";
    String malformedKey = "claims/stray file.jpg";
    for (String key : List.of(unknownClaimKey, malformedKey)) {
      world
          .s3
          .s3()
          .putObject(
              p -> p.bucket(aws.bucketName()).key(key).contentType("image/jpeg"),
              RequestBody.fromBytes(EvidenceFiles.jpeg()));
    }
    ObjectNode batch =
        batchOf(world.createdEvent(unknownClaimKey), good, world.createdEvent(malformedKey));
    assertThat(batch.at("/Records/2/s3/object/key").asText())
        .isEqualTo("claims/stray+file.jpg"); // as S3 sends it

    JsonNode summary = world.deliver(Json.write(batch));

    assertThat(summary.path("records").asInt()).isEqualTo(3);
    assertThat(summary.at("/outcomes/DELETED_UNKNOWN_CLAIM").asInt()).isEqualTo(1);
    assertThat(summary.at("/outcomes/DELETED_MALFORMED_KEY").asInt()).isEqualTo(1);
    assertThat(summary.at("/outcomes/RECORDED").asInt()).isEqualTo(1);
    assertThat(world.objectExists(unknownClaimKey)).isFalse();
    assertThat(world.objectExists(malformedKey)).isFalse();
    assertThat(stored().files()).hasSize(1);
  }

  @Test
  void
      a_record_that_fails_makes_the_invocation_fail_after_the_others_ran_and_a_retry_completes_it() {
    String otherCustomer = aws.uniqueId("c");
    String otherOrder =
        world.deliveredOrder(otherCustomer, Instant.now().minus(Duration.ofDays(1)));
    JsonNode otherClaim = world.openClaim(otherOrder, otherCustomer).body();
    String otherClaimId = otherClaim.path("claimId").asText();

    JsonNode slot = ClaimsWorld.slot(claim, "PROBLEM");
    JsonNode otherSlot = ClaimsWorld.slot(otherClaim, "PROBLEM");
    ClaimsWorld.put(slot, EvidenceFiles.jpeg());
    ClaimsWorld.put(otherSlot, EvidenceFiles.jpeg());
    ObjectNode batch =
        batchOf(
            world.createdEvent(ClaimsWorld.keyOf(claimId, slot)),
            world.createdEvent(ClaimsWorld.keyOf(otherClaimId, otherSlot)));

    // The table fails once for the first claim (an outage), not for the second.
    ClaimRepository flaky = new FailingOnce(world.claims, claimId);
    EvidenceHandler handler =
        new EvidenceHandler(
            new ClaimPorts(flaky, world.orders, world.files, ClaimsWorld.POLICIES, world.clock),
            world.run.log(world.clock),
            world.run.metrics(world.clock));
    assertThatThrownBy(() -> LambdaRun.raw(handler, Json.write(batch)))
        .hasMessageContaining("1 of 2 evidence records failed");
    assertThat(world.claims.find(otherClaimId).orElseThrow().files()).hasSize(1);
    assertThat(stored().files()).isEmpty();

    // Lambda retries the whole event: the failed record is recorded, the other is a duplicate.
    JsonNode retried = LambdaRun.raw(handler, Json.write(batch));
    assertThat(retried.at("/outcomes/RECORDED").asInt()).isEqualTo(1);
    assertThat(retried.at("/outcomes/DUPLICATE").asInt()).isEqualTo(1);
    assertThat(stored().files()).hasSize(1);
  }

  @Test
  void a_claim_waiting_longer_than_the_evidence_expiry_expires_and_takes_no_more_files() {
    ClaimsWorld later =
        world.at(Clock.offset(Clock.systemUTC(), Duration.ofDays(15))); // DOA-7: 14 days
    JsonNode slot = ClaimsWorld.slot(claim, "PROBLEM");
    assertThat(ClaimsWorld.put(slot, EvidenceFiles.jpeg())).isEqualTo(200);
    JsonNode summary = later.deliver(later.createdEvent(ClaimsWorld.keyOf(claimId, slot)));

    assertThat(summary.at("/outcomes/REJECTED").asInt()).isEqualTo(1);
    assertThat(stored().status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(world.objectExists(ClaimsWorld.keyOf(claimId, slot))).isFalse();
    assertThat(world.orders.find(orderId).orElseThrow().statusOf(new UnitRef("L1", 0)))
        .isEqualTo(UnitStatus.ACTIVE);
    LambdaRun.Response upload = later.requestUpload(claimId, customer, "PROBLEM", "image/jpeg");
    assertThat(upload.status()).isEqualTo(409);
    assertThat(upload.body().path("ruleIds").toString()).contains("DOA-7");
  }

  @Test
  void the_event_samples_are_handled_as_s3_would_deliver_them() {
    JsonNode single =
        LambdaRun.raw(
            world.evidence,
            Json.write(LambdaRun.event("EvidenceFunction", "s3-put-problem-photo")));
    assertThat(single.at("/outcomes/DELETED_UNKNOWN_CLAIM").asInt()).isEqualTo(1);
    JsonNode batch =
        LambdaRun.raw(
            world.evidence,
            Json.write(LambdaRun.event("EvidenceFunction", "s3-put-batch-with-malformed-key")));
    assertThat(batch.path("records").asInt()).isEqualTo(2);
    assertThat(batch.at("/outcomes/DELETED_UNKNOWN_CLAIM").asInt()).isEqualTo(1);
    assertThat(batch.at("/outcomes/DELETED_MALFORMED_KEY").asInt()).isEqualTo(1);
  }

  private static ObjectNode batchOf(S3EventLine... events) {
    ObjectNode batch = Json.object();
    ArrayNode records = batch.putArray("Records");
    for (S3EventLine event : events) {
      try {
        Json.MAPPER.readTree(event.notificationAsS3Sends()).path("Records").forEach(records::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return batch;
  }

  /** The real repository, except that the first read of one claim fails like an outage would. */
  private static final class FailingOnce extends ForwardingClaimRepository {
    private final String failingClaimId;
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    FailingOnce(ClaimRepository real, String failingClaimId) {
      super(real);
      this.failingClaimId = failingClaimId;
    }

    @Override
    public Optional<Claim> find(String id) {
      if (id.equals(failingClaimId) && failed.add(id)) {
        throw new IllegalStateException("simulated DynamoDB outage");
      }
      return real.find(id);
    }
  }
}
