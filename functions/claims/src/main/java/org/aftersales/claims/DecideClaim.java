package org.aftersales.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.decision.ClaimOutcomePolicy;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.WarrantyRemedies;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.Remedy;
import org.aftersales.shared.aws.DependencyFailures;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.StaleClaimException;

/**
 * {@code POST /claims/{claimId}/decision} (agent): an agent's decision on a claim under review,
 * decided by {@link ClaimOutcomePolicy} for a DOA claim (DOA-4, DOA-5) and by {@link
 * WarrantyRemedies} for a warranty claim (WAR-3's order, WAR-5's finding).
 *
 * <p>Order of effects, so that a retry or a second identical request never refunds twice: (1) the
 * decision is recorded on the claim (conditional on its version: of two agents racing, one wins,
 * the other gets {@code 409 claim-decided-meanwhile}, also when both asked for the same outcome:
 * only a request that finds its own decision already there on its first read is a replay and
 * answers {@code 200}); (2) the order is changed — refund on the ledger with its {@code dueBy} and
 * breakdown (GEN-5, GEN-8), unit status — in one conditional write while the unit still names the
 * claim as holder, re-decided on the current order, and skipped when the refund ({@code
 * RefundIds.of(CLAIM, claimId)}) is already there ({@link ClaimProgress#apply}). If (2) does not
 * happen (crash, timeout, contention), the order still says so: the next request that writes on the
 * claim — an upload request, an evidence file, this same decision again — finishes it first ({@link
 * ClaimProgress#refresh}), or else the hourly {@code ClaimExpiryFunction} ({@link
 * FinishHalfDoneClaims}); a GET meanwhile shows the refund the step will grant and writes nothing.
 * A different decision on a decided claim is {@code 409 illegal-transition}.
 */
record DecideClaim(ClaimPorts ports, ClaimProgress progress) {

  /** The request, validated for shape by the handler. */
  record Request(
      ClaimOutcome outcome,
      String componentId,
      Long amount,
      String currency,
      String message,
      String finding,
      Map<Remedy, String> ruledOut) {}

  /** The answer: the claim as stored and the refund granted (or null). */
  record Decided(Claim claim, PolicyDocument policy, Refund refund) {}

  private static final int ATTEMPTS = 3;

  Decided decide(Caller agent, String claimId, Request request) {
    Claim.AgentDecision seen = null;
    // This request's decisions as written, attempt by attempt: a write whose answer was lost (a
    // timeout after it was applied, or the SDK's retry of it losing to it) is found on the re-read.
    List<Claim.AgentDecision> tried = new ArrayList<>();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Claim claim = progress.current(claimId);
      if (tried.contains(claim.decision())) {
        return new Decided(claim, ports.policyOf(claim), progress.apply(claim));
      }
      if (attempt == 1) {
        seen = claim.decision();
      } else if (!java.util.Objects.equals(claim.decision(), seen)) {
        // Another agent's decision landed while this one was being made: this request lost the
        // race. It is never re-decided on a state its agent did not see.
        throw decidedMeanwhile(claim);
      }
      PolicyDocument policy = ports.policyOf(claim);
      if (claim.decision() != null
          && claim
              .decision()
              .sameRequestAs(
                  request.outcome(),
                  request.componentId(),
                  request.amount(),
                  request.message(),
                  request.finding(),
                  request.ruledOut())
          && request.outcome().leadsTo(claim.status())) {
        // the refund granted; an order step still to do is tried again, reporting why
        return new Decided(claim, policy, progress.apply(claim));
      }
      Order order = ports.orders().find(claim.orderId()).orElseThrow();
      String orderCurrency = order.spec().currency().getCurrencyCode();
      if (request.currency() != null && !request.currency().equals(orderCurrency)) {
        throw ApiProblem.badRequest(
            "amount.currency", "must be the order's currency " + orderCurrency + " (GEN-1)");
      }
      Instant now = ports.clock().instant();
      ClaimUpdate decided = Refusals.valueOf(decision(claim, order, policy, request, now));
      Claim.AgentDecision made =
          new Claim.AgentDecision(
              request.outcome(),
              request.componentId(),
              request.amount(),
              request.message(),
              agent.subject(),
              now,
              request.finding(),
              request.ruledOut());
      Claim changed = claim.withState(decided.claim(), made);
      Event announced =
          ClaimEvents.decision(
              changed, claim.version(), policy, decided.refund(), decided.explanation());
      Claim stored;
      tried.add(made);
      try {
        stored = ports.claims().replace(changed, ClaimEvents.announcing(announced));
      } catch (StaleClaimException concurrent) {
        continue; // evidence or another agent got there first: decide again on what is stored
      } catch (RuntimeException unknown) {
        if (attempt == ATTEMPTS || !DependencyFailures.isDependencyFailure(unknown)) {
          throw unknown;
        }
        continue; // applied or not: the re-read tells
      }
      return new Decided(stored, policy, progress.apply(stored));
    }
    throw ApiProblem.conflict(
        "claim-busy",
        "Claim busy",
        "The claim kept changing while deciding it; try again.",
        java.util.List.of("DOA-4"));
  }

  /** DOA-4, DOA-5 for a DOA claim; WAR-3, WAR-5 for a warranty claim. */
  private static Decision<ClaimUpdate> decision(
      Claim claim, Order order, PolicyDocument policy, Request request, Instant now) {
    if (claim.state().isWarranty()) {
      if (request.componentId() != null) {
        throw ApiProblem.badRequest(
            "componentId", "a warranty claim's remedies name no component (WAR-3)");
      }
      return WarrantyRemedies.decide(
          claim.state(),
          order,
          policy,
          new WarrantyRemedies.Request(
              request.outcome(),
              request.amount(),
              request.message(),
              request.finding(),
              request.ruledOut()),
          now);
    }
    if (request.finding() != null || !request.ruledOut().isEmpty()) {
      throw ApiProblem.badRequest(
          request.finding() != null ? "finding" : "ruledOut",
          "only a warranty claim's decision takes it (WAR-3, WAR-5)");
    }
    return ClaimOutcomePolicy.decide(
        claim.state(),
        order,
        policy,
        request.outcome(),
        request.componentId(),
        request.amount(),
        request.message(),
        now);
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
}
