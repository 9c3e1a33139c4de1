package org.aftersales.claims;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.DoaPolicy;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.StaleClaimException;

/**
 * DOA-7, evaluated on read: there is no scheduled sweep. Whenever a claim is read to be shown,
 * uploaded to, decided, or its order's claims are read to open a new one, a claim that has
 * waited for evidence longer than the policy allows is written EXPIRED and its unit is released
 * (CLAIM_OPEN → ACTIVE on the order). Until something reads it, it stays stored as waiting (the
 * queue listing shows it as expired without writing). Side effects: one conditional claim write
 * and one order write per expired claim.
 */
final class ClaimExpiry {

  private final ClaimPorts ports;

  ClaimExpiry(ClaimPorts ports) {
    this.ports = ports;
  }

  /** The claim as of now: expired and released if DOA-7 says so, else as given. */
  Claim refresh(Claim claim) {
    Claim current = claim;
    for (int attempt = 1; attempt <= 3; attempt++) {
      PolicyDocument policy = ports.policyOf(current);
      Instant now = ports.clock().instant();
      if (!DoaPolicy.isExpired(current.state(), policy, now)) {
        return current;
      }
      Order order = ports.orders().find(current.orderId()).orElseThrow();
      Decision<ClaimUpdate> expired = DoaPolicy.expire(current.state(), order, policy, now);
      if (!expired.accepted()) {
        return current;
      }
      try {
        Claim stored = ports.claims().replace(current.withState(expired.value().claim(), null));
        release(stored);
        return stored;
      } catch (StaleClaimException concurrent) {
        Optional<Claim> reread = ports.claims().find(current.claimId());
        if (reread.isEmpty()) {
          return current;
        }
        current = reread.get();
      }
    }
    return current;
  }

  /** The claim's unit is free again for a return or a new claim. */
  void release(Claim claim) {
    ports.orderUpdates()
        .apply(
            claim.orderId(),
            order ->
                order.statusOf(claim.state().unit()) == UnitStatus.CLAIM_OPEN
                    ? OrderUpdates.Change.of(order.withUnitStatuses(Map.of(claim.state().unit(), UnitStatus.ACTIVE)), null)
                    : OrderUpdates.Change.none(null));
  }

  /** DOA-7 without writing: whether the listing should show the claim as expired. */
  boolean isExpiredNow(Claim claim) {
    return DoaPolicy.isExpired(claim.state(), ports.policyOf(claim), ports.clock().instant());
  }
}
