package org.aftersales.claims;

import java.time.Instant;
import java.util.List;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.WarrantyRemedies;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.RepairStep;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.StaleClaimException;

/**
 * {@code POST /claims/{claimId}/repair} (warehouse, agent): a step of a warranty claim's unit at
 * the store (WAR-4), decided by {@link WarrantyRemedies#recordStep}: RECEIVED → REPAIRED →
 * SHIPPED_BACK (the claim is REPAIRED and the unit's warranty extended), or UNREPAIRABLE (the claim
 * is back under review for WAR-3's next remedy); RECEIVED of a unit sent back for a refund against
 * its return grants that refund. The same step with the same data again answers the claim as it is
 * and writes nothing; with other data {@code 409 repair-step-conflict}; out of order {@code 409
 * illegal-transition}.
 *
 * <p>Side effects, as for a decision ({@link DecideClaim}): the claim item first (conditional on
 * its version: a step racing a decision or another step is decided again on what is stored), then
 * the order in one conditional write while the unit names the claim ({@link ClaimProgress#apply}:
 * refund, unit status, warranty extension); a crash between the two is finished by the next request
 * touching the claim.
 */
record RecordRepair(ClaimPorts ports, ClaimProgress progress) {

  /** The answer: the claim as stored and the refund its step granted (or null). */
  record Recorded(Claim claim, Refund refund) {}

  private static final int ATTEMPTS = 3;

  Recorded record(String claimId, RepairStep.Kind step, Instant at, String trackingNumber) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Claim claim = progress.current(claimId);
      Decision<ClaimCase> recorded =
          WarrantyRemedies.recordStep(
              claim.state(), step, at, trackingNumber, ports.clock().instant());
      ClaimCase next = Refusals.valueOf(recorded);
      if (next.equals(claim.state())) {
        return new Recorded(claim, progress.apply(claim)); // the same step again: nothing new
      }
      Claim changed = claim.withState(next, null);
      Event progressed =
          ClaimEvents.repairProgressed(
              changed,
              claim.version(),
              ports.policyOf(claim),
              next.warranty().steps().getLast(),
              recorded.explanation());
      Claim stored;
      try {
        stored = ports.claims().replace(changed, ClaimEvents.announcing(progressed));
      } catch (StaleClaimException concurrent) {
        continue; // a decision or another step got there first: decide again on what is stored
      }
      return new Recorded(stored, progress.apply(stored));
    }
    throw ApiProblem.conflict(
        "claim-busy",
        "Claim busy",
        "The claim kept changing while recording the step; try again.",
        List.of("WAR-4"));
  }
}
