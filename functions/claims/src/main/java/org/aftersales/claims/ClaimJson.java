package org.aftersales.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.aftersales.policy.decision.DoaPolicy;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.EvidenceRejection;
import org.aftersales.shared.evidence.EvidenceKey;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.Claim;

/** The Claim of openapi.yaml "DOA claims" as JSON, and its upload slots. */
final class ClaimJson {

  private ClaimJson() {}

  /**
   * {@code {"claimId", "orderId", "lineId", "unitIndex", "problem", "description", "status",
   * "statusSince", "openedAt", "expiresAt"?, "evidence": {"required", "received", "missing",
   * "files", "rejected"}, "message"?, "decision"?, "refund"?}}; {@code status} shows EXPIRED when
   * DOA-7 applies even if not yet written.
   */
  static ObjectNode claim(Claim claim, PolicyDocument policy, Refund refund, boolean expiredNow) {
    ClaimCase c = claim.state();
    ObjectNode node = Json.object();
    node.put("claimId", c.claimId());
    node.put("orderId", c.orderId());
    node.put("lineId", c.lineId());
    node.put("unitIndex", c.unit().index());
    if (c.problem() != null) {
      node.put("problem", c.problem().name());
    }
    if (c.description() != null) {
      node.put("description", c.description());
    }
    ClaimStatus status = expiredNow ? ClaimStatus.EXPIRED : c.status();
    node.put("status", status.name());
    node.put("statusSince", c.statusSince().toString());
    node.put("openedAt", c.openedAt().toString());
    if (status.awaitsUploads()) {
      node.put(
          "expiresAt",
          c.statusSince().plus(Duration.ofDays(policy.evidenceExpiryDays())).toString());
    }
    ObjectNode evidence = node.putObject("evidence");
    evidence.set(
        "required", kinds(List.copyOf(DoaPolicy.REQUIRED_EVIDENCE).stream().sorted().toList()));
    evidence.set("received", kinds(c.received().stream().sorted().toList()));
    evidence.set("missing", kinds(c.missing().stream().sorted().toList()));
    ArrayNode files = evidence.putArray("files");
    for (Claim.EvidenceFile f : claim.files()) {
      ObjectNode file = files.addObject();
      file.put("kind", f.kind().name());
      file.put("uploadId", EvidenceKey.ofStored(f.key()).uploadId());
      if (f.contentType() != null) {
        file.put("contentType", f.contentType());
      }
      file.put("size", f.size());
      file.put("receivedAt", f.receivedAt().toString());
    }
    ArrayNode rejected = evidence.putArray("rejected");
    for (EvidenceRejection r : c.rejected()) {
      ObjectNode item = rejected.addObject();
      item.put("kind", r.kind().name());
      item.put("uploadId", r.uploadId());
      item.put("reason", r.reason());
      item.put("at", r.at().toString());
    }
    if (c.message() != null) {
      node.put("message", c.message());
    }
    if (claim.decision() != null) {
      Claim.AgentDecision d = claim.decision();
      ObjectNode decision = node.putObject("decision");
      decision.put("outcome", d.outcome().name());
      if (d.componentId() != null) {
        decision.put("componentId", d.componentId());
      }
      if (d.message() != null) {
        decision.put("message", d.message());
      }
      decision.put("decidedAt", d.decidedAt().toString());
    }
    if (refund != null) {
      node.set("refund", ApiJson.refund(refund));
    }
    return node;
  }

  /**
   * One upload: {@code {"kind", "uploadId", "url", "method", "headers", "expiresAt", "maxBytes"}}.
   */
  static ObjectNode upload(UploadSlots.UploadSlot slot) {
    ObjectNode node = Json.object();
    node.put("kind", slot.kind().name());
    node.put("uploadId", slot.uploadId());
    node.put("url", slot.presigned().url().toString());
    node.put("method", slot.presigned().method());
    ObjectNode headers = node.putObject("headers");
    slot.presigned().headers().forEach((name, value) -> headers.put(canonicalHeader(name), value));
    node.put("expiresAt", slot.presigned().expiresAt().toString());
    node.put("maxBytes", slot.maxBytes());
    return node;
  }

  private static ArrayNode kinds(List<EvidenceKind> kinds) {
    return ApiJson.strings(kinds.stream().map(Enum::name).toList());
  }

  /** {@code content-type} → {@code Content-Type}, as openapi.yaml shows it. */
  private static String canonicalHeader(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (char ch : name.toCharArray()) {
      out.append(upper ? Character.toUpperCase(ch) : ch);
      upper = ch == '-';
    }
    return out.toString();
  }
}
