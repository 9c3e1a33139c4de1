package org.aftersales.refunds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundStatus;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.store.NoSuchOrderException;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.time.ClockSkew;

/**
 * {@code POST /refunds/{refundId}/settlement} for the payment integration: marks the refund SETTLED
 * with its payment reference (GEN-5) in one conditional write on its order (found from the public
 * id {@code {orderId}~{ledger id}}, {@link PublicRefundId}). Settling again with the same reference
 * changes nothing and answers the refund as settled; with a different reference it is a {@code 409
 * refund-already-settled}. Unknown id → 404. The provider's {@code settledAt} may be before the
 * grant by the clock-skew allowance ({@link ClockSkew}: the grant truncated to seconds, less the
 * allowance); earlier still is a {@code 400}.
 */
final class SettleRefund {

  private final OrderUpdates updates;
  private final ClockSkew skew;

  SettleRefund(OrderUpdates updates, ClockSkew skew) {
    this.updates = updates;
    this.skew = skew;
  }

  /** The refund as settled. */
  Refund settle(String publicRefundId, Instant settledAt, String paymentReference) {
    PublicRefundId id =
        PublicRefundId.parse(publicRefundId).orElseThrow(() -> notFound(publicRefundId));
    try {
      return updates.apply(
          id.orderId(),
          order -> {
            Refund refund = order.refund(id.refundId()).orElseThrow(() -> notFound(publicRefundId));
            if (refund.status() == RefundStatus.SETTLED) {
              if (!Objects.equals(refund.paymentReference(), paymentReference)) {
                throw ApiProblem.conflict(
                    "refund-already-settled",
                    "Refund already settled",
                    "Refund "
                        + publicRefundId
                        + " was already settled on "
                        + refund.settledAt()
                        + " with another payment reference.",
                    List.of("GEN-5"));
              }
              return OrderUpdates.Change.none(refund);
            }
            if (skew.isBefore(settledAt, refund.grantedAt())) {
              throw ApiProblem.badRequest(
                  "settledAt",
                  "must not be before the refund was granted ("
                      + refund.grantedAt()
                      + "; the payment provider's clock may be behind by "
                      + skew.allowance()
                      + ", so the earliest accepted is "
                      + skew.earliestAfter(refund.grantedAt())
                      + ")");
            }
            var settled = order.settleRefund(refund.refundId(), settledAt, paymentReference);
            return OrderUpdates.Change.of(settled, settled.refund(refund.refundId()).orElseThrow());
          });
    } catch (NoSuchOrderException e) {
      throw notFound(publicRefundId);
    }
  }

  private static ApiProblem notFound(String publicRefundId) {
    return ApiProblem.notFound("No refund " + publicRefundId + ".");
  }
}
