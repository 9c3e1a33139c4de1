package org.aftersales.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.RepairStep;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.Claim;

/**
 * The events of a claim's decisions (MSG-1, docs/events.md), each recorded in the write that
 * commits its decision (MSG-2): subject {@code CLAIM}/{claimId} (the email's link opens that
 * claim), {@code data.claim} the claim as the API shows it after the decision. An id is derived
 * from the cause: the claim for its opening and for its expiry; the claim and the version the write
 * replaces for a step that can happen again (a second request for information, a decision after a
 * failed repair); the upload and its S3 sequencer for a refused file. A retry of the same write
 * derives the same id.
 *
 * <p>Size: the one list of the claim that grows without bound, {@code evidence.rejected} (a refused
 * file each, DOA-3), carries the latest {@link #REJECTED_IN_EVENT} refusals, and {@code
 * evidence.rejectedTotal} says how many there are when some were left out (the API's claim has them
 * all). So an event stays far below EventBridge's 256 KB per call, and leaves the claim item's 400
 * KB to the claim: the event is written into the item with its decision.
 */
final class ClaimEvents {

  static final String SUBJECT = "CLAIM";

  /** The refused files an event's claim lists, the latest ones. */
  static final int REJECTED_IN_EVENT = 20;

  private ClaimEvents() {}

  /**
   * {@code ClaimAwaitingEvidence}: the claim opened (DOA-1, DOA-2; WAR-1, WAR-2) and the evidence
   * it still needs, at its opening instant (the same event from whichever request takes the unit).
   */
  static Event awaitingEvidence(Claim claim, PolicyDocument policy) {
    ClaimCase c = claim.state();
    List<String> missing = c.missing().stream().sorted().map(Enum::name).toList();
    ObjectNode data = data(claim, policy, null);
    data.set("missing", ApiJson.strings(missing));
    String coverageRule = c.coverage().ruleIds().getFirst();
    Explanation why =
        Explanation.of(
                coverageRule,
                (c.coverage().isWarranty()
                        ? "Covered by the warranty"
                        : "Covered by the 14 day guarantee")
                    + (c.coverage().until() == null ? "." : " until " + c.coverage().until() + "."))
            .and(
                c.coverage().isWarranty() ? "WAR-2" : "DOA-2",
                "Waiting for evidence: "
                    + String.join(", ", missing)
                    + ", within "
                    + policy.evidenceExpiryDays()
                    + " days.");
    return event("ClaimAwaitingEvidence", claim, c.claimId(), c.openedAt(), why, data);
  }

  /**
   * {@code EvidenceRefused}: a file refused on its check (DOA-3) or by the claim's state (DOA-2).
   */
  static Event evidenceRefused(
      Claim claim,
      PolicyDocument policy,
      EvidenceKind kind,
      String uploadId,
      String sequencer,
      String reason,
      Instant at) {
    ObjectNode data = data(claim, policy, null);
    data.putObject("refused")
        .put("kind", kind.name())
        .put("uploadId", uploadId)
        .put("reason", reason);
    return event(
        "EvidenceRefused",
        claim,
        claim.claimId() + "/" + uploadId + "@" + sequencer,
        at,
        Explanation.of("DOA-3", "Refused: " + reason),
        data);
  }

  /**
   * {@code ClaimNeedsInfo} or {@code ClaimDecided} for an agent's decision recorded on {@code
   * decided} (the claim as written, read at {@code readVersion}): the agent's message, or the
   * outcome and the refund it grants (or null).
   */
  static Event decision(
      Claim decided, long readVersion, PolicyDocument policy, Refund refund, Explanation why) {
    Claim.AgentDecision made = decided.decision();
    boolean needsInfo = made.outcome() == org.aftersales.policy.state.ClaimOutcome.NEEDS_INFO;
    ObjectNode data = data(decided, policy, needsInfo ? null : refund);
    if (needsInfo) {
      data.put("message", made.message());
    } else if (refund != null) {
      data.set("refund", ApiJson.refund(refund));
    } else {
      data.putNull("refund");
    }
    return event(
        needsInfo ? "ClaimNeedsInfo" : "ClaimDecided",
        decided,
        decided.claimId() + "#" + readVersion,
        made.decidedAt(),
        why,
        data);
  }

  /** {@code RepairProgressed}: a step of the warranty claim's unit at the store (WAR-4). */
  static Event repairProgressed(
      Claim recorded, long readVersion, PolicyDocument policy, RepairStep step, Explanation why) {
    ObjectNode data = data(recorded, policy, null);
    ObjectNode repair = data.putObject("repair");
    repair.put("status", step.step().name());
    repair.put("at", step.at().toString());
    if (step.trackingNumber() != null) {
      repair.put("trackingNumber", step.trackingNumber());
    }
    return event(
        "RepairProgressed",
        recorded,
        recorded.claimId() + "#" + readVersion,
        step.recordedAt(),
        why,
        data);
  }

  /**
   * {@code ClaimExpired}: DOA-7 expired the claim, written on {@code expired} (the claim as stored
   * EXPIRED): the customer can no longer upload evidence for it and its unit is free again, with
   * the evidence still missing. One per claim (an expired claim never moves on), from whichever
   * writes the expiry: the hourly run or a request acting on the claim.
   */
  static Event expired(Claim expired, PolicyDocument policy, Explanation why) {
    ClaimCase c = expired.state();
    ObjectNode data = data(expired, policy, null);
    data.set("missing", ApiJson.strings(c.missing().stream().sorted().map(Enum::name).toList()));
    return event("ClaimExpired", expired, c.claimId(), c.statusSince(), why, data);
  }

  /** One event to write with its decision. */
  static Alongside announcing(Event event) {
    return Alongside.events(List.of(event));
  }

  private static ObjectNode data(Claim claim, PolicyDocument policy, Refund refund) {
    ObjectNode data = org.aftersales.shared.json.Json.object();
    ObjectNode shown = ClaimJson.claim(claim, policy, refund, false);
    ObjectNode evidence = (ObjectNode) shown.path("evidence");
    ArrayNode rejected = (ArrayNode) evidence.path("rejected");
    int total = rejected.size();
    if (total > REJECTED_IN_EVENT) {
      ArrayNode latest = evidence.putArray("rejected");
      for (int i = total - REJECTED_IN_EVENT; i < total; i++) {
        latest.add(rejected.get(i));
      }
      evidence.put("rejectedTotal", total);
    }
    data.set("claim", shown);
    return data;
  }

  private static Event event(
      String type, Claim claim, String cause, Instant at, Explanation why, ObjectNode data) {
    return new Event(
        Event.idOf(type, SUBJECT, cause),
        type,
        at,
        claim.orderId(),
        claim.customerId(),
        SUBJECT,
        claim.claimId(),
        why,
        data);
  }
}
