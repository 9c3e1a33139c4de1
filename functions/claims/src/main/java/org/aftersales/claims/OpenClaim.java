package org.aftersales.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.DoaPolicy;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.OrderUpdates;

/**
 * {@code POST /orders/{orderId}/claims}: opens a DOA claim (DOA-1, DOA-2) for the first
 * delivered ACTIVE unit of the line, within the DOA window (else {@code 422 doa-window-closed}
 * naming the warranty, RET-7), and issues an upload slot per required kind (DOA-3).
 *
 * <p>Side effects, in this order: claims of the order that waited too long are expired first
 * (DOA-7, so their units are free again); the unit becomes CLAIM_OPEN on the order (one
 * conditional write, re-decided on a concurrent change); the claim item is created. If creating
 * the claim fails, the unit is released again before the error propagates.
 */
final class OpenClaim {

  /** The answer: the stored claim and its three upload slots. */
  record Opened(Claim claim, PolicyDocument policy, List<UploadSlots.UploadSlot> uploads) {}

  private final ClaimPorts ports;
  private final ClaimExpiry expiry;
  private final UploadSlots slots;

  OpenClaim(ClaimPorts ports, ClaimExpiry expiry, UploadSlots slots) {
    this.ports = ports;
    this.expiry = expiry;
    this.slots = slots;
  }

  Opened open(Caller caller, String orderId, String lineId, ProblemType problem, String description) {
    Order order = ports.orders().find(orderId).filter(o -> caller.canSeeCustomer(o.spec().customerId()))
        .orElseThrow(() -> ApiProblem.notFound("No order " + orderId + "."));
    ports.claims().ofOrder(orderId).forEach(expiry::refresh);
    PolicyDocument policy = ports.policy(order.policyVersion());
    String claimId = "cl-" + UUID.randomUUID();
    Decision<ClaimUpdate> decision =
        ports.orderUpdates()
            .apply(
                orderId,
                current -> {
                  Decision<ClaimUpdate> d =
                      DoaPolicy.open(current, policy, claimId, lineId, problem, description, ports.clock().instant());
                  return d.accepted() ? OrderUpdates.Change.of(d.value().order(), d) : OrderUpdates.Change.none(d);
                });
    if (!decision.accepted()) {
      throw Refusals.toProblem(decision.refusal());
    }
    Claim claim = Claim.opened(decision.value().claim(), order.spec().customerId(), order.policyVersion());
    try {
      if (!ports.claims().create(claim)) {
        throw new IllegalStateException("claim id collision: " + claimId);
      }
    } catch (RuntimeException e) {
      try {
        expiry.release(claim);
      } catch (RuntimeException releaseFailure) {
        e.addSuppressed(releaseFailure);
      }
      throw e;
    }
    Claim stored = claim.withVersion(1);
    List<UploadSlots.UploadSlot> uploads = new ArrayList<>();
    for (EvidenceKind kind : EvidenceKind.values()) {
      uploads.add(slots.issue(claimId, kind, UploadSlots.DEFAULT_CONTENT_TYPE, policy));
    }
    return new Opened(stored, policy, uploads);
  }
}
