package org.aftersales.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.aftersales.shared.evidence.EvidenceStore;
import org.aftersales.shared.store.Claim;

/**
 * Short-lived GET URLs of a claim's accepted evidence, for the agents who review it (DOA-4): each
 * file of {@code evidence.files} gets {@code url} and {@code urlExpiresAt}. The URL is presigned
 * for the key the claim records (accepted evidence may move), forces the file's checked content
 * type (DOA-3) and {@code Content-Disposition: attachment}. Customers never get these fields.
 * Nothing is read or written.
 */
record EvidenceLinks(EvidenceStore files) {

  /** How long an agent's link works: long enough to look, short enough not to be shared. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  /** Adds the links to {@code json}, the claim as {@link ClaimJson#claim} wrote it. */
  ObjectNode addTo(ObjectNode json, Claim claim) {
    JsonNode listed = json.path("evidence").path("files");
    for (int i = 0; i < claim.files().size() && i < listed.size(); i++) {
      Claim.EvidenceFile file = claim.files().get(i);
      EvidenceStore.PresignedDownload link =
          files.presignDownload(file.key(), file.contentType(), LIFETIME);
      ((ObjectNode) listed.get(i))
          .put("url", link.url().toString())
          .put("urlExpiresAt", link.expiresAt().toString());
    }
    return json;
  }
}
