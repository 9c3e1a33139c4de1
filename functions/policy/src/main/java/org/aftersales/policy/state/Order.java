package org.aftersales.policy.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.RefusalCode;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundLedger;
import org.aftersales.policy.refund.RefundStatus;

/**
 * The order aggregate, the money authority: the registered spec, the policy version it is judged by
 * (GEN-7), each parcel's fulfilment state, each unit's after-sales status and the return or claim
 * holding it ({@link UnitState}), the refund ledger (GEN-4), and the changes made before processing
 * with their history (CHG-1…CHG-5). Immutable: operations return a new {@code Order} with the same
 * {@code version} (the repository bumps it on a successful conditional write).
 */
public record Order(
    OrderSpec spec,
    String policyVersion,
    Map<String, ParcelState> parcels,
    Map<UnitRef, UnitState> units,
    List<Refund> refunds,
    List<OrderChange> changes,
    long version) {

  /** An order with no changes before processing (CHG-1) recorded. */
  public Order(
      OrderSpec spec,
      String policyVersion,
      Map<String, ParcelState> parcels,
      Map<UnitRef, UnitState> units,
      List<Refund> refunds,
      long version) {
    this(spec, policyVersion, parcels, units, refunds, List.of(), version);
  }

  public Order {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(policyVersion, "policyVersion");
    parcels = Collections.unmodifiableMap(new LinkedHashMap<>(parcels));
    units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
    refunds = List.copyOf(refunds);
    changes = List.copyOf(changes);
    if (!units.keySet().equals(new java.util.HashSet<>(spec.units()))) {
      throw new IllegalArgumentException(
          "order "
              + spec.orderId()
              + ": unit states "
              + units.keySet()
              + " do not match the units of its lines");
    }
    if (!parcels.keySet().equals(spec.unitsByParcel().keySet())) {
      throw new IllegalArgumentException(
          "order "
              + spec.orderId()
              + ": parcel states "
              + parcels.keySet()
              + " do not match its parcels");
    }
  }

  /**
   * A newly registered order (spec already validated): parcels NEW, units ACTIVE, no refunds,
   * version 0.
   */
  public static Order register(OrderSpec spec, String policyVersion) {
    Map<String, ParcelState> parcels = new LinkedHashMap<>();
    spec.parcels().forEach(p -> parcels.put(p.parcelId(), ParcelState.fresh(p.parcelId())));
    Map<UnitRef, UnitState> units = new LinkedHashMap<>();
    spec.units().forEach(u -> units.put(u, UnitState.free(UnitStatus.ACTIVE)));
    return new Order(spec, policyVersion, parcels, units, List.of(), 0);
  }

  /** What happened to the order after a fulfilment event: the new order and whether it changed. */
  public record FulfilmentResult(Order order, ParcelState parcel, boolean changed) {}

  /**
   * What happened when a refund was added: the order after it, the refund on it, whether it is new.
   */
  public record RefundResult(Order order, Refund refund, boolean added) {}

  public String orderId() {
    return spec.orderId();
  }

  /**
   * What each unit cost as it is now (GEN-2, GEN-3; CHG-2, CHG-5): a changed unit's paid price
   * moved by its applied changes' differences, its delivery share did not; paid differences add to
   * what was paid.
   */
  public OrderPricing pricing() {
    OrderPricing registered = OrderPricing.of(spec);
    if (changes.isEmpty()) {
      return registered;
    }
    Map<UnitRef, Long> delta = new LinkedHashMap<>();
    for (OrderChange change : changes) {
      if (change.status() == ChangeStatus.APPLIED) {
        for (OrderChange.UnitChange u : change.units()) {
          delta.merge(u.unit(), u.difference(), Math::addExact);
        }
      }
    }
    return registered.changed(delta, paidDifferences());
  }

  /** CHG-3: Σ the differences the payment integration confirmed for dearer changes. */
  public long paidDifferences() {
    long sum = 0;
    for (OrderChange change : changes) {
      if (change.status() == ChangeStatus.APPLIED) {
        sum = Math.addExact(sum, change.paidAmount());
      }
    }
    return sum;
  }

  /**
   * The unit as it is now, as a one-unit item of its line (CHG-5): the item of the last applied
   * change of the unit, else its share of the registered line.
   */
  public LineSpec itemOf(UnitRef unit) {
    return lastApplied(OrderChange::units, u -> u.unit().equals(unit))
        .map(OrderChange.UnitChange::to)
        .orElseGet(
            () ->
                spec.line(unit.lineId())
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "no unit " + unit + " in order " + orderId()))
                    .unit(unit.index()));
  }

  /**
   * The parcel's delivery address as last changed (CHG-1), else as registered; empty when none was
   * recorded.
   */
  public Map<String, String> deliveryAddress(String parcelId) {
    return lastApplied(OrderChange::parcels, a -> a.parcelId().equals(parcelId))
        .map(OrderChange.AddressChange::to)
        .orElseGet(
            () ->
                spec.parcels().stream()
                    .filter(p -> p.parcelId().equals(parcelId))
                    .findFirst()
                    .map(ParcelSpec::deliveryAddress)
                    .orElse(Map.of()));
  }

  /** The last part of an APPLIED change that matches, latest change first. */
  private <T> Optional<T> lastApplied(Function<OrderChange, List<T>> parts, Predicate<T> matches) {
    for (int i = changes.size() - 1; i >= 0; i--) {
      OrderChange change = changes.get(i);
      if (change.status() == ChangeStatus.APPLIED) {
        for (T part : parts.apply(change)) {
          if (matches.test(part)) {
            return Optional.of(part);
          }
        }
      }
    }
    return Optional.empty();
  }

  public Optional<OrderChange> change(String changeId) {
    return changes.stream().filter(c -> c.changeId().equals(changeId)).findFirst();
  }

  /** This order with {@code change} recorded: replaces the change of the same id, else appended. */
  public Order withChange(OrderChange change) {
    List<OrderChange> next = new ArrayList<>(changes);
    boolean replaced = false;
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).changeId().equals(change.changeId())) {
        next.set(i, change);
        replaced = true;
      }
    }
    if (!replaced) {
      next.add(change);
    }
    return new Order(spec, policyVersion, parcels, units, refunds, next, version);
  }

  public RefundLedger ledger() {
    return new RefundLedger(pricing(), refunds);
  }

  /** What was paid: the registered total plus the paid differences of dearer changes (CHG-3). */
  public Money paidTotal() {
    return Money.of(Math.addExact(spec.paidTotal(), paidDifferences()), spec.currency());
  }

  public Money refundedTotal() {
    Money sum = Money.zero(spec.currency());
    for (Refund r : refunds) {
      sum = sum.plus(r.amount());
    }
    return sum;
  }

  /** paidTotal − refundedTotal (GEN-4). */
  public Money remainingToRefund() {
    return paidTotal().minus(refundedTotal());
  }

  public ParcelState parcel(String parcelId) {
    ParcelState parcel = parcels.get(parcelId);
    if (parcel == null) {
      throw new IllegalArgumentException("no parcel " + parcelId + " in order " + orderId());
    }
    return parcel;
  }

  public Optional<ParcelState> findParcel(String parcelId) {
    return Optional.ofNullable(parcels.get(parcelId));
  }

  /** The parcel that carries {@code unit}. */
  public ParcelState parcelOf(UnitRef unit) {
    String parcelId = spec.parcelOfUnit().get(unit);
    if (parcelId == null) {
      throw new IllegalArgumentException("no unit " + unit + " in order " + orderId());
    }
    return parcels.get(parcelId);
  }

  /** The units a parcel carries, in line then index order. */
  public List<UnitRef> unitsOf(String parcelId) {
    List<UnitRef> units = spec.unitsByParcel().get(parcelId);
    if (units == null) {
      throw new IllegalArgumentException("no parcel " + parcelId + " in order " + orderId());
    }
    return units;
  }

  /** The units of a line, by index. */
  public List<UnitRef> unitsOfLine(String lineId) {
    return units.keySet().stream().filter(u -> u.lineId().equals(lineId)).toList();
  }

  public UnitStatus statusOf(UnitRef unit) {
    return stateOf(unit).status();
  }

  /** The return or claim holding {@code unit}, if any. */
  public Optional<String> heldBy(UnitRef unit) {
    return Optional.ofNullable(stateOf(unit).heldBy());
  }

  /** WAR-4: the months repairs added to the unit's warranty (0 when none). */
  public int warrantyExtensionMonths(UnitRef unit) {
    return stateOf(unit).warrantyExtensionMonths();
  }

  /** WAR-4: this order with {@code months} more added to the warranty of a repaired unit. */
  public Order withWarrantyExtended(UnitRef unit, int months) {
    UnitState state = stateOf(unit);
    Map<UnitRef, UnitState> next = new LinkedHashMap<>(units);
    next.put(
        unit,
        new UnitState(
            state.status(),
            state.heldBy(),
            Math.addExact(state.warrantyExtensionMonths(), months)));
    return new Order(spec, policyVersion, parcels, next, refunds, changes, version);
  }

  private UnitState stateOf(UnitRef unit) {
    UnitState state = units.get(unit);
    if (state == null) {
      throw new IllegalArgumentException("no unit " + unit + " in order " + orderId());
    }
    return state;
  }

  /**
   * {@code holder} (a return or claim id) takes {@code units}, which become {@code status}: this
   * order again when it already holds them all (a retry), empty when one is held by someone else or
   * not ACTIVE (RET-2, DOA-1). A unit in {@code status} that records no holder was taken before
   * holders were recorded and is taken over by the record that asks for it.
   */
  public Optional<Order> take(List<UnitRef> toTake, UnitStatus status, String holder) {
    if (toTake.stream().allMatch(u -> stateOf(u).isHeldBy(holder))) {
      return Optional.of(this);
    }
    for (UnitRef unit : toTake) {
      UnitState state = stateOf(unit);
      boolean free =
          state.heldBy() == null
              && (state.status() == UnitStatus.ACTIVE || state.status() == status);
      if (!free && !state.isHeldBy(holder)) {
        return Optional.empty();
      }
    }
    Map<UnitRef, UnitState> next = new LinkedHashMap<>(units);
    toTake.forEach(u -> next.put(u, stateOf(u).with(status, holder)));
    return Optional.of(new Order(spec, policyVersion, parcels, next, refunds, changes, version));
  }

  /**
   * The units of {@code toRelease} that {@code holder} still holds go back to ACTIVE, held by
   * nobody (RET-6, RET-9, DOA-7); units held by someone else, or already past being held, are left
   * alone: this order again when there is nothing to release.
   */
  public Order release(List<UnitRef> toRelease, String holder) {
    Map<UnitRef, UnitStatus> changes = new LinkedHashMap<>();
    toRelease.stream()
        .filter(u -> stateOf(u).isHeldBy(holder) && !stateOf(u).status().isTerminal())
        .forEach(u -> changes.put(u, UnitStatus.ACTIVE));
    return changes.isEmpty() ? this : withUnitStatuses(changes);
  }

  /** Whether {@code holder} holds every unit of {@code held}. */
  public boolean holds(List<UnitRef> held, String holder) {
    return held.stream().allMatch(u -> stateOf(u).isHeldBy(holder));
  }

  /**
   * Whether some parcel is neither shipped/delivered nor cancelled (the {@code Unshipped} index,
   * CAN-6).
   */
  public boolean hasUnshippedParcels() {
    return parcels.values().stream()
        .anyMatch(p -> !p.status().hasShipped() && p.status() != ParcelStatus.CANCELLED);
  }

  /** The earliest {@code dueBy} of a PENDING refund (the {@code ByStatus} index, GEN-5). */
  public Optional<LocalDate> earliestPendingDueBy() {
    return refunds.stream()
        .filter(r -> r.status() == RefundStatus.PENDING)
        .map(Refund::dueBy)
        .min(LocalDate::compareTo);
  }

  public Optional<Refund> refund(String refundId) {
    return refunds.stream().filter(r -> r.refundId().equals(refundId)).findFirst();
  }

  /**
   * Records warehouse progress on a parcel. Forward only; a repeated or late (out of order) event
   * changes nothing; an event for a CANCELLED parcel is refused with {@code parcel-cancelled} so
   * the warehouse learns to stop (CAN-7).
   */
  public Decision<FulfilmentResult> recordFulfilment(String parcelId, FulfilmentEvent event) {
    ParcelState parcel = parcel(parcelId);
    if (parcel.status() == ParcelStatus.CANCELLED) {
      return Decision.refuse(
          RefusalCode.PARCEL_CANCELLED,
          "CAN-7",
          "Parcel "
              + parcelId
              + " was cancelled: do not "
              + event.type().name().toLowerCase()
              + " it; "
              + "its units have been refunded.");
    }
    ParcelState next = parcel.advancedBy(event);
    if (next.equals(parcel)) {
      return Decision.accept(
          new FulfilmentResult(this, parcel, false),
          Explanation.of(
              "CAN-7",
              "Parcel "
                  + parcelId
                  + " is already "
                  + parcel.status()
                  + "; progress only moves forward."));
    }
    Map<String, ParcelState> nextParcels = new LinkedHashMap<>(parcels);
    nextParcels.put(parcelId, next);
    return Decision.accept(
        new FulfilmentResult(withParcels(nextParcels), next, true),
        Explanation.of("CAN-7", "Parcel " + parcelId + " is now " + next.status() + "."));
  }

  /**
   * This order with the given unit statuses changed; a unit that becomes ACTIVE is held by nobody,
   * any other keeps its holder (a unit RETURNED or REFUNDED_BY_CLAIM records who finished it); a
   * parcel all of whose units are CANCELLED becomes CANCELLED.
   */
  public Order withUnitStatuses(Map<UnitRef, UnitStatus> statuses) {
    Map<UnitRef, UnitState> nextUnits = new LinkedHashMap<>(units);
    statuses.forEach(
        (unit, status) -> {
          String holder = status == UnitStatus.ACTIVE ? null : stateOf(unit).heldBy();
          nextUnits.put(unit, stateOf(unit).with(status, holder));
        });
    Map<String, ParcelState> nextParcels = new LinkedHashMap<>(parcels);
    spec.unitsByParcel()
        .forEach(
            (parcelId, parcelUnits) -> {
              boolean allCancelled =
                  !parcelUnits.isEmpty()
                      && parcelUnits.stream()
                          .allMatch(u -> nextUnits.get(u).status() == UnitStatus.CANCELLED);
              ParcelState parcel = nextParcels.get(parcelId);
              if (allCancelled && parcel.status() != ParcelStatus.CANCELLED) {
                nextParcels.put(parcelId, parcel.cancelled());
              }
            });
    return new Order(spec, policyVersion, nextParcels, nextUnits, refunds, changes, version);
  }

  /**
   * Adds a refund under GEN-4; a refund whose id is already on the ledger is returned unchanged
   * (retries and replays).
   *
   * @throws org.aftersales.policy.refund.RefundCeilingExceededException if it would exceed what was
   *     paid
   */
  public RefundResult addRefund(Refund refund) {
    RefundLedger.Entry entry = ledger().add(refund);
    if (!entry.added()) {
      return new RefundResult(this, entry.refund(), false);
    }
    List<Refund> more = new ArrayList<>(refunds);
    more.add(refund);
    return new RefundResult(
        new Order(spec, policyVersion, parcels, units, more, changes, version), refund, true);
  }

  /** Marks a refund SETTLED (GEN-5); settling a settled refund again changes nothing. */
  public Order settleRefund(String refundId, Instant settledAt, String paymentReference) {
    Refund refund =
        refund(refundId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no refund " + refundId + " on order " + orderId()));
    if (refund.status() == RefundStatus.SETTLED) {
      return this;
    }
    List<Refund> next =
        refunds.stream()
            .map(r -> r.refundId().equals(refundId) ? r.settled(settledAt, paymentReference) : r)
            .toList();
    return new Order(spec, policyVersion, parcels, units, next, changes, version);
  }

  /** The same order with the version the repository read or wrote. */
  public Order withVersion(long newVersion) {
    return new Order(spec, policyVersion, parcels, units, refunds, changes, newVersion);
  }

  private Order withParcels(Map<String, ParcelState> nextParcels) {
    return new Order(spec, policyVersion, nextParcels, units, refunds, changes, version);
  }
}
