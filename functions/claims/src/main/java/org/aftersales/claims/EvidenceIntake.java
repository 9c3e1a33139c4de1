package org.aftersales.claims;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.DoaPolicy;
import org.aftersales.policy.decision.EvidenceCheck;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.shared.evidence.EvidenceKey;
import org.aftersales.shared.evidence.EvidenceStore;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.StaleClaimException;

/**
 * Checks one uploaded evidence file and records it on its claim (DOA-2, DOA-3, DOA-7).
 *
 * <p>Contract per S3 record: the key ({@code claims/{claimId}/{kind}/{uploadId}}, URL-decoded as S3
 * sends it) must name a known claim and kind, else the object is deleted and logged. An event whose
 * {@code sequencer} is not newer than the one already handled for its key (S3 may deliver twice, or
 * out of order) changes nothing. The file's size must be within the policy's limit, its signed
 * Content-Type one the policy allows for its kind, and its first bytes those of that type ({@link
 * EvidenceCheck}); a file that fails is recorded in the claim's {@code rejected} list with the
 * reason, then deleted. A valid file is recorded (key, kind, type, size, sequencer); the third kind
 * moves the claim to UNDER_REVIEW ({@link DoaPolicy#evidenceAccepted}). A claim that is decided or
 * expired takes no more files. Writes are conditional on the claim's version and re-applied on a
 * conflict. Store failures propagate, so the caller can have the record retried: every step is safe
 * to repeat.
 */
public record EvidenceIntake(
    ClaimRepository claims,
    EvidenceStore files,
    PolicyBook policies,
    ClaimProgress progress,
    JsonLog log,
    Clock clock) {

  /** What happened to one record. */
  public enum Outcome {
    RECORDED,
    REJECTED,
    DUPLICATE,
    NOT_A_CREATION,
    OBJECT_GONE,
    IGNORED_UPLOAD_ALREADY_ACCEPTED,
    IGNORED_CLAIM_DECIDED,
    DELETED_MALFORMED_KEY,
    DELETED_UNKNOWN_CLAIM
  }

  /**
   * The fields of one S3 notification record this intake uses; {@code key} as S3 sends it
   * (URL-encoded).
   */
  public record S3Record(String eventName, String encodedKey, String sequencer) {
    public S3Record {
      Objects.requireNonNull(eventName, "eventName");
      Objects.requireNonNull(encodedKey, "encodedKey");
      Objects.requireNonNull(sequencer, "sequencer");
    }

    /** The object key, decoded the way S3 encodes keys in notifications ({@code +} is a space). */
    public String key() {
      return URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
    }
  }

  private static final int WRITE_ATTEMPTS = 5;

  public EvidenceIntake(ClaimPorts ports, JsonLog log) {
    this(
        ports.claims(),
        ports.files(),
        ports.policies(),
        new ClaimProgress(ports),
        log,
        ports.clock());
  }

  public Outcome handle(S3Record record) {
    if (!record.eventName().startsWith("ObjectCreated:")) {
      return Outcome.NOT_A_CREATION;
    }
    String key = record.key();
    EvidenceKey parsed;
    EvidenceKind kind;
    String acceptedKey;
    try {
      parsed = EvidenceKey.parse(key);
      kind = EvidenceKind.valueOf(parsed.kind());
      acceptedKey = parsed.acceptedKey(record.sequencer());
    } catch (IllegalArgumentException malformed) {
      files.delete(key);
      log.warn("evidence object deleted: malformed key", fields("key", key));
      return Outcome.DELETED_MALFORMED_KEY;
    }
    for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      Optional<Claim> found = claims.find(parsed.claimId());
      if (found.isEmpty()) {
        files.delete(key);
        log.warn("evidence object deleted: no such claim", fields("key", key));
        return Outcome.DELETED_UNKNOWN_CLAIM;
      }
      Claim claim = found.get();
      if (!claim.isNewEvent(key, record.sequencer())) {
        finishHandled(claim, key, acceptedKey, parsed.uploadId());
        log.info(
            "evidence event already handled", fields("key", key, "sequencer", record.sequencer()));
        return Outcome.DUPLICATE;
      }
      Optional<Outcome> ignored = ignoredUpload(claim, key, acceptedKey, parsed.uploadId());
      if (ignored.isPresent()) {
        return ignored.get();
      }
      Optional<Claim> current =
          progress.refresh(
              claim); // interrupted steps finished; DOA-7: an expired claim takes no more files
      if (current.isEmpty()) {
        files.delete(key);
        log.warn("evidence object deleted: the claim never got its unit", fields("key", key));
        return Outcome.DELETED_UNKNOWN_CLAIM;
      }
      claim = current.get();
      Instant now = clock.instant();
      PolicyDocument policy = policyOf(claim);
      // Check and keep the copy, never the upload: its URL may be used again until it expires.
      if (!files.copy(key, acceptedKey)) {
        log.info("evidence object no longer exists", fields("key", key));
        return Outcome.OBJECT_GONE;
      }
      Optional<EvidenceStore.StoredObject> stored = files.head(acceptedKey);
      if (stored.isEmpty()) {
        log.info("accepted copy no longer exists", fields("key", acceptedKey));
        return Outcome.OBJECT_GONE;
      }
      long size = stored.get().size();
      byte[] head =
          size > 0 ? files.readFirstBytes(acceptedKey, EvidenceCheck.HEAD_BYTES) : new byte[0];
      EvidenceCheck.Verdict verdict =
          EvidenceCheck.check(policy, kind, stored.get().contentType(), size, head);
      String reason = verdict.ok() ? null : verdict.reason();
      Claim next = null;
      if (verdict.ok()) {
        Decision<ClaimCase> taken = DoaPolicy.evidenceAccepted(claim.state(), kind, now);
        if (taken.accepted()) {
          next =
              claim.withFile(
                  key,
                  new Claim.EvidenceFile(
                      acceptedKey, kind, stored.get().contentType(), size, record.sequencer(), now),
                  taken.value());
        } else {
          reason = taken.refusal().message();
        }
      }
      if (next == null) {
        next =
            claim.withRejectedFile(
                key,
                record.sequencer(),
                DoaPolicy.evidenceRejected(claim.state(), kind, parsed.uploadId(), reason, now));
      }
      Alongside refusal =
          reason == null
              ? Alongside.NOTHING
              : ClaimEvents.announcing(
                  ClaimEvents.evidenceRefused(
                      next, policy, kind, parsed.uploadId(), record.sequencer(), reason, now));
      try {
        Claim written = claims.replace(next, refusal);
        files.delete(key);
        if (reason != null) {
          files.delete(acceptedKey);
          log.warn("evidence rejected and deleted", fields("key", key, "reason", reason));
          return Outcome.REJECTED;
        }
        log.info(
            "evidence recorded",
            fields("key", acceptedKey, "claimStatus", written.status().name()));
        return Outcome.RECORDED;
      } catch (StaleClaimException concurrent) {
        // another file of the same claim was recorded meanwhile: read it again and re-apply
      }
    }
    throw new IllegalStateException(
        "claim " + parsed.claimId() + " kept changing during " + WRITE_ATTEMPTS + " attempts");
  }

  /**
   * Accepted evidence is immutable. An upload URL stays valid after its file was accepted and after
   * the decision; what it writes then is deleted and changes nothing on the claim.
   */
  private Optional<Outcome> ignoredUpload(
      Claim claim, String key, String acceptedKey, String uploadId) {
    Outcome outcome;
    if (acceptedUpload(claim, uploadId)) {
      outcome = Outcome.IGNORED_UPLOAD_ALREADY_ACCEPTED;
    } else if (claim.status().isDecided()) {
      outcome = Outcome.IGNORED_CLAIM_DECIDED;
    } else {
      return Optional.empty();
    }
    if (claim.files().stream()
        .noneMatch(f -> f.key().equals(key))) { // kept there before evidence was copied
      files.delete(key);
    }
    files.delete(acceptedKey); // a copy this event may have made before another event won
    log.warn(
        "evidence upload ignored and deleted",
        fields("key", key, "claimStatus", claim.status().name(), "outcome", outcome.name()));
    return Optional.of(outcome);
  }

  private static boolean acceptedUpload(Claim claim, String uploadId) {
    return claim.files().stream()
        .anyMatch(f -> EvidenceKey.ofStored(f.key()).uploadId().equals(uploadId));
  }

  /**
   * A retry of an event already handled: the deletes after the claim write may not have happened
   * (idempotent). The upload object is no longer needed either way; the accepted copy of this event
   * is deleted unless the claim lists it.
   */
  private void finishHandled(Claim claim, String key, String acceptedKey, String uploadId) {
    boolean recordedThisCopy = claim.files().stream().anyMatch(f -> f.key().equals(acceptedKey));
    boolean handled =
        recordedThisCopy
            || claim.state().rejected().stream().anyMatch(r -> r.uploadId().equals(uploadId));
    if (handled) {
      files.delete(key);
    }
    if (!recordedThisCopy) {
      files.delete(acceptedKey);
    }
  }

  private PolicyDocument policyOf(Claim claim) {
    return policies
        .byVersion(claim.policyVersion())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "claim " + claim.claimId() + " names unknown policy " + claim.policyVersion()));
  }

  private static Map<String, Object> fields(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
