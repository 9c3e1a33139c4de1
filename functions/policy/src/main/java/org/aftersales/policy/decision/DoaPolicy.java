package org.aftersales.policy.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.EvidenceRejection;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.Remedy;
import org.aftersales.policy.state.UnitStatus;

/**
 * Claims up to review: opening a claim through the one door (WAR-1: a DOA claim within the DOA
 * window after delivery, DOA-1, after it a warranty claim, {@link WarrantyPolicy}), collecting the
 * evidence its coverage needs (DOA-2: all three kinds, WAR-2: the category's; until all are present
 * the claim waits and can not be reviewed), recording rejected files (DOA-3) and expiring claims
 * that wait for evidence too long (DOA-7). Pure.
 */
public final class DoaPolicy {

  private DoaPolicy() {}

  /** The evidence every DOA claim needs (DOA-2). */
  public static final Set<EvidenceKind> REQUIRED_EVIDENCE = Set.of(EvidenceKind.values());

  /**
   * Like {@link #open(Order, PolicyDocument, String, String, ProblemType, String, Remedy, Instant)}
   * with no preferred remedy.
   */
  public static Decision<ClaimUpdate> open(
      Order order,
      PolicyDocument policy,
      String claimId,
      String lineId,
      ProblemType problem,
      String description,
      Instant now) {
    return open(order, policy, claimId, lineId, problem, description, null, now);
  }

  /**
   * The one door (WAR-1): opens a claim for one unit of {@code lineId} — the ACTIVE unit of the
   * line delivered last — under the coverage it has now ({@link WarrantyPolicy#coverage}): a DOA
   * claim inside the DOA window (DOA-1, DOA-2), else a warranty claim (WAR-1, WAR-2, with the
   * customer's {@code preferredRemedy}, WAR-3, or null), else {@code not-covered}. The unit becomes
   * CLAIM_OPEN; the claim AWAITING_EVIDENCE.
   */
  public static Decision<ClaimUpdate> open(
      Order order,
      PolicyDocument policy,
      String claimId,
      String lineId,
      ProblemType problem,
      String description,
      Remedy preferredRemedy,
      Instant now) {
    Optional<LineSpec> line = lineId == null ? Optional.empty() : order.spec().line(lineId);
    if (line.isEmpty() || problem == null) {
      return Decision.refuseInput(
          "lineId",
          "DOA-2",
          "A claim names a line of the order (" + lineId + " is not one) and the problem.");
    }
    List<UnitRef> active =
        order.unitsOfLine(lineId).stream()
            .filter(u -> order.statusOf(u) == UnitStatus.ACTIVE)
            .toList();
    Optional<UnitRef> delivered =
        active.stream()
            .filter(u -> order.parcelOf(u).deliveredAt() != null)
            .min(
                Comparator.comparing((UnitRef u) -> order.parcelOf(u).deliveredAt())
                    .reversed()
                    .thenComparingInt(UnitRef::index));
    if (delivered.isEmpty()) {
      if (active.isEmpty()) {
        String message =
            "No unit of "
                + line.get().name()
                + " can be claimed: each is cancelled, returned or already in a claim.";
        return Decision.refuse(
            Refusal.of(
                RefusalCode.NOT_RETURNABLE_NOW,
                message,
                Explanation.of("DOA-1", message)
                    .and("WAR-6", "A unit has at most one open claim and no open return.")));
      }
      return WarrantyPolicy.notDelivered(line.get());
    }
    UnitRef unit = delivered.get();
    Decision<ClaimCoverage> coverage = WarrantyPolicy.coverage(order, policy, unit, now);
    if (!coverage.accepted()) {
      return Decision.refuse(coverage.refusal());
    }
    if (coverage.value().isWarranty()) {
      return WarrantyPolicy.open(
          order,
          policy,
          claimId,
          lineId,
          unit,
          coverage.value(),
          coverage.explanation(),
          problem,
          description,
          preferredRemedy,
          now);
    }
    ClaimCase claim =
        ClaimCase.opened(
            claimId,
            order.orderId(),
            lineId,
            unit,
            problem,
            description,
            coverage.value(),
            null,
            now);
    Explanation why =
        coverage
            .explanation()
            .and(
                "DOA-2",
                "Upload a photo or video of the problem, a photo of the shipping label and a photo"
                    + " of the original packaging within "
                    + policy.evidenceExpiryDays()
                    + " days.");
    return Decision.accept(
        new ClaimUpdate(
            claim, order.withUnitStatuses(Map.of(unit, UnitStatus.CLAIM_OPEN)), null, why),
        why);
  }

  /**
   * Records a piece of evidence that passed its check (DOA-3). Once all three kinds are in, a claim
   * waiting for uploads moves to UNDER_REVIEW (DOA-2). Evidence for a decided or expired claim is
   * refused.
   */
  public static Decision<ClaimCase> evidenceAccepted(
      ClaimCase claim, EvidenceKind kind, Instant now) {
    if (!claim.status().awaitsUploads() && claim.status() != ClaimStatus.UNDER_REVIEW) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "DOA-2",
          "Claim " + claim.claimId() + " is " + claim.status() + ": it takes no more evidence.");
    }
    ClaimCase updated = claim.withEvidence(kind);
    if (updated.status().awaitsUploads() && updated.evidenceComplete()) {
      boolean reopened = updated.status() == ClaimStatus.NEEDS_INFO;
      updated =
          updated.decided(ClaimStatus.UNDER_REVIEW, now, updated.message(), updated.refundId());
      return Decision.accept(
          updated,
          Explanation.of(
              "DOA-2",
              reopened
                  ? "New evidence received: the claim is back under review."
                  : "All evidence received: the claim is under review."));
    }
    return Decision.accept(
        updated,
        Explanation.of(
            "DOA-2",
            updated.evidenceComplete()
                ? "Evidence received."
                : "Evidence received; still missing: " + updated.missing() + "."));
  }

  /** Records a file that failed its check and was removed (DOA-3); the claim shows why. */
  public static ClaimCase evidenceRejected(
      ClaimCase claim, EvidenceKind kind, String uploadId, String reason, Instant now) {
    return claim.withRejection(new EvidenceRejection(kind, uploadId, reason, now));
  }

  /** DOA-7: whether a claim waiting for evidence has waited longer than the evidence expiry. */
  public static boolean isExpired(ClaimCase claim, PolicyDocument policy, Instant now) {
    return claim.status().awaitsUploads()
        && now.isAfter(claim.statusSince().plus(Duration.ofDays(policy.evidenceExpiryDays())));
  }

  /** DOA-7: expires a claim that waited too long for evidence; its unit becomes ACTIVE again. */
  public static Decision<ClaimUpdate> expire(
      ClaimCase claim, Order order, PolicyDocument policy, Instant now) {
    if (!isExpired(claim, policy, now)) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "DOA-7",
          "Claim "
              + claim.claimId()
              + " is "
              + claim.status()
              + " since "
              + claim.statusSince()
              + ": it does not expire now.");
    }
    Explanation why = Explanation.of("DOA-7", RuleTexts.claimExpired(policy));
    Order next =
        order.statusOf(claim.unit()) == UnitStatus.CLAIM_OPEN
            ? order.withUnitStatuses(Map.of(claim.unit(), UnitStatus.ACTIVE))
            : order;
    return Decision.accept(
        new ClaimUpdate(
            claim.decided(ClaimStatus.EXPIRED, now, claim.message(), null), next, null, why),
        why);
  }
}
