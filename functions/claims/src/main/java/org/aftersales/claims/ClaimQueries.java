package org.aftersales.claims;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.Page;

/**
 * The read side: one claim for its owner or an agent ({@code GET /claims/{claimId}}: another
 * customer's claim is {@code 404}, as if it did not exist), and the agents' queue by status ({@code
 * GET /claims?status=}), oldest first, a page at a time from the {@code ByStatus} index. Reading
 * one claim first finishes a step a crash interrupted (taking its unit, applying its decision's
 * refund, releasing an expired claim's unit) and shows DOA-7's expiry without storing it ({@link
 * ClaimProgress#shown}); the queue does not write and leaves out claims that DOA-7 has expired.
 */
record ClaimQueries(ClaimPorts ports, ClaimProgress progress) {

  /** A claim to show, with the refund it granted (or null) and whether DOA-7 expired it unseen. */
  record ClaimView(Claim claim, Refund refund, boolean expiredNow) {}

  /** The caller's claim as of now; {@code 404} when there is none the caller may see. */
  Claim visibleClaim(Caller caller, String claimId) {
    return visible(caller, claimId, progress::refresh);
  }

  /**
   * The caller's claim as a GET shows it ({@link ClaimProgress#shown}: DOA-7's expiry shown, not
   * stored); {@code 404} when there is none the caller may see.
   */
  Claim shownClaim(Caller caller, String claimId) {
    return visible(caller, claimId, progress::shown);
  }

  private Claim visible(Caller caller, String claimId, Function<Claim, Optional<Claim>> step) {
    return ports
        .claims()
        .find(claimId)
        .filter(c -> caller.canSeeCustomer(c.customerId()))
        .flatMap(step)
        .orElseThrow(() -> ApiProblem.notFound("No claim " + claimId + "."));
  }

  ClaimView view(Caller caller, String claimId) {
    Claim claim = shownClaim(caller, claimId);
    return new ClaimView(claim, refundOf(claim), false);
  }

  Refund refundOf(Claim claim) {
    return new Orders(ports.orders())
        .refund(claim.orderId(), claim.state().refundId())
        .orElse(null);
  }

  /**
   * The claims of the caller's order ({@code GET /orders/{orderId}/claims}): one read of the order
   * (another customer's is {@code 404}) and one query of index {@code ByOrder}; writes nothing. A
   * claim still open whose unit the order does not show it holding is left out: its opening never
   * finished (it is void, DOA-1, and the next read of it deletes it). Status as of now (DOA-7
   * shown, not stored), each with its refund from the order just read.
   */
  List<ClaimView> ofOrder(Caller caller, String orderId) {
    Order order = new Orders(ports.orders()).visibleTo(caller, orderId);
    return ports.claims().byOrder(orderId).stream()
        .filter(
            claim ->
                claim.status().isFinal()
                    || order.holds(claim.hold().units(), claim.hold().holder()))
        .map(
            claim ->
                new ClaimView(
                    claim,
                    claim.state().refundId() == null
                        ? null
                        : order.refund(claim.state().refundId()).orElse(null),
                    progress.isExpiredNow(claim)))
        .toList();
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
