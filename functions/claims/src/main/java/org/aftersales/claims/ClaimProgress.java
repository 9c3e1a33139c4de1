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
 * The claim as of now, for every request that touches it. Each step is a claim write followed by
 * one conditional order write, and the order says whether the second half happened: an open claim
 * whose unit does not name it takes it or turns out void ({@link UnitHolds#takeOrVoid}); a decided
 * claim whose unit it still holds has its decision applied ({@link #apply}); an expired one still
 * holding its unit lets it go. A request that writes finishes such a step first ({@link #refresh}),
 * and so does the hourly sweep ({@link FinishHalfDoneClaims}, the same code); then DOA-7: a claim
 * that has waited for evidence longer than the policy allows is written EXPIRED and its unit
 * released (CLAIM_OPEN → ACTIVE, conditional on the order still naming the claim) by a request that
 * acts on it or by the hourly sweep ({@link ExpireOverdueClaims}); the claim write carries its
 * {@code ClaimExpired} (MSG-1), so whichever write lands announces it, once.
 *
 * <p>A GET never writes (docs/design.md "The unit holder"): it shows the claim as the finished step
 * would leave it, computed from the claim and its order as read ({@link #isVoid}, {@link
 * #refundShown}, {@link #shownAsOfNow}). Side effects: claim and order writes, from {@link
 * #refresh} and {@link #apply} only.
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
   * DOA-7 as a GET shows it: a claim past its deadline EXPIRED as of now (DOA-7's own rule, the
   * same as the write's), without storing it; the next request acting on the claim or the hourly
   * sweep ({@link ClaimExpiryHandler}) records it and releases the unit.
   */
  Claim shownAsOfNow(Claim claim) {
    Instant now = ports.clock().instant();
    return DoaPolicy.isExpired(claim.state(), ports.policyOf(claim), now)
        ? claim.withState(
            claim.state().decided(ClaimStatus.EXPIRED, now, claim.state().message(), null),
            claim.decision())
        : claim;
  }

  /**
   * Whether showing the claim depends on its order: an open claim may be void ({@link #isVoid}), a
   * claim with a refund shows it from the order's ledger ({@link #refundShown}).
   */
  static boolean showingReadsOrder(Claim claim) {
    return !claim.status().isFinal() || claim.state().refundId() != null;
  }

  /**
   * Whether the claim is void as {@link #refresh} would find it, without writing: still open, and
   * its unit on {@code order} neither names it nor is free for it to take ({@link
   * UnitHolds#canHold}, the rule of {@link UnitHolds#takeOrVoid}) — its opening never finished and
   * the repair deletes it (DOA-1). An open claim that can still take its unit is not void.
   */
  static boolean isVoid(Claim claim, Order order) {
    return !claim.status().isFinal() && !UnitHolds.canHold(claim.hold(), order);
  }

  /**
   * The refund a GET shows with the claim, without writing: the one on {@code order}'s ledger, or,
   * for a decided claim whose order step is still to do, the one that step will grant ({@link
   * #apply}'s own computation on {@code order}); null when there is none or the order refuses it
   * now (GEN-4: the repair records no refund then either).
   */
  Refund refundShown(Claim claim, Order order) {
    String refundId = claim.state().refundId();
    if (refundId == null) {
      return null;
    }
    Optional<Refund> recorded = order.refund(refundId);
    if (recorded.isPresent() || !claim.status().isDecided()) {
      return recorded.orElse(null);
    }
    try {
      return orderStep(claim, order).result();
    } catch (ApiProblem refused) {
      return null;
    }
  }

  /**
   * The claim as of now: interrupted steps finished, expired and released if DOA-7 says so. Empty
   * when the claim turned out void (it never got its unit and was deleted). {@code order}: the
   * claim's order as the caller read it, or null.
   */
  Optional<Claim> refresh(Claim claim, Order order) {
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
        Claim written = current.withState(expired.value().claim(), null);
        Claim stored =
            ports
                .claims()
                .replace(
                    written,
                    ClaimEvents.announcing(
                        ClaimEvents.expired(written, policy, expired.explanation())));
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
    if (claim.decision() == null) {
      return null;
    }
    return ports.orderUpdates().apply(claim.orderId(), order -> orderStep(claim, order));
  }

  /**
   * {@link #apply}'s change of {@code order}, computed without writing: the refund already on the
   * ledger, nothing while the unit does not name the claim, else the decision re-decided on it.
   * Throws the refusal when the order refuses it now (GEN-4).
   */
  private Change<Refund> orderStep(Claim claim, Order order) {
    Claim.AgentDecision made = claim.decision();
    if (made == null) {
      return Change.none(null);
    }
    String refundId = RefundIds.of(RefundSource.CLAIM, claim.claimId());
    Optional<Refund> existing = order.refund(refundId);
    if (existing.isPresent()) {
      return Change.none(existing.get());
    }
    UnitRef unit = claim.state().unit();
    if (order.statusOf(unit) != UnitStatus.CLAIM_OPEN
        || !order.holds(java.util.List.of(unit), claim.claimId())) {
      return Change.none(null);
    }
    PolicyDocument policy = ports.policyOf(claim);
    Decision<ClaimUpdate> again =
        claim.state().isWarranty()
            ? WarrantyRemedies.settle(claim.state(), order, policy, made.amount())
            : ClaimOutcomePolicy.decide(
                claim.state().underReview(),
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
  }

  /**
   * Whether a step of the claim was left half done: the order write that follows its claim write is
   * still to do (its unit to take, release or the decision's order step). Reads and writes nothing;
   * a decision the order refuses now (GEN-4) counts as not to do.
   */
  boolean halfDone(Claim claim, Order order) {
    if (!claim.status().isFinal()) {
      return !order.holds(claim.hold().units(), claim.hold().holder());
    }
    if (claim.status() == ClaimStatus.EXPIRED) {
      return order.holds(claim.hold().units(), claim.hold().holder());
    }
    try {
      return claim.status().isDecided() && orderStep(claim, order).next() != null;
    } catch (ApiProblem refused) {
      return false;
    }
  }
}
