package org.aftersales.claims;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.decision.ClaimOutcomePolicy;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.DoaPolicy;
import org.aftersales.policy.decision.WarrantyRemedies;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.OrderContentionException;
import org.aftersales.shared.store.OrderUpdates.Change;
import org.aftersales.shared.store.StaleClaimException;
import org.aftersales.shared.store.UnitHolds;

/**
 * The claim as of now, for every request that touches it. First the step a crash interrupted is
 * finished — each step is a claim write followed by one conditional order write, and the order says
 * whether it happened: an open claim whose unit does not name it takes it or turns out void ({@link
 * UnitHolds#takeOrVoid}); a decided claim whose unit it still holds has its decision applied
 * ({@link #apply}); an expired one still holding its unit lets it go. Then DOA-7: a claim that has
 * waited for evidence longer than the policy allows is written EXPIRED and its unit released
 * (CLAIM_OPEN → ACTIVE, conditional on the order still naming the claim) by a request that acts on
 * it or by the hourly sweep ({@link ExpireOverdueClaims}); a GET only shows it so ({@link #shown}).
 * Side effects: claim and order writes.
 */
final class ClaimProgress {

  private static final int ATTEMPTS = 3;

  private final ClaimPorts ports;
  private final UnitHolds holds;

  ClaimProgress(ClaimPorts ports) {
    this.ports = ports;
    this.holds = new UnitHolds(ports.orderUpdates());
  }

  /**
   * The stored claim {@code claimId} as of now ({@link #refresh(Claim)}), for a staff route that
   * sees every claim; {@code 404} when there is none.
   */
  Claim current(String claimId) {
    return ports
        .claims()
        .find(claimId)
        .flatMap(this::refresh)
        .orElseThrow(() -> ApiProblem.notFound("No claim " + claimId + "."));
  }

  /** Like {@link #refresh(Claim, Order)}, reading the order only when needed. */
  Optional<Claim> refresh(Claim claim) {
    return refresh(claim, null);
  }

  /**
   * The claim as of now: interrupted steps finished, expired and released if DOA-7 says so. Empty
   * when the claim turned out void (it never got its unit and was deleted). {@code order}: the
   * claim's order as the caller read it, or null.
   */
  Optional<Claim> refresh(Claim claim, Order order) {
    return refresh(claim, order, true);
  }

  /**
   * The claim as a GET shows it: interrupted steps finished as in {@link #refresh(Claim)}, then a
   * claim past DOA-7's deadline shown EXPIRED as of now (DOA-7's own rule, the same as the write's)
   * without storing it — a GET never writes an expiry. The next request acting on the claim or the
   * hourly sweep ({@link ClaimExpiryHandler}) records it and releases the unit.
   */
  Optional<Claim> shown(Claim claim) {
    return refresh(claim, null, false)
        .map(
            c -> {
              Instant now = ports.clock().instant();
              return DoaPolicy.isExpired(c.state(), ports.policyOf(c), now)
                  ? c.withState(
                      c.state().decided(ClaimStatus.EXPIRED, now, c.state().message(), null),
                      c.decision())
                  : c;
            });
  }

  /**
   * Like {@link #refresh(Claim, Order)}; with {@code expireOverdue} false a claim past DOA-7's
   * deadline stays stored as waiting.
   */
  private Optional<Claim> refresh(Claim claim, Order order, boolean expireOverdue) {
    if (!claim.status().isFinal() && !holdsItsUnit(claim, order)) {
      return Optional.empty();
    }
    if (claim.status() == ClaimStatus.EXPIRED) {
      holds.release(claim.hold(), order);
    } else if (claim.status().isDecided()) {
      try {
        apply(claim);
      } catch (ApiProblem | OrderContentionException notNow) {
        // the order refuses it now (GEN-4) or is too busy: the decision route re-applies it and
        // reports why (DecideClaim)
      }
    }
    Claim current = claim;
    if (!expireOverdue) {
      return Optional.of(current);
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      PolicyDocument policy = ports.policyOf(current);
      Instant now = ports.clock().instant();
      if (!DoaPolicy.isExpired(current.state(), policy, now)) {
        return Optional.of(current);
      }
      Order read = order != null ? order : ports.orders().find(current.orderId()).orElseThrow();
      Decision<ClaimUpdate> expired = DoaPolicy.expire(current.state(), read, policy, now);
      if (!expired.accepted()) {
        return Optional.of(current);
      }
      try {
        Claim stored = ports.claims().replace(current.withState(expired.value().claim(), null));
        holds.release(stored.hold(), null);
        return Optional.of(stored);
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

  /**
   * Whether an open claim holds its unit on the order (taking it if a crash stopped its opening
   * before); {@code false} when it is void and was deleted (DOA-1). The order write that takes the
   * unit is the one that opens the claim for good: it announces {@code ClaimAwaitingEvidence}
   * (MSG-1, MSG-2), whichever request makes it.
   */
  boolean holdsItsUnit(Claim claim, Order order) {
    List<Event> opening =
        claim.status() == ClaimStatus.AWAITING_EVIDENCE
            ? List.of(ClaimEvents.awaitingEvidence(claim, ports.policyOf(claim)))
            : List.of();
    return holds.takeOrVoid(claim, order, ports.claims(), opening);
  }

  /**
   * The order step of a recorded decision (DOA-4, DOA-5), once: while the claim still holds its
   * unit, re-decided on the current order from the claim as it was under review, at the decision's
   * instant (so {@code dueBy} is the same on every retry), refund and unit status in one
   * conditional write. A warranty claim's order step follows from the claim as it stands ({@link
   * WarrantyRemedies#settle}: dated by its {@code statusSince}; nothing while it tracks its unit,
   * WAR-4). The refund the decision granted (found on the ledger when applied before), or null.
   */
  Refund apply(Claim claim) {
    String refundId = RefundIds.of(RefundSource.CLAIM, claim.claimId());
    Claim.AgentDecision made = claim.decision();
    if (made == null) {
      return null;
    }
    ClaimCase before = claim.state().underReview();
    UnitRef unit = claim.state().unit();
    PolicyDocument policy = ports.policyOf(claim);
    return ports
        .orderUpdates()
        .apply(
            claim.orderId(),
            order -> {
              Optional<Refund> existing = order.refund(refundId);
              if (existing.isPresent()) {
                return Change.<Refund>none(existing.get());
              }
              if (order.statusOf(unit) != UnitStatus.CLAIM_OPEN
                  || !order.holds(java.util.List.of(unit), claim.claimId())) {
                return Change.<Refund>none(null);
              }
              Decision<ClaimUpdate> again =
                  claim.state().isWarranty()
                      ? WarrantyRemedies.settle(claim.state(), order, policy, made.amount())
                      : ClaimOutcomePolicy.decide(
                          before,
                          order,
                          policy,
                          made.outcome(),
                          made.componentId(),
                          made.amount(),
                          made.message(),
                          made.decidedAt());
              ClaimUpdate update = Refusals.valueOf(again);
              return update.order().equals(order)
                  ? Change.none(update.refund())
                  : Change.of(update.order(), update.refund());
            });
  }
}
