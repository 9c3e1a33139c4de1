package org.aftersales.returns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.OrderUpdates.Change;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.StaleReturnException;
import org.aftersales.shared.store.ReturnRepository.StoredReturn;

/**
 * Keeps a return item and its order's units in step without transactions: two items, two
 * conditional writes, and the return's {@code unitsHeld} flag saying which side is done.
 *
 * <ul>
 *   <li><b>Take</b> (authorisation, RET-2): the item is written AUTHORIZED with {@code unitsHeld =
 *       false}, then the order's units go ACTIVE → RETURN_OPEN, then the flag is set. Only a return
 *       that holds its units may later free them, receive them or refund them.
 *   <li><b>Let go</b> (withdrawal, expiry RET-9, rejection RET-6): the item moves to its final
 *       status first (its version guard picks one winner among racing requests), then its units
 *       that are still RETURN_OPEN go back to ACTIVE, then the flag is cleared.
 * </ul>
 *
 * <p>A crash between the writes leaves a state that the next request on the return finishes (a
 * retried POST with the same {@code Idempotency-Key} derives the same return id; a GET, withdrawal
 * or receipt settles the return first). The one ambiguous state is an AUTHORIZED item not holding
 * its units while they are RETURN_OPEN: either our own earlier attempt took them and died before
 * setting the flag, or another return took them. Another return that holds them wins (ours is
 * deleted, it never existed for the client); another that is still being authorised (younger than
 * {@link #IN_FLIGHT}) makes us answer "retry later"; otherwise the units are ours. Side effects:
 * order and return item writes.
 */
final class ReturnHolds {

  /**
   * Longer than any authorisation request can run (API Gateway gives up after 30 s): a return item
   * older than this that does not hold its units belongs to a request that has died.
   */
  static final Duration IN_FLIGHT = Duration.ofSeconds(60);

  private static final int ATTEMPTS = 8;

  /** Where settling a not-yet-holding return ended. */
  enum Outcome {
    /** The return holds its units (or is past needing them). */
    HELD,
    /** The units went to something else: the return was deleted. */
    VOID,
    /** Another return for the same units is being authorised right now: retry later. */
    BUSY
  }

  record Settlement(Outcome outcome, StoredReturn stored) {}

  private enum Take {
    TAKEN_NOW,
    ALREADY_OPEN,
    UNAVAILABLE
  }

  private final OrderUpdates updates;
  private final ReturnRepository returns;
  private final Clock clock;

  ReturnHolds(OrderUpdates updates, ReturnRepository returns, Clock clock) {
    this.updates = updates;
    this.returns = returns;
    this.clock = clock;
  }

  /**
   * Makes an AUTHORIZED return hold its units if it does not yet. {@code justCreated}: this request
   * wrote the item a moment ago, so units already RETURN_OPEN were taken by another return.
   */
  Settlement settle(StoredReturn stored, boolean justCreated) {
    StoredReturn current = stored;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (current.unitsHeld() || current.returnCase().status() != ReturnStatus.AUTHORIZED) {
        return new Settlement(Outcome.HELD, current);
      }
      List<UnitRef> units = current.returnCase().units();
      Take take = updates.apply(current.returnCase().orderId(), order -> take(order, units));
      Outcome outcome =
          switch (take) {
            case TAKEN_NOW -> Outcome.HELD;
            case UNAVAILABLE -> Outcome.VOID;
            case ALREADY_OPEN -> justCreated ? Outcome.VOID : ownerOfOpenUnits(current);
          };
      try {
        return switch (outcome) {
          case HELD -> new Settlement(Outcome.HELD, returns.replace(current.withUnitsHeld(true)));
          case BUSY -> new Settlement(Outcome.BUSY, current);
          case VOID -> {
            if (returns.delete(current)) {
              yield new Settlement(Outcome.VOID, current);
            }
            throw new StaleReturnException(current.returnId(), current.version());
          }
        };
      } catch (StaleReturnException moved) {
        Optional<StoredReturn> reread = returns.find(current.returnId());
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
   * Frees the units of a return in a final state that still holds them (RET-9, RET-6): those still
   * RETURN_OPEN and held by no other return go back to ACTIVE; then the flag is cleared.
   */
  StoredReturn release(StoredReturn stored) {
    StoredReturn current = stored;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (!current.unitsHeld() || !current.returnCase().status().isFinal()) {
        return current;
      }
      Set<UnitRef> heldByOthers = heldByOthers(current);
      List<UnitRef> units = current.returnCase().units();
      updates.apply(
          current.returnCase().orderId(),
          order -> {
            Map<UnitRef, UnitStatus> changes = new LinkedHashMap<>();
            for (UnitRef unit : units) {
              if (order.statusOf(unit) == UnitStatus.RETURN_OPEN && !heldByOthers.contains(unit)) {
                changes.put(unit, UnitStatus.ACTIVE);
              }
            }
            return changes.isEmpty()
                ? Change.none(false)
                : Change.of(order.withUnitStatuses(changes), true);
          });
      try {
        return returns.replace(current.withUnitsHeld(false));
      } catch (StaleReturnException moved) {
        current = returns.find(current.returnId()).orElse(current.withUnitsHeld(false));
      }
    }
    throw new IllegalStateException(
        "return " + stored.returnId() + " kept changing while its units were released");
  }

  private static Change<Take> take(Order order, List<UnitRef> units) {
    boolean allActive = units.stream().allMatch(u -> order.statusOf(u) == UnitStatus.ACTIVE);
    if (allActive) {
      Map<UnitRef, UnitStatus> changes = new LinkedHashMap<>();
      units.forEach(u -> changes.put(u, UnitStatus.RETURN_OPEN));
      return Change.of(order.withUnitStatuses(changes), Take.TAKEN_NOW);
    }
    boolean allOpen = units.stream().allMatch(u -> order.statusOf(u) == UnitStatus.RETURN_OPEN);
    return Change.none(allOpen ? Take.ALREADY_OPEN : Take.UNAVAILABLE);
  }

  /** Units RETURN_OPEN, ours not holding them: whose are they? (see the class comment) */
  private Outcome ownerOfOpenUnits(StoredReturn ours) {
    Instant now = clock.instant();
    List<StoredReturn> rivals = rivals(ours);
    if (rivals.stream().anyMatch(StoredReturn::unitsHeld)) {
      return Outcome.VOID;
    }
    boolean rivalInFlight =
        rivals.stream()
            .anyMatch(
                r ->
                    r.returnCase().authorizedAt() == null
                        || r.returnCase().authorizedAt().plus(IN_FLIGHT).isAfter(now));
    return rivalInFlight ? Outcome.BUSY : Outcome.HELD;
  }

  /** Units of {@code ours} that another live return holds. */
  private Set<UnitRef> heldByOthers(StoredReturn ours) {
    Set<UnitRef> held = new HashSet<>();
    rivals(ours).stream()
        .filter(StoredReturn::unitsHeld)
        .forEach(r -> held.addAll(r.returnCase().units()));
    return held;
  }

  /** Other returns of the order, not final, sharing a unit with {@code ours}. */
  private List<StoredReturn> rivals(StoredReturn ours) {
    Set<UnitRef> units = new HashSet<>(ours.returnCase().units());
    return returns.byOrder(ours.returnCase().orderId()).stream()
        .filter(r -> !r.returnId().equals(ours.returnId()))
        .filter(r -> !r.returnCase().status().isFinal())
        .filter(r -> r.returnCase().units().stream().anyMatch(units::contains))
        .toList();
  }
}
