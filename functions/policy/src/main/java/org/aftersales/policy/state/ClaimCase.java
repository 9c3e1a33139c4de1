package org.aftersales.policy.state;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.order.UnitRef;

/**
 * A DOA claim (DOA-2): the order, line and unit it is about, the reported problem, the evidence
 * received and rejected, its {@link ClaimStatus} since {@code statusSince}, and once decided the
 * agent's {@code message}/reason and the {@code refundId} if one was granted.
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
    String refundId) {

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
  }

  /** DOA-2: the kinds still missing. */
  public Set<EvidenceKind> missing() {
    EnumSet<EvidenceKind> missing = EnumSet.allOf(EvidenceKind.class);
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
        nextRefundId);
  }

  /**
   * This claim in {@code next} status since {@code at}, with the agent's message and refund id (if
   * any).
   */
  public ClaimCase decided(
      ClaimStatus next, Instant at, String agentMessage, String grantedRefundId) {
    return with(next, at, received, rejected, agentMessage, grantedRefundId);
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
