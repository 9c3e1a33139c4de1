package org.aftersales.claims;

import java.time.Instant;
import java.util.Optional;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.DoaPolicy;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.StaleClaimException;

/**
 * The claim as of now, for every request that touches it: first any step a crash interrupted is
 * finished ({@link ClaimHolds#finish}), then DOA-7 is evaluated on read — there is no scheduled
 * sweep. Whenever a claim is read to be shown, uploaded to, decided, or its order's claims are read
 * to open a new one, a claim that has waited for evidence longer than the policy allows is written
 * EXPIRED and its unit is released (CLAIM_OPEN → ACTIVE on the order, then the claim's {@code
 * unitHeld} cleared). Until something reads it, it stays stored as waiting (the queue listing shows
 * it as expired without writing). Side effects: claim and order writes.
 */
final class ClaimExpiry {

  private final ClaimPorts ports;
  private final ClaimHolds holds;

  ClaimExpiry(ClaimPorts ports) {
    this.ports = ports;
    this.holds = new ClaimHolds(ports);
  }

  ClaimHolds holds() {
    return holds;
  }

  /**
   * The claim as of now: interrupted steps finished, expired and released if DOA-7 says so. Empty
   * when the claim turned out void (it never got its unit and was deleted).
   */
  Optional<Claim> refresh(Claim claim) {
    Optional<Claim> finished = holds.finish(claim);
    if (finished.isEmpty()) {
      return finished;
    }
    Claim current = finished.get();
    for (int attempt = 1; attempt <= 3; attempt++) {
      PolicyDocument policy = ports.policyOf(current);
      Instant now = ports.clock().instant();
      if (!DoaPolicy.isExpired(current.state(), policy, now)) {
        return Optional.of(current);
      }
      Order order = ports.orders().find(current.orderId()).orElseThrow();
      Decision<ClaimUpdate> expired = DoaPolicy.expire(current.state(), order, policy, now);
      if (!expired.accepted()) {
        return Optional.of(current);
      }
      try {
        Claim stored = ports.claims().replace(current.withState(expired.value().claim(), null));
        return Optional.of(holds.release(stored));
      } catch (StaleClaimException concurrent) {
        Optional<Claim> reread = ports.claims().find(current.claimId());
        if (reread.isEmpty()) {
          return Optional.empty();
        }
        current = reread.get();
      }
    }
    return Optional.of(current);
  }

  /** DOA-7 without writing: whether the listing should show the claim as expired. */
  boolean isExpiredNow(Claim claim) {
    return DoaPolicy.isExpired(claim.state(), ports.policyOf(claim), ports.clock().instant());
  }
}
