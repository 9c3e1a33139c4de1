package org.aftersales.returns;

import java.util.Optional;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.StoredReturn;

/**
 * Finds a return the caller may see, with its order: agents and the warehouse see every return, a
 * customer only their own; anything else is {@code 404} exactly like a missing return (API.md).
 */
final class ReturnLookup {

  /** A visible return and its order as read. */
  record Found(StoredReturn stored, Order order) {}

  private final OrderRepository orders;
  private final ReturnRepository returns;

  ReturnLookup(OrderRepository orders, ReturnRepository returns) {
    this.orders = orders;
    this.returns = returns;
  }

  Found visible(Caller caller, String returnId) {
    StoredReturn stored =
        returns
            .find(returnId)
            .filter(r -> caller.has(Caller.Role.WAREHOUSE) || caller.canSeeCustomer(r.customerId()))
            .orElseThrow(() -> notFound(returnId));
    Order order = orders.find(stored.returnCase().orderId()).orElseThrow(() -> notFound(returnId));
    return new Found(stored, order);
  }

  /** The refund the return was granted, as it stands on the order's ledger now (GEN-5 status). */
  Optional<Refund> refundOf(StoredReturn stored) {
    String refundId = stored.returnCase().refundId();
    if (refundId == null) {
      return Optional.empty();
    }
    return orders.find(stored.returnCase().orderId()).flatMap(o -> o.refund(refundId));
  }

  static ApiProblem notFound(String returnId) {
    return ApiProblem.notFound("No return " + returnId + ".");
  }
}
