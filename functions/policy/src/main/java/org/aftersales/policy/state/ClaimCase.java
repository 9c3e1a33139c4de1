package org.aftersales.policy.state;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.order.UnitRef;

/**
 * A claim about one unit (DOA-2, WAR-1): the order, line and unit it is about, the reported
 * problem, the evidence received and rejected, its {@link ClaimStatus} since {@code statusSince},
 * once decided the agent's {@code message}/reason and the {@code refundId} if one was granted; its
 * {@link ClaimCoverage} (DOA or warranty, window end, evidence needed) and, for a warranty claim,
 * its {@link WarrantyCase} (preferred remedy, remedies ruled out, repair steps, finding; null for a
 * DOA claim).
 */
public record ClaimCase(
    String claimId,
    String orderId,
    String lineId,
    UnitRef unit,
    ProblemType problem,
    String description,
    ClaimStatus status,
    Instant openedAt,
    Instant statusSince,
    Set<EvidenceKind> received,
    List<EvidenceRejection> rejected,
    String message,
    String refundId,
    ClaimCoverage coverage,
    WarrantyCase warranty) {

  /**
   * A claim just opened (DOA-2, WAR-2): waiting for its evidence since {@code now}, nothing
   * received or decided yet; {@code warranty} is null for a DOA claim.
   */
  public static ClaimCase opened(
      String claimId,
      String orderId,
      String lineId,
      UnitRef unit,
      ProblemType problem,
      String description,
      ClaimCoverage coverage,
      WarrantyCase warranty,
      Instant now) {
    return new ClaimCase(
        claimId,
        orderId,
        lineId,
        unit,
        problem,
        description,
        ClaimStatus.AWAITING_EVIDENCE,
        now,
        now,
        Set.of(),
        List.of(),
        null,
        null,
        coverage,
        warranty);
  }

  public ClaimCase {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(status, "status");
    received =
        received.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(received));
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(coverage, "coverage");
    if (coverage.isWarranty() != (warranty != null)) {
      throw new IllegalArgumentException(
          "claim " + claimId + ": a warranty claim, and only one, carries its warranty case");
    }
  }

  /** DOA-2, WAR-2: the kinds this claim needs. */
  public Set<EvidenceKind> required() {
    return coverage.requiredEvidence();
  }

  public boolean isWarranty() {
    return coverage.isWarranty();
  }

  /** DOA-2, WAR-2: the kinds still missing. */
  public Set<EvidenceKind> missing() {
    EnumSet<EvidenceKind> missing = EnumSet.copyOf(coverage.requiredEvidence());
    missing.removeAll(received);
    return java.util.Collections.unmodifiableSet(missing);
  }

  public boolean evidenceComplete() {
    return missing().isEmpty();
  }

  ClaimCase with(
      ClaimStatus next,
      Instant at,
      Set<EvidenceKind> nextReceived,
      List<EvidenceRejection> nextRejected,
      String nextMessage,
      String nextRefundId) {
    return with(next, at, nextReceived, nextRejected, nextMessage, nextRefundId, warranty);
  }

  ClaimCase with(
      ClaimStatus next,
      Instant at,
      Set<EvidenceKind> nextReceived,
      List<EvidenceRejection> nextRejected,
      String nextMessage,
      String nextRefundId,
      WarrantyCase nextWarranty) {
    return new ClaimCase(
        claimId,
        orderId,
        lineId,
        unit,
        problem,
        description,
        next,
        openedAt,
        next == status ? statusSince : at,
        nextReceived,
        nextRejected,
        nextMessage,
        nextRefundId,
        coverage,
        nextWarranty);
  }

  /**
   * This claim in {@code next} status since {@code at}, with the agent's message and refund id (if
   * any).
   */
  public ClaimCase decided(
      ClaimStatus next, Instant at, String agentMessage, String grantedRefundId) {
    return with(next, at, received, rejected, agentMessage, grantedRefundId);
  }

  /**
   * This warranty claim in {@code next} status since {@code at} with its warranty case updated
   * (WAR-3, WAR-4), the agent's message and refund id (if any).
   */
  public ClaimCase decided(
      ClaimStatus next,
      Instant at,
      String agentMessage,
      String grantedRefundId,
      WarrantyCase nextWarranty) {
    return with(next, at, received, rejected, agentMessage, grantedRefundId, nextWarranty);
  }

  /** This claim as it was under review, for re-deciding a recorded decision (DOA-4, WAR-3). */
  public ClaimCase underReview() {
    return with(ClaimStatus.UNDER_REVIEW, statusSince, received, rejected, null, null);
  }

  /** This claim with a piece of evidence received (status unchanged). */
  public ClaimCase withEvidence(EvidenceKind kind) {
    EnumSet<EvidenceKind> more =
        received.isEmpty() ? EnumSet.noneOf(EvidenceKind.class) : EnumSet.copyOf(received);
    more.add(kind);
    return with(status, statusSince, more, rejected, message, refundId);
  }

  /** This claim with a rejected file recorded (status unchanged). */
  public ClaimCase withRejection(EvidenceRejection rejection) {
    List<EvidenceRejection> more = new java.util.ArrayList<>(rejected);
    more.add(rejection);
    return with(status, statusSince, received, more, message, refundId);
  }
}
