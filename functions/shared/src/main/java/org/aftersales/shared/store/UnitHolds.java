package org.aftersales.shared.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.store.OrderUpdates.Change;

/**
 * The one way a return or a claim holds units of its order (docs/design.md "The unit holder"). The
 * order item is the only place that says who holds a unit ({@link Order#take}, {@link
 * Order#release}); a record takes its units in two steps, each a conditional write:
 *
 * <ol>
 *   <li>the return or claim item is written (its id derived from the caller, the {@code
 *       Idempotency-Key} and the order, so a retry finds it);
 *   <li>the order is written with its units naming the record as holder ({@link #take}), refused
 *       when one is held by someone else or no longer ACTIVE.
 * </ol>
 *
 * <p>A crash between the two leaves a live record whose units do not name it; the next request on
 * it finishes the step with {@link #takeOrVoid}: it takes them, or, when they went elsewhere, the
 * record is deleted (it never existed for the client). Letting go ({@link #release}) is an order
 * write conditional on the unit still naming the record, so a late release never frees a unit
 * someone else holds. Side effects: order writes, and the deletion of a void record.
 */
public record UnitHolds(OrderUpdates updates) {

  /** The units a record holds, the status they have while held, and the holder (the record id). */
  public record Hold(String orderId, String holder, List<UnitRef> units, UnitStatus status) {
    public Hold {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(holder, "holder");
      units = List.copyOf(units);
    }
  }

  public UnitHolds {
    Objects.requireNonNull(updates, "updates");
  }

  /**
   * Step 2: takes the units for the holder in one conditional order write, starting from {@code
   * firstRead} when the caller has read the order (may be null). Whether the holder holds them now
   * (taken now or earlier by the same holder).
   */
  public boolean take(Hold hold, Order firstRead) {
    return take(hold, firstRead, List.of());
  }

  /**
   * {@link #take(Hold, Order)}, announcing {@code events} in the write that takes the units (MSG-2:
   * the decision and its events in one conditional write); nothing is announced when the units were
   * taken before.
   */
  public boolean take(Hold hold, Order firstRead, List<Event> events) {
    Event[] announced = events.toArray(Event[]::new);
    Function<Order, Change<Boolean>> change =
        order ->
            order
                .take(hold.units(), hold.status(), hold.holder())
                .map(
                    next ->
                        next == order
                            ? Change.none(true)
                            : Change.of(next, true).announcing(announced))
                .orElseGet(() -> Change.none(false));
    return firstRead == null
        ? updates.apply(hold.orderId(), change)
        : updates.apply(firstRead, change);
  }

  /**
   * Whether {@code order} gives the record its units or could still give them (the rule of {@link
   * #take}: each held by it, or free — held by nobody, ACTIVE or already in its status). When not,
   * the record is void: {@link #takeOrVoid} deletes it. Reads and writes nothing, for a GET that
   * shows a record as the next write will leave it.
   */
  public static boolean canHold(Hold hold, Order order) {
    return order.take(hold.units(), hold.status(), hold.holder()).isPresent();
  }

  /**
   * Finishes step 2 for a live record read from {@code store}: {@code true} when it is not void —
   * it holds its units (taken now if needed), or it finished meanwhile and they were let go again;
   * {@code false} when it is void — its units went elsewhere, so it is deleted — or was deleted
   * meanwhile by a request that found it void (or re-created as another incarnation, with other
   * units). Units taken for a record that the store then shows gone or {@link
   * StoredCase#doneWithUnits done with them} are released at once, reading the order afresh: a
   * request that read the record before a rival finished it, and the order after the rival let go,
   * must not keep them (RET-2, DOA-1).
   */
  public <T extends StoredCase<T>> boolean takeOrVoid(
      T stored, Order firstRead, CaseRepository<T> store) {
    return takeOrVoid(stored, firstRead, store, List.of());
  }

  /**
   * {@link #takeOrVoid(StoredCase, Order, CaseRepository)}, announcing {@code events} on taking.
   */
  public <T extends StoredCase<T>> boolean takeOrVoid(
      T stored, Order firstRead, CaseRepository<T> store, List<Event> events) {
    Hold hold = stored.hold();
    if (firstRead != null && firstRead.holds(hold.units(), hold.holder())) {
      return true;
    }
    if (!take(hold, firstRead, events)) {
      store.delete(stored);
      release(hold, null);
      return false;
    }
    Optional<T> now =
        store.find(stored.id()).filter(same -> same.hold().units().equals(hold.units()));
    if (now.isPresent() && !now.get().doneWithUnits()) {
      return true;
    }
    release(hold, null);
    return now.isPresent();
  }

  /**
   * Lets go of the units the holder still holds (back to ACTIVE, conditional on the order still
   * naming it); units held by someone else are left alone. Starts from {@code firstRead} when the
   * caller has read the order (may be null): nothing is written when it shows nothing to release.
   */
  public void release(Hold hold, Order firstRead) {
    release(hold, firstRead, List.of());
  }

  /**
   * {@link #release(Hold, Order)}, announcing {@code events} in the write that lets the units go
   * (MSG-2: a final status whose decision is the release, RET-6's refusal or RET-9's expiry, is
   * announced once, by the one write that finds the units still held); nothing is announced when
   * there was nothing left to release.
   */
  public void release(Hold hold, Order firstRead, List<Event> events) {
    Event[] announced = events.toArray(Event[]::new);
    Function<Order, Change<Void>> change =
        order -> {
          Order next = order.release(hold.units(), hold.holder());
          return next == order
              ? Change.<Void>none(null)
              : Change.<Void>of(next, null).announcing(announced);
        };
    if (firstRead == null) {
      updates.apply(hold.orderId(), change);
    } else {
      updates.apply(firstRead, change);
    }
  }
}
