package org.aftersales.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.aftersales.policy.decision.RemedyQuotes;
import org.aftersales.policy.decision.WarrantyRemedies;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.document.WarrantyTerms;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.EvidenceRejection;
import org.aftersales.policy.state.Remedy;
import org.aftersales.policy.state.RepairStep;
import org.aftersales.policy.state.WarrantyCase;
import org.aftersales.shared.evidence.EvidenceKey;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.Claim;

/**
 * The Claim of openapi.yaml "DOA claims" (with its warranty fields, WAR-1…WAR-5) as JSON, and its
 * upload slots.
 */
final class ClaimJson {

  private ClaimJson() {}

  /**
   * {@code {"claimId", "orderId", "lineId", "unitIndex", "problem", "description", "status",
   * "statusSince", "openedAt", "expiresAt"?, "coverage", "coverageUntil", "coverageRuleIds",
   * "evidence": {"required", "received", "missing", "files", "rejected"}, "message"?, "decision"?,
   * "refund"?}} and a warranty claim's remedies and repair; {@code status} shows EXPIRED when DOA-7
   * applies even if not yet written.
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
    coverage(node, c);
    ObjectNode evidence = node.putObject("evidence");
    evidence.set("required", kinds(c.required().stream().sorted().toList()));
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
      if (d.finding() != null) {
        decision.put("finding", d.finding());
      }
      decision.put("decidedAt", d.decidedAt().toString());
    }
    if (c.isWarranty()) {
      warranty(node, c, policy);
    }
    if (refund != null) {
      node.set("refund", ApiJson.refund(refund));
    }
    return node;
  }

  /** WAR-1: {@code "coverage": "DOA" | "WARRANTY", "coverageUntil", "coverageRuleIds"}. */
  private static void coverage(ObjectNode node, ClaimCase c) {
    node.put("coverage", c.coverage().kind().name());
    if (c.coverage().until() != null) {
      node.put("coverageUntil", c.coverage().until().toString());
    } else {
      node.putNull("coverageUntil");
    }
    node.set("coverageRuleIds", ApiJson.strings(c.coverage().ruleIds()));
  }

  /**
   * WAR-3, WAR-4, WAR-5: {@code "preferredRemedy"?, "ruledOut": [{"remedy", "reason"}], "finding"?,
   * "repair"?: {"sendTo", "shippingPaidBy", "steps": [{"step", "at", "trackingNumber"?}],
   * "nextSteps"}} — {@code repair} while the unit is or was tracked.
   */
  private static void warranty(ObjectNode node, ClaimCase c, PolicyDocument policy) {
    WarrantyCase w = c.warranty();
    if (w.preferredRemedy() != null) {
      node.put("preferredRemedy", w.preferredRemedy().name());
    }
    ArrayNode ruledOut = node.putArray("ruledOut");
    w.ruledOut()
        .forEach(
            (remedy, reason) ->
                ruledOut.addObject().put("remedy", remedy.name()).put("reason", reason));
    if (w.repairFailed() && !w.ruledOut().containsKey(Remedy.REPAIR)) {
      ruledOut
          .addObject()
          .put("remedy", Remedy.REPAIR.name())
          .put("reason", "The repair failed (WAR-4).");
    }
    if (w.finding() != null) {
      node.put("finding", w.finding());
    }
    List<WarrantyRemedies.RemedyOption> options = WarrantyRemedies.options(c);
    if (!options.isEmpty()) {
      ArrayNode remedies = node.putArray("remedies");
      for (WarrantyRemedies.RemedyOption o : options) {
        ObjectNode item = remedies.addObject();
        item.put("outcome", o.outcome().name());
        item.put("available", o.available());
        item.put("preferred", o.preferred());
        if (o.needs() != null) {
          item.put("needs", o.needs());
        }
      }
    }
    if (!c.status().tracksUnit() && w.steps().isEmpty()) {
      return;
    }
    ObjectNode repair = node.putObject("repair");
    WarrantyTerms terms = policy.warrantyTerms();
    ObjectNode sendTo = repair.putObject("sendTo");
    sendTo.put("recipient", terms.repairAddress().recipient());
    sendTo.set("lines", ApiJson.strings(terms.repairAddress().lines()));
    sendTo.put("countryCode", terms.repairAddress().countryCode());
    repair.put("shippingPaidBy", terms.storePaysShipping() ? "STORE" : "CUSTOMER");
    ArrayNode steps = repair.putArray("steps");
    for (RepairStep step : w.steps()) {
      ObjectNode item = steps.addObject();
      item.put("step", step.step().name());
      item.put("at", step.at().toString());
      if (step.trackingNumber() != null) {
        item.put("trackingNumber", step.trackingNumber());
      }
    }
    repair.set(
        "nextSteps",
        ApiJson.strings(WarrantyRemedies.nextSteps(c).stream().map(Enum::name).toList()));
  }

  /**
   * The outcomes an agent may choose now: {@code {"claimId", "orderId", "coverage", "status",
   * "remedies": [{"outcome", "preferred", "needs", "refund": {"basis": "NONE" | "EXACT" | "UP_TO",
   * "amount", "breakdown"?}, "ruleIds"}]}} (WAR-3, DOA-4, DOA-5, GEN-4).
   */
  static ObjectNode remedies(Claim claim, List<RemedyQuotes.Quote> quotes) {
    ClaimCase c = claim.state();
    ObjectNode node = Json.object();
    node.put("claimId", c.claimId());
    node.put("orderId", c.orderId());
    node.put("coverage", c.coverage().kind().name());
    node.put("status", c.status().name());
    ArrayNode remedies = node.putArray("remedies");
    for (RemedyQuotes.Quote q : quotes) {
      ObjectNode item = remedies.addObject();
      item.put("outcome", q.outcome().name());
      item.put("preferred", q.preferred());
      item.set("needs", ApiJson.strings(q.needs()));
      ObjectNode refund = item.putObject("refund");
      refund.put("basis", q.basis().name());
      refund.set("amount", ApiJson.money(q.refund()));
      if (q.breakdown() != null) {
        refund.set("breakdown", ApiJson.breakdown(q.breakdown()));
      }
      item.set("ruleIds", ApiJson.strings(q.ruleIds()));
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
