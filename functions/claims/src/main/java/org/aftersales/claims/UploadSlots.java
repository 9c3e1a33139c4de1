package org.aftersales.claims;

import java.time.Duration;
import java.util.UUID;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.EvidenceRule;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.shared.evidence.EvidenceKey;
import org.aftersales.shared.evidence.EvidenceStore;

/**
 * Issues upload slots (DOA-3): a presigned PUT for one new object {@code
 * claims/{claimId}/{kind}/{uploadId}} — so the URL can write nowhere else — with the Content-Type
 * signed, valid for the policy's {@code uploadUrlMinutes}, and the policy's size limit for the kind
 * (checked after upload by the evidence function: a presigned PUT can not bound the size). Nothing
 * is written.
 */
record UploadSlots(EvidenceStore files) {

  /** The type a slot gets when the client names none: every kind accepts JPEG. */
  static final String DEFAULT_CONTENT_TYPE = "image/jpeg";

  /** One slot; {@code contentType} must be allowed for the kind (callers validate it first). */
  UploadSlot issue(String claimId, EvidenceKind kind, String contentType, PolicyDocument policy) {
    EvidenceRule rule = policy.evidenceRule(kind);
    if (!rule.allows(contentType)) {
      throw new IllegalArgumentException(contentType + " is not allowed for " + kind);
    }
    String uploadId = UUID.randomUUID().toString();
    EvidenceStore.PresignedUpload presigned =
        files.presignUpload(
            new EvidenceKey(claimId, kind.name(), uploadId),
            contentType,
            Duration.ofMinutes(policy.uploadUrlMinutes()));
    return new UploadSlot(kind, uploadId, presigned, rule.maxBytes());
  }

  /** An issued slot. */
  record UploadSlot(
      EvidenceKind kind, String uploadId, EvidenceStore.PresignedUpload presigned, long maxBytes) {}
}
