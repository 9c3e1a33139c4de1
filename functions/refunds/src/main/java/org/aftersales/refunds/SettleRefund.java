package org.aftersales.refunds;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundStatus;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.OrderAnswers;
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
 * allowance); earlier still is a {@code 400}. The same write records {@code RefundSettled} (MSG-1,
 * found in the difference by {@code OrderUpdates}) and the request's {@code Idempotency-Key} record
 * ({@link OrderAnswers}): a read and a write.
 */
record SettleRefund(OrderAnswers answers, ClockSkew skew) {

  SettleRefund(OrderUpdates updates, ClockSkew skew, Clock clock) {
    this(new OrderAnswers(updates, clock), skew);
  }

  /** The answer to {@code request}: {@code view} of the refund as settled. */
  ApiResponse settle(
      ApiGatewayV2Request request,
      Instant settledAt,
      String paymentReference,
      Function<Refund, ApiResponse> view) {
    String publicRefundId = request.pathParameter("refundId");
    PublicRefundId id =
        PublicRefundId.parse(publicRefundId).orElseThrow(() -> notFound(publicRefundId));
    try {
      return answers.answer(
          request,
          id.orderId(),
          order -> true,
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
          },
          (refund, order) -> view.apply(refund));
    } catch (NoSuchOrderException e) {
      throw notFound(publicRefundId);
    }
  }

  private static ApiProblem notFound(String publicRefundId) {
    return ApiProblem.notFound("No refund " + publicRefundId + ".");
  }
}
