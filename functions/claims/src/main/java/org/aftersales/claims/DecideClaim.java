package org.aftersales.claims;

import java.time.Instant;
import org.aftersales.policy.decision.ClaimOutcomePolicy;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.StaleClaimException;

/**
 * {@code POST /claims/{claimId}/decision} (agent): an agent's decision on a claim under review
 * (DOA-4, DOA-5), decided by {@link ClaimOutcomePolicy}.
 *
 * <p>Order of effects, so that a retry or a second identical request never refunds twice: (1) the
 * decision is recorded on the claim (conditional on its version: of two agents racing, one wins,
 * the other gets {@code 409 claim-decided-meanwhile}, also when both asked for the same outcome:
 * only a request that finds its own decision already there on its first read is a replay and
 * answers {@code 200}), the claim still holding its unit ({@code unitHeld}); (2) the order is
 * changed — refund on the ledger with its {@code dueBy} and breakdown (GEN-5, GEN-8), unit status —
 * in one conditional write, re-decided on the current order, and skipped when the refund ({@code
 * RefundIds.of(CLAIM, claimId)}) is already there; (3) {@code unitHeld} is cleared ({@link
 * ClaimHolds#apply}). If (2) or (3) does not happen (crash, timeout, contention), the claim still
 * says so: the next request touching it — a read, an upload request, an evidence file, this same
 * decision again — finishes them first ({@link ClaimExpiry#refresh}). A different decision on a
 * decided claim is {@code 409 illegal-transition}.
 */
final class DecideClaim {

  /** The request, validated for shape by the handler. */
  record Request(
      ClaimOutcome outcome, String componentId, Long amount, String currency, String message) {}

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
    Claim.AgentDecision seen = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Claim claim =
          ports
              .claims()
              .find(claimId)
              .flatMap(expiry::refresh)
              .orElseThrow(() -> ApiProblem.notFound("No claim " + claimId + "."));
      if (attempt == 1) {
        seen = claim.decision();
      } else if (!java.util.Objects.equals(claim.decision(), seen)) {
        // Another agent's decision landed while this one was being made: this request lost the
        // race. It is never re-decided on a state its agent did not see (issue 12).
        throw decidedMeanwhile(claim);
      }
      PolicyDocument policy = ports.policyOf(claim);
      if (claim.decision() != null
          && claim
              .decision()
              .sameRequestAs(
                  request.outcome(), request.componentId(), request.amount(), request.message())
          && claim.status() == request.outcome().status()) {
        if (claim
            .unitHeld()) { // its order step could not be finished on read: again, reporting why
          return answer(claim, expiry.holds().apply(claim), policy);
        }
        return new Decided(claim, policy, refundOf(claim));
      }
      if (!claim.unitHeld() && !claim.status().isFinal()) {
        continue; // still being opened by another request (ClaimHolds BUSY): look again
      }
      Order order = ports.orders().find(claim.orderId()).orElseThrow();
      String orderCurrency = order.spec().currency().getCurrencyCode();
      if (request.currency() != null && !request.currency().equals(orderCurrency)) {
        throw ApiProblem.badRequest(
            "amount.currency", "must be the order's currency " + orderCurrency + " (GEN-1)");
      }
      Instant now = ports.clock().instant();
      Decision<ClaimUpdate> decision =
          ClaimOutcomePolicy.decide(
              claim.state(),
              order,
              policy,
              request.outcome(),
              request.componentId(),
              request.amount(),
              request.message(),
              now);
      if (!decision.accepted()) {
        throw Refusals.toProblem(decision.refusal());
      }
      Claim.AgentDecision made =
          new Claim.AgentDecision(
              request.outcome(),
              request.componentId(),
              request.amount(),
              request.message(),
              agent.subject(),
              now);
      Claim stored;
      try {
        stored = ports.claims().replace(claim.withState(decision.value().claim(), made));
      } catch (StaleClaimException concurrent) {
        continue; // evidence or another agent got there first: decide again on what is stored
      }
      return answer(stored, expiry.holds().apply(stored), policy);
    }
    throw ApiProblem.conflict(
        "claim-busy",
        "Claim busy",
        "The claim kept changing while deciding it; try again.",
        java.util.List.of("DOA-4"));
  }

  /**
   * The answer to a request whose decision is {@code mine}'s: the claim as its order step left it,
   * unless another agent has decided on it since (a NEEDS_INFO is not final): then the decision
   * this request recorded, never the other one (issue 12).
   */
  private static Decided answer(Claim mine, ClaimHolds.Applied applied, PolicyDocument policy) {
    return java.util.Objects.equals(applied.claim().decision(), mine.decision())
        ? new Decided(applied.claim(), policy, applied.refund())
        : new Decided(mine, policy, null);
  }

  private static ApiProblem decidedMeanwhile(Claim claim) {
    return ApiProblem.conflict(
        "claim-decided-meanwhile",
        "Claim decided meanwhile",
        "Another decision ("
            + claim.decision().outcome()
            + ") was recorded on claim "
            + claim.claimId()
            + " while this one was being made; read the claim and decide again if needed.",
        java.util.List.of("DOA-4"));
  }

  /** The refund a decided claim granted, as on the order's ledger (or null). */
  private Refund refundOf(Claim claim) {
    String refundId = RefundIds.of(RefundSource.CLAIM, claim.claimId());
    return ports
        .orders()
        .find(claim.orderId())
        .flatMap(order -> order.refund(refundId))
        .orElse(null);
  }
}
