package org.aftersales.returns;

import java.util.Optional;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StoredReturn;

/**
 * Finds a return the caller may see, with its order: agents and the warehouse see every return, a
 * customer only their own; anything else is {@code 404} exactly like a missing return
 * (openapi.yaml).
 */
record ReturnLookup(OrderRepository orders, ReturnRepository returns) {

  /** A visible return and its order as read. */
  record Found(StoredReturn stored, Order order) {}

  /**
   * A return to show: as it stands, the refund it was granted (if any), and why it came out so
   * (null when nothing was decided now).
   */
  record Shown(StoredReturn stored, Optional<Refund> refund, Explanation explanation) {}

  Found visible(Caller caller, String returnId) {
    StoredReturn stored =
        returns
            .find(returnId)
            .filter(r -> caller.has(Caller.Role.WAREHOUSE) || caller.canSeeCustomer(r.customerId()))
            .orElseThrow(() -> notFound(returnId));
    Order order = orders.find(stored.state().orderId()).orElseThrow(() -> notFound(returnId));
    return new Found(stored, order);
  }

  /** The return after a step, with its refund as it stands now. */
  Shown show(ReturnProgress.Stepped done) {
    return new Shown(done.stored(), refundOf(done.stored()), done.explanation());
  }

  /** The refund the return was granted, as it stands on the order's ledger now (GEN-5 status). */
  Optional<Refund> refundOf(StoredReturn stored) {
    return new Orders(orders).refund(stored.orderId(), stored.state().refundId());
  }

  static ApiProblem notFound(String returnId) {
    return ApiProblem.notFound("No return " + returnId + ".");
  }
}
