package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.EvidenceRejection;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.Remedy;
import org.aftersales.policy.state.RepairStep;
import org.aftersales.policy.state.WarrantyCase;
import org.aftersales.shared.store.Claim;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hand-written mapping of a {@link Claim} to its one item: {@code pk = CLAIM#{id}}, {@code sk =
 * CLAIM}; {@code gsi1pk/gsi1sk = ORDER#{orderId} / CLAIM#{id}} (index {@code ByOrder}); {@code
 * gsi2pk/gsi2sk = CLAIMS#{status} / {statusSince}#{id}} (index {@code ByStatus}: the agents' queue,
 * oldest first, so {@code statusSince} is written fixed-width); the evidence files, rejections and
 * agent decision as nested maps; the coverage (WAR-1; absent on claims stored before it: DOA) and a
 * warranty claim's remedies and repair steps (WAR-3, WAR-4); S3 sequencers per object key; {@code
 * version}. (A {@code unitHeld} flag written before the order recorded unit holders is ignored.)
 */
final class ClaimItemMapper {

  static final String KIND = "CLAIM";

  private ClaimItemMapper() {}

  /** {@code at} as the {@code ByStatus} sort key writes it (fixed width, so it sorts by time). */
  static String sortable(Instant at) {
    return Item.sortable(at);
  }

  static String statusPartition(ClaimStatus status) {
    return "CLAIMS#" + status.name();
  }

  /**
   * The record's attributes at {@code version} (a builder: it knows what the record leaves out).
   */
  static Item.Builder item(Claim claim, long version) {
    ClaimCase c = claim.state();
    return Item.builder()
        .key(KIND, c.claimId())
        .s("type", KIND)
        .byOrder(c.orderId(), KIND, c.claimId())
        .byStatus(statusPartition(c.status()), sortable(c.statusSince()), c.claimId())
        .s("claimId", c.claimId())
        .s("orderId", c.orderId())
        .s("customerId", claim.customerId())
        .s("policyVersion", claim.policyVersion())
        .s("lineId", c.lineId())
        .s("unitLineId", c.unit().lineId())
        .n("unitIndex", c.unit().index())
        .s("problem", c.problem())
        .s("description", c.description())
        .s("status", c.status())
        .s("openedAt", c.openedAt())
        .s("statusSince", c.statusSince())
        .strings("received", c.received().stream().sorted().map(Enum::name).toList())
        .list("rejected", c.rejected(), ClaimItemMapper::rejection)
        .s("message", c.message())
        .s("refundId", c.refundId())
        .list("files", claim.files(), ClaimItemMapper::file)
        .strings("sequencers", claim.sequencers())
        .map("decision", claim.decision() == null ? null : decision(claim.decision()))
        .map("coverage", coverage(c.coverage()))
        .map("warranty", c.warranty() == null ? null : warranty(c.warranty()))
        .n("version", version);
  }

  /** WAR-1: a claim stored before coverage was recorded is a DOA claim. */
  private static Map<String, AttributeValue> coverage(ClaimCoverage coverage) {
    return Item.builder()
        .s("kind", coverage.kind())
        .s("until", coverage.until())
        .strings("ruleIds", coverage.ruleIds())
        .strings(
            "requiredEvidence",
            coverage.requiredEvidence().stream().sorted().map(Enum::name).toList())
        .build();
  }

  private static ClaimCoverage coverage(Item.Reader item) {
    if (!item.has("coverage")) {
      return ClaimCoverage.STORED_DOA;
    }
    Item.Reader c = item.map("coverage");
    Set<EvidenceKind> required = EnumSet.noneOf(EvidenceKind.class);
    c.strings("requiredEvidence").forEach(k -> required.add(EvidenceKind.valueOf(k)));
    return new ClaimCoverage(
        ClaimCoverage.Kind.valueOf(c.s("kind")),
        c.optDate("until"),
        c.strings("ruleIds"),
        required);
  }

  private static Map<String, AttributeValue> warranty(WarrantyCase w) {
    return Item.builder()
        .s("preferredRemedy", w.preferredRemedy())
        .strings("ruledOut", byName(w.ruledOut()))
        .list(
            "steps",
            w.steps(),
            step ->
                Item.builder()
                    .s("step", step.step())
                    .s("at", step.at())
                    .s("trackingNumber", step.trackingNumber())
                    .s("recordedAt", step.recordedAt())
                    .build())
        .s("finding", w.finding())
        .build();
  }

  private static WarrantyCase warranty(Item.Reader item) {
    if (!item.has("warranty")) {
      return null;
    }
    Item.Reader w = item.map("warranty");
    return new WarrantyCase(
        w.has("preferredRemedy") ? Remedy.valueOf(w.s("preferredRemedy")) : null,
        byRemedy(w.stringMap("ruledOut")),
        w.list(
            "steps",
            s ->
                new RepairStep(
                    RepairStep.Kind.valueOf(s.s("step")),
                    s.instant("at"),
                    s.optS("trackingNumber"),
                    s.instant("recordedAt"))),
        w.optS("finding"));
  }

  private static Map<String, String> byName(Map<Remedy, String> reasons) {
    Map<String, String> out = new java.util.TreeMap<>();
    reasons.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }

  private static Map<Remedy, String> byRemedy(Map<String, String> reasons) {
    Map<Remedy, String> out = new java.util.EnumMap<>(Remedy.class);
    reasons.forEach((k, v) -> out.put(Remedy.valueOf(k), v));
    return out;
  }

  static Claim fromItem(Map<String, AttributeValue> values) {
    Item.Reader item = Item.Reader.of(values, "claim", "claimId");
    Set<EvidenceKind> received = EnumSet.noneOf(EvidenceKind.class);
    item.strings("received").forEach(k -> received.add(EvidenceKind.valueOf(k)));
    ClaimCase state =
        new ClaimCase(
            item.s("claimId"),
            item.s("orderId"),
            item.s("lineId"),
            new UnitRef(item.s("unitLineId"), item.i("unitIndex")),
            item.has("problem") ? ProblemType.valueOf(item.s("problem")) : null,
            item.optS("description"),
            ClaimStatus.valueOf(item.s("status")),
            item.instant("openedAt"),
            item.instant("statusSince"),
            received,
            item.list(
                "rejected",
                r ->
                    new EvidenceRejection(
                        EvidenceKind.valueOf(r.s("kind")),
                        r.s("uploadId"),
                        r.s("reason"),
                        r.instant("at"))),
            item.optS("message"),
            item.optS("refundId"),
            coverage(item),
            warranty(item));
    Claim.AgentDecision decision = null;
    if (item.has("decision")) {
      Item.Reader d = item.map("decision");
      decision =
          new Claim.AgentDecision(
              ClaimOutcome.valueOf(d.s("outcome")),
              d.optS("componentId"),
              d.has("amount") ? d.n("amount") : null,
              d.optS("message"),
              d.optS("decidedBy"),
              d.instant("decidedAt"),
              d.optS("finding"),
              byRemedy(d.stringMap("ruledOut")));
    }
    return new Claim(
        state,
        item.s("customerId"),
        item.s("policyVersion"),
        item.list(
            "files",
            f ->
                new Claim.EvidenceFile(
                    f.s("key"),
                    EvidenceKind.valueOf(f.s("kind")),
                    f.optS("contentType"),
                    f.n("size"),
                    f.s("sequencer"),
                    f.instant("receivedAt"))),
        item.stringMap("sequencers"),
        decision,
        item.n("version"));
  }

  private static Map<String, AttributeValue> rejection(EvidenceRejection r) {
    return Item.builder()
        .s("kind", r.kind())
        .s("uploadId", r.uploadId())
        .s("reason", r.reason())
        .s("at", r.at())
        .build();
  }

  private static Map<String, AttributeValue> file(Claim.EvidenceFile f) {
    return Item.builder()
        .s("key", f.key())
        .s("kind", f.kind())
        .s("contentType", f.contentType())
        .n("size", f.size())
        .s("sequencer", f.sequencer())
        .s("receivedAt", f.receivedAt())
        .build();
  }

  private static Map<String, AttributeValue> decision(Claim.AgentDecision d) {
    Item.Builder b =
        Item.builder()
            .s("outcome", d.outcome())
            .s("componentId", d.componentId())
            .s("message", d.message())
            .s("decidedBy", d.decidedBy())
            .s("decidedAt", d.decidedAt())
            .s("finding", d.finding());
    if (!d.ruledOut().isEmpty()) {
      b.strings("ruledOut", byName(d.ruledOut()));
    }
    if (d.amount() != null) {
      b.n("amount", d.amount());
    }
    return b.build();
  }
}
