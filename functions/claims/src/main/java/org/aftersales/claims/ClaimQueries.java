package org.aftersales.claims;

import java.util.List;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.Page;

/**
 * The read side: one claim for its owner or an agent ({@code GET /claims/{claimId}}: another
 * customer's claim is {@code 404}, as if it did not exist), and the agents' queue by status ({@code
 * GET /claims?status=}), oldest first, a page at a time from the {@code ByStatus} index. Reading
 * one claim first finishes a step a crash interrupted (taking its unit, applying its decision's
 * refund, releasing an expired claim's unit) and applies DOA-7 ({@link ClaimProgress}); the queue
 * does not write and leaves out claims that DOA-7 has expired.
 */
final class ClaimQueries {

  /** A claim to show, with the refund it granted (or null) and whether DOA-7 expired it unseen. */
  record ClaimView(Claim claim, Refund refund, boolean expiredNow) {}

  private final ClaimPorts ports;
  private final ClaimProgress progress;

  ClaimQueries(ClaimPorts ports, ClaimProgress progress) {
    this.ports = ports;
    this.progress = progress;
  }

  /** The caller's claim as of now; {@code 404} when there is none the caller may see. */
  Claim visibleClaim(Caller caller, String claimId) {
    return ports
        .claims()
        .find(claimId)
        .filter(c -> caller.canSeeCustomer(c.customerId()))
        .flatMap(progress::refresh)
        .orElseThrow(() -> ApiProblem.notFound("No claim " + claimId + "."));
  }

  ClaimView view(Caller caller, String claimId) {
    Claim claim = visibleClaim(caller, claimId);
    return new ClaimView(claim, refundOf(claim), false);
  }

  Refund refundOf(Claim claim) {
    String refundId = claim.state().refundId();
    if (refundId == null) {
      return null;
    }
    return ports
        .orders()
        .find(claim.orderId())
        .flatMap(order -> order.refund(refundId))
        .orElse(null);
  }

  Page<ClaimView> queue(ClaimStatus status, String cursor, int limit) {
    Page<Claim> page = ports.claims().withStatus(status, cursor, limit);
    List<ClaimView> shown =
        page.items().stream()
            .filter(claim -> !(status.awaitsUploads() && progress.isExpiredNow(claim)))
            .map(claim -> new ClaimView(claim, null, false))
            .toList();
    return new Page<>(shown, page.nextCursor());
  }
}
