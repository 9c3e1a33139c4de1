package org.aftersales.claims;

import java.util.List;
import java.util.Optional;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.Page;

/**
 * Finding claims. The GETs never write (docs/design.md "The unit holder"): one claim for its owner
 * or an agent ({@code GET /claims/{claimId}} and its remedies: another customer's claim is {@code
 * 404}, as if it did not exist), an order's claims, and the agents' queue by status ({@code GET
 * /claims?status=}), oldest first, a page at a time from the {@code ByStatus} index. A claim is
 * shown as the step a crash left half done will leave it once a write request or the hourly sweep
 * finishes it ({@link ClaimProgress#isVoid}: a void claim is {@code 404} and left out; {@link
 * ClaimProgress#refundShown}: a decision's refund shown before its order step is written), and
 * DOA-7's expiry as of now ({@link ClaimProgress#shownAsOfNow}). The queue reads no order: it shows
 * claims as stored, leaving out those DOA-7 has expired. Only {@link #visibleClaim}, for a request
 * that writes anyway, finishes an interrupted step first ({@link ClaimProgress#refresh}).
 */
record ClaimQueries(ClaimPorts ports, ClaimProgress progress) {

  /** A claim to show, with the refund it granted (or null) and whether DOA-7 expired it unseen. */
  record ClaimView(Claim claim, Refund refund, boolean expiredNow) {}

  /** One claim as a GET shows it, and its order as read for it (null when not needed). */
  record Shown(Claim claim, Refund refund, Order order) {}

  /**
   * The caller's claim as of now, steps a crash interrupted finished ({@link
   * ClaimProgress#refresh}), for a request that writes; {@code 404} when there is none the caller
   * may see.
   */
  Claim visibleClaim(Caller caller, String claimId) {
    return stored(caller, claimId).flatMap(progress::refresh).orElseThrow(() -> notFound(claimId));
  }

  /**
   * The caller's claim as a GET shows it, writing nothing: one read of the claim, and one of its
   * order when the claim's showing depends on it ({@link ClaimProgress#showingReadsOrder}) or
   * {@code withOrder}; {@code 404} when there is none the caller may see or it is void.
   */
  Shown shown(Caller caller, String claimId, boolean withOrder) {
    Claim claim = stored(caller, claimId).orElseThrow(() -> notFound(claimId));
    Order order =
        withOrder || ClaimProgress.showingReadsOrder(claim)
            ? ports.orders().find(claim.orderId()).orElseThrow()
            : null;
    if (order != null && ClaimProgress.isVoid(claim, order)) {
      throw notFound(claimId);
    }
    return new Shown(
        progress.shownAsOfNow(claim),
        order == null ? null : progress.refundShown(claim, order),
        order);
  }

  private Optional<Claim> stored(Caller caller, String claimId) {
    return ports.claims().find(claimId).filter(c -> caller.canSeeCustomer(c.customerId()));
  }

  private static ApiProblem notFound(String claimId) {
    return ApiProblem.notFound("No claim " + claimId + ".");
  }

  /**
   * The claims of the caller's order ({@code GET /orders/{orderId}/claims}): one read of the order
   * (another customer's is {@code 404}) and one query of index {@code ByOrder}; writes nothing. A
   * void claim is left out ({@link ClaimProgress#isVoid}); the others show their status as of now
   * (DOA-7 shown, not stored), each with its refund as of the order just read ({@link
   * ClaimProgress#refundShown}).
   */
  List<ClaimView> ofOrder(Caller caller, String orderId) {
    Order order = new Orders(ports.orders()).visibleTo(caller, orderId);
    return ports.claims().byOrder(orderId).stream()
        .filter(claim -> !ClaimProgress.isVoid(claim, order))
        .map(
            claim ->
                new ClaimView(
                    claim, progress.refundShown(claim, order), progress.isExpiredNow(claim)))
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
