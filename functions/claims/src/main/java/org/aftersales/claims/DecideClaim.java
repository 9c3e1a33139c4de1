package org.aftersales.claims;

import java.time.Instant;
import java.util.Optional;
import org.aftersales.policy.decision.ClaimOutcomePolicy;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.StaleClaimException;

/**
 * {@code POST /claims/{claimId}/decision} (agent): an agent's decision on a claim under review
 * (DOA-4, DOA-5), decided by {@link ClaimOutcomePolicy}.
 *
 * <p>Order of effects, so that a retry or a second identical request never refunds twice: (1) the
 * decision is recorded on the claim (conditional on its version: of two agents racing, one
 * wins, the other gets {@code 409}); (2) the order is changed — refund on the ledger with its
 * {@code dueBy} and breakdown (GEN-5, GEN-8), unit status — in one conditional write, re-decided
 * on the current order, and skipped when the refund ({@code RefundIds.of(CLAIM, claimId)}) is
 * already there. The same decision sent again (after a failure between the two steps, say)
 * repeats step 2 only; a different decision on a decided claim is {@code 409
 * illegal-transition}.
 */
final class DecideClaim {

  /** The request, validated for shape by the handler. */
  record Request(ClaimOutcome outcome, String componentId, Long amount, String currency, String message) {}

  /** The answer: the claim as stored and the refund granted (or null). */
  record Decided(Claim claim, PolicyDocument policy, Refund refund) {}

  private static final int ATTEMPTS = 3;

  private final ClaimPorts ports;
  private final ClaimExpiry expiry;

  DecideClaim(ClaimPorts ports, ClaimExpiry expiry) {
    this.ports = ports;
    this.expiry = expiry;
  }

  Decided decide(Caller agent, String claimId, Request request) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Claim claim =
          expiry.refresh(
              ports.claims().find(claimId).orElseThrow(() -> ApiProblem.notFound("No claim " + claimId + ".")));
      PolicyDocument policy = ports.policyOf(claim);
      if (claim.decision() != null
          && claim.decision().sameRequestAs(request.outcome(), request.componentId(), request.amount(), request.message())
          && claim.status() == request.outcome().status()) {
        return new Decided(claim, policy, applyToOrder(claim, beforeDecision(claim.state()), claim.decision(), policy));
      }
      Order order = ports.orders().find(claim.orderId()).orElseThrow();
      String orderCurrency = order.spec().currency().getCurrencyCode();
      if (request.currency() != null && !request.currency().equals(orderCurrency)) {
        throw ApiProblem.badRequest("amount.currency", "must be the order's currency " + orderCurrency + " (GEN-1)");
      }
      Instant now = ports.clock().instant();
      Decision<ClaimUpdate> decision =
          ClaimOutcomePolicy.decide(
              claim.state(), order, policy, request.outcome(), request.componentId(), request.amount(), request.message(), now);
      if (!decision.accepted()) {
        throw Refusals.toProblem(decision.refusal());
      }
      Claim.AgentDecision made =
          new Claim.AgentDecision(
              request.outcome(), request.componentId(), request.amount(), request.message(), agent.subject(), now);
      Claim stored;
      try {
        stored = ports.claims().replace(claim.withState(decision.value().claim(), made));
      } catch (StaleClaimException concurrent) {
        continue; // evidence or another agent got there first: decide again on what is stored
      }
      return new Decided(stored, policy, applyToOrder(stored, claim.state(), made, policy));
    }
    throw ApiProblem.conflict(
        "claim-busy", "Claim busy", "The claim kept changing while deciding it; try again.", java.util.List.of("DOA-4"));
  }

  /**
   * Step 2: the order change of a recorded decision, once. Re-decides on the current order from
   * the claim as it was before the decision, at the decision's instant (so {@code dueBy} is the
   * same on every retry).
   */
  private Refund applyToOrder(Claim claim, ClaimCase before, Claim.AgentDecision made, PolicyDocument policy) {
    String refundId = RefundIds.of(RefundSource.CLAIM, claim.claimId());
    return ports.orderUpdates()
        .apply(
            claim.orderId(),
            order -> {
              Optional<Refund> existing = order.refund(refundId);
              if (existing.isPresent()) {
                return OrderUpdates.Change.none(existing.get());
              }
              Decision<ClaimUpdate> again =
                  ClaimOutcomePolicy.decide(
                      before, order, policy, made.outcome(), made.componentId(), made.amount(), made.message(), made.decidedAt());
              if (!again.accepted()) {
                throw Refusals.toProblem(again.refusal());
              }
              ClaimUpdate update = again.value();
              return update.order().equals(order)
                  ? OrderUpdates.Change.none(update.refund())
                  : OrderUpdates.Change.of(update.order(), update.refund());
            });
  }

  /** The claim as it was under review, for re-deciding a recorded decision. */
  private static ClaimCase beforeDecision(ClaimCase decided) {
    return new ClaimCase(
        decided.claimId(), decided.orderId(), decided.lineId(), decided.unit(), decided.problem(),
        decided.description(), ClaimStatus.UNDER_REVIEW, decided.openedAt(), decided.statusSince(), decided.received(),
        decided.rejected(), null, null);
  }
}
