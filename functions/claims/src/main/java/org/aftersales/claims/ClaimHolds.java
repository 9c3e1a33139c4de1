package org.aftersales.claims;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aftersales.policy.decision.ClaimOutcomePolicy;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.NoSuchOrderException;
import org.aftersales.shared.store.OrderContentionException;
import org.aftersales.shared.store.OrderUpdates.Change;
import org.aftersales.shared.store.StaleClaimException;
import org.aftersales.shared.store.StaleOrderException;

/**
 * Keeps a claim item and its order's unit in step without transactions (docs/design.md): two items,
 * conditional writes, and the claim's {@code unitHeld} flag saying which side is done.
 *
 * <ul>
 *   <li><b>Take</b> (opening, DOA-1): the claim is written with {@code unitHeld = false}, then its
 *       unit goes ACTIVE → CLAIM_OPEN on the order, then the flag is set.
 *   <li><b>Apply</b> (decision, DOA-4/DOA-5): the decision is written on the claim (flag still
 *       set), then the order (refund with the id {@code RefundIds.of(CLAIM, claimId)}, unit
 *       status), then the flag is cleared.
 *   <li><b>Let go</b> (expiry, DOA-7): the claim becomes EXPIRED (flag still set), then its unit
 *       goes CLAIM_OPEN → ACTIVE unless another claim holds it, then the flag is cleared.
 * </ul>
 *
 * <p>{@link #finish} completes whichever step a crash interrupted; every request that touches a
 * claim calls it first. The ambiguous state is a claim not holding its unit while the unit is
 * CLAIM_OPEN: another claim that holds it wins (ours is deleted: it never existed for the client);
 * another one still being opened (younger than {@link #IN_FLIGHT}) makes us answer "busy";
 * otherwise the unit is ours (our own attempt took it and died). A unit CLAIM_OPEN that no claim
 * holds nor is opening (a crash of the former order-first protocol) is released by {@link
 * #releaseOrphans}. The order does not record which claim holds a unit and the {@code ByOrder}
 * index is eventually consistent, so ownership read from it can lag by the index's propagation
 * delay. Side effects: order and claim item writes.
 */
final class ClaimHolds {

  /**
   * Longer than any request can run (API Gateway gives up after 30 s): a claim older than this that
   * does not hold its unit belongs to a request that has died.
   */
  static final Duration IN_FLIGHT = Duration.ofSeconds(60);

  private static final int ATTEMPTS = 8;

  /** Where settling a not-yet-holding claim ended. */
  enum Outcome {
    /** The claim holds its unit (or is past needing it). */
    HELD,
    /** The unit went to something else: the claim was deleted. */
    VOID,
    /** Another claim for the same unit is being opened right now: retry later. */
    BUSY
  }

  record Settlement(Outcome outcome, Claim claim) {}

  /** A decision's order step done: the claim as stored and the refund it granted (or null). */
  record Applied(Claim claim, Refund refund) {}

  private enum Take {
    TAKEN_NOW,
    ALREADY_OPEN,
    UNAVAILABLE
  }

  private final ClaimPorts ports;

  ClaimHolds(ClaimPorts ports) {
    this.ports = ports;
  }

  /**
   * The claim with any interrupted step finished: taken if it does not hold its unit yet, its
   * decision applied to the order, its unit released if it expired. Empty when the claim turned out
   * void (deleted: its unit belongs to another claim or is no longer claimable).
   */
  Optional<Claim> finish(Claim claim) {
    Claim current = claim;
    if (!current.unitHeld() && !current.status().isFinal()) {
      Settlement settled = settle(current, false);
      if (settled.outcome() == Outcome.VOID) {
        return Optional.empty();
      }
      current = settled.claim();
    }
    if (current.unitHeld() && current.status() == ClaimStatus.EXPIRED) {
      current = release(current);
    } else if (current.unitHeld() && current.status().isDecided()) {
      try {
        current = apply(current).claim();
      } catch (ApiProblem | OrderContentionException notNow) {
        // the order refuses it now (GEN-4) or is too busy: the claim keeps its flag, and the
        // decision route re-applies it and reports why (DecideClaim)
      }
    }
    return Optional.of(current);
  }

  /** Whether the claim is being opened right now by a request that may still finish it. */
  boolean inFlight(Claim claim, Instant now) {
    return !claim.unitHeld()
        && !claim.status().isFinal()
        && claim.state().openedAt().plus(IN_FLIGHT).isAfter(now);
  }

  /**
   * Makes a claim hold its unit if it does not yet. {@code justCreated}: this request wrote the
   * item a moment ago, so a unit already CLAIM_OPEN was taken by another claim.
   */
  Settlement settle(Claim claim, boolean justCreated) {
    Claim current = claim;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (current.unitHeld() || current.status().isFinal()) {
        return new Settlement(Outcome.HELD, current);
      }
      UnitRef unit = current.state().unit();
      Take take = ports.orderUpdates().apply(current.orderId(), order -> take(order, unit));
      Outcome outcome =
          switch (take) {
            case TAKEN_NOW -> Outcome.HELD;
            case UNAVAILABLE -> Outcome.VOID;
            case ALREADY_OPEN -> justCreated ? Outcome.VOID : ownerOfOpenUnit(current);
          };
      try {
        return switch (outcome) {
          case HELD ->
              new Settlement(Outcome.HELD, ports.claims().replace(current.withUnitHeld(true)));
          case BUSY -> new Settlement(Outcome.BUSY, current);
          case VOID -> {
            if (ports.claims().delete(current)) {
              yield new Settlement(Outcome.VOID, current);
            }
            throw new StaleClaimException(current.claimId(), current.version());
          }
        };
      } catch (StaleClaimException moved) {
        Optional<Claim> reread = ports.claims().find(current.claimId());
        if (reread.isEmpty()) {
          return new Settlement(Outcome.VOID, current);
        }
        current = reread.get();
        justCreated = false;
      }
    }
    return new Settlement(Outcome.BUSY, current);
  }

  /**
   * Step 2 of a recorded decision (DOA-4, DOA-5), once: re-decided on the current order from the
   * claim as it was under review, at the decision's instant (so {@code dueBy} is the same on every
   * retry), skipped when the claim's refund is already on the ledger; then the flag is cleared.
   */
  Applied apply(Claim decided) {
    Claim current = decided;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Refund refund = current.decision() == null ? null : applyToOrder(current);
      if (!current.unitHeld()) {
        return new Applied(current, refund);
      }
      try {
        return new Applied(ports.claims().replace(current.withUnitHeld(false)), refund);
      } catch (StaleClaimException moved) {
        current = ports.claims().find(current.claimId()).orElseThrow();
      }
    }
    throw new IllegalStateException(
        "claim " + decided.claimId() + " kept changing while its decision was applied");
  }

  /**
   * DOA-7: the unit of an EXPIRED claim that still holds it goes back to ACTIVE, unless another
   * claim holds it or is being opened for it; then the flag is cleared.
   */
  Claim release(Claim expired) {
    Claim current = expired;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (!current.unitHeld() || current.status() != ClaimStatus.EXPIRED) {
        return current;
      }
      UnitRef unit = current.state().unit();
      releaseUnowned(current.orderId(), current.claimId(), order -> Set.of(unit));
      try {
        return ports.claims().replace(current.withUnitHeld(false));
      } catch (StaleClaimException moved) {
        current = ports.claims().find(current.claimId()).orElse(current.withUnitHeld(false));
      }
    }
    throw new IllegalStateException(
        "claim " + expired.claimId() + " kept changing while its unit was released");
  }

  /**
   * Units of {@code lineId} that are CLAIM_OPEN on the order while no claim of the order holds them
   * or is being opened for them go back to ACTIVE (a crash of the former order-first protocol left
   * them locked). Whether any was released.
   */
  boolean releaseOrphans(String orderId, String lineId) {
    return releaseUnowned(orderId, null, order -> Set.copyOf(order.unitsOfLine(lineId)));
  }

  /**
   * Puts the {@code candidates} that are CLAIM_OPEN and owned by no claim (other than {@code
   * except}) back to ACTIVE. The order is read before the claims and written only at the version
   * read: a claim that took a unit after the order was read makes the write fail and the check run
   * again; one that took it before was written (claim first) before the claims were read.
   */
  private boolean releaseUnowned(
      String orderId, String except, Function<Order, Set<UnitRef>> candidates) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Order order =
          ports.orders().find(orderId).orElseThrow(() -> new NoSuchOrderException(orderId));
      Set<UnitRef> open =
          candidates.apply(order).stream()
              .filter(u -> order.statusOf(u) == UnitStatus.CLAIM_OPEN)
              .collect(Collectors.toCollection(HashSet::new));
      if (!open.isEmpty()) {
        open.removeAll(ownedUnits(orderId, except));
      }
      if (open.isEmpty()) {
        return false;
      }
      try {
        ports
            .orders()
            .replace(
                order.withUnitStatuses(
                    open.stream().collect(Collectors.toMap(u -> u, u -> UnitStatus.ACTIVE))));
        return true;
      } catch (StaleOrderException changed) {
        // someone wrote the order since it was read: read the order and the claims again
      }
    }
    throw new OrderContentionException(orderId, ATTEMPTS);
  }

  private static Change<Take> take(Order order, UnitRef unit) {
    UnitStatus status = order.statusOf(unit);
    if (status == UnitStatus.ACTIVE) {
      return Change.of(order.withUnitStatuses(Map.of(unit, UnitStatus.CLAIM_OPEN)), Take.TAKEN_NOW);
    }
    return Change.none(status == UnitStatus.CLAIM_OPEN ? Take.ALREADY_OPEN : Take.UNAVAILABLE);
  }

  /** The unit CLAIM_OPEN, ours not holding it: whose is it? (see the class comment) */
  private Outcome ownerOfOpenUnit(Claim ours) {
    Instant now = ports.clock().instant();
    List<Claim> rivals =
        ports.claims().ofOrder(ours.orderId()).stream()
            .filter(
                c ->
                    !c.claimId().equals(ours.claimId())
                        && c.state().unit().equals(ours.state().unit()))
            .toList();
    if (rivals.stream().anyMatch(ClaimHolds::holds)) {
      return Outcome.VOID;
    }
    return rivals.stream().anyMatch(c -> inFlight(c, now)) ? Outcome.BUSY : Outcome.HELD;
  }

  /** Units that a claim of the order (other than {@code except}) holds or is being opened for. */
  private Set<UnitRef> ownedUnits(String orderId, String except) {
    Instant now = ports.clock().instant();
    return ports.claims().ofOrder(orderId).stream()
        .filter(c -> !c.claimId().equals(except))
        .filter(c -> holds(c) || inFlight(c, now))
        .map(c -> c.state().unit())
        .collect(Collectors.toSet());
  }

  /** A claim that took its unit and has not let it go (an expired one is letting it go). */
  private static boolean holds(Claim claim) {
    return claim.unitHeld() && claim.status() != ClaimStatus.EXPIRED;
  }

  private Refund applyToOrder(Claim claim) {
    String refundId = RefundIds.of(RefundSource.CLAIM, claim.claimId());
    Claim.AgentDecision made = claim.decision();
    ClaimCase before = beforeDecision(claim.state());
    var policy = ports.policyOf(claim);
    return ports
        .orderUpdates()
        .apply(
            claim.orderId(),
            order -> {
              Optional<Refund> existing = order.refund(refundId);
              if (existing.isPresent()) {
                return Change.none(existing.get());
              }
              Decision<ClaimUpdate> again =
                  ClaimOutcomePolicy.decide(
                      before,
                      order,
                      policy,
                      made.outcome(),
                      made.componentId(),
                      made.amount(),
                      made.message(),
                      made.decidedAt());
              if (!again.accepted()) {
                throw Refusals.toProblem(again.refusal());
              }
              ClaimUpdate update = again.value();
              return update.order().equals(order)
                  ? Change.none(update.refund())
                  : Change.of(update.order(), update.refund());
            });
  }

  /** The claim as it was under review, for re-deciding a recorded decision. */
  private static ClaimCase beforeDecision(ClaimCase decided) {
    return new ClaimCase(
        decided.claimId(),
        decided.orderId(),
        decided.lineId(),
        decided.unit(),
        decided.problem(),
        decided.description(),
        ClaimStatus.UNDER_REVIEW,
        decided.openedAt(),
        decided.statusSince(),
        decided.received(),
        decided.rejected(),
        null,
        null);
  }
}
