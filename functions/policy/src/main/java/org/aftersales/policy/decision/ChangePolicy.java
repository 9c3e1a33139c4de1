package org.aftersales.policy.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aftersales.policy.document.ChangeTerms;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Allocation;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.FieldError;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.UnitStatus;

/**
 * Changes before processing (CHG-1…CHG-6). While its parcel is NEW, an ACTIVE unit can be replaced
 * by another item the storefront priced, and a parcel's delivery address changed (CHG-1). The unit
 * keeps its order-discount and delivery shares: the difference is new own price − old own price
 * (unit price − line discount + tax, CHG-2). Cheaper → applied now with a refund of the difference
 * on the ledger (GEN-4, GEN-5); dearer → AWAITING_PAYMENT until {@code payBy}, applied when the
 * payment integration confirms it, lapsed (changing nothing) if the parcel is processed, the unit
 * changes or {@code payBy} passes first (CHG-3). A change applies to the unit as it is now and the
 * same change again changes nothing (CHG-4); every later decision prices the unit as changed
 * (CHG-5, {@link Order#itemOf}, {@link Order#pricing}). The billing address is not the order's
 * (CHG-6). Pure: returns the new {@link Order}; the caller persists it in one conditional write.
 */
public final class ChangePolicy {

  /** Most changes kept on one order: the item holds each with its from → to items (400 KB). */
  public static final int MAX_CHANGES_PER_ORDER = 20;

  private ChangePolicy() {}

  /**
   * One unit (or, {@code unitIndex} null, every ACTIVE unit of the line) to be replaced by {@code
   * replaceWith}, a one-unit item (its {@code lineId} and {@code quantity} are ignored).
   */
  public record UnitRequest(String lineId, Integer unitIndex, LineSpec replaceWith) {}

  /** A parcel's new delivery address (free fields such as name, street, city, postalCode). */
  public record AddressRequest(String parcelId, Map<String, String> deliveryAddress) {}

  /** API {@code POST /orders/{orderId}/changes}; {@code currency} is optional, else the order's. */
  public record ChangeRequest(
      List<UnitRequest> units, List<AddressRequest> parcels, String currency) {
    public ChangeRequest {
      units =
          units == null
              ? List.of()
              : java.util.Collections.unmodifiableList(new ArrayList<>(units));
      parcels =
          parcels == null
              ? List.of()
              : java.util.Collections.unmodifiableList(new ArrayList<>(parcels));
    }
  }

  /**
   * The outcome: the order after it, the change as recorded (null for a CHG-4 no-op with nothing
   * pending), the refund of a cheaper change (null otherwise), whether the order changed (must be
   * written), and why.
   */
  public record ChangeOutcome(
      Order order, OrderChange change, Refund refund, boolean changed, Explanation explanation) {}

  /**
   * Decides a change of a valid request ({@link ChangeValidation#validate} found nothing) at {@code
   * now}; changes that lapsed meanwhile are finished first ({@link #lapseDue}).
   *
   * @param changeId the id of this change; a cheaper change's refund id derives from it
   * @param requestedBy who asked ("customer c-1", "agent a-7"), kept in the history
   */
  public static Decision<ChangeOutcome> request(
      Order current,
      PolicyDocument policy,
      String changeId,
      String requestedBy,
      ChangeRequest request,
      Instant now) {
    Objects.requireNonNull(changeId, "changeId");
    List<FieldError> invalid = ChangeValidation.validate(current, request);
    if (!invalid.isEmpty()) {
      return Decision.refuseInput(invalid.get(0).field(), "CHG-1", invalid.get(0).message());
    }
    Order order = lapseDue(current, now);
    boolean lapsedSome = !order.equals(current);

    List<OrderChange.UnitChange> unitChanges = new ArrayList<>();
    List<UnitRef> blocked = new ArrayList<>();
    for (UnitRequest u : request.units()) {
      LineSpec to = asUnitOf(u.lineId(), u.replaceWith());
      List<UnitRef> scope =
          u.unitIndex() != null
              ? List.of(new UnitRef(u.lineId(), u.unitIndex()))
              : order.unitsOfLine(u.lineId()).stream()
                  .filter(unit -> order.statusOf(unit) == UnitStatus.ACTIVE)
                  .toList();
      if (scope.isEmpty()) {
        blocked.addAll(order.unitsOfLine(u.lineId()));
      }
      for (UnitRef unit : scope) {
        if (!changeable(order, unit)) {
          blocked.add(unit);
          continue;
        }
        LineSpec from = order.itemOf(unit);
        if (!from.sameItemAs(to)) { // CHG-4: the same item again changes nothing
          unitChanges.add(new OrderChange.UnitChange(unit, from, to));
        }
      }
    }
    List<String> blockedParcels = new ArrayList<>();
    List<OrderChange.AddressChange> addressChanges = new ArrayList<>();
    for (AddressRequest p : request.parcels()) {
      if (order.parcel(p.parcelId()).status() != ParcelStatus.NEW) {
        blockedParcels.add(p.parcelId());
        continue;
      }
      Map<String, String> from = order.deliveryAddress(p.parcelId());
      if (!from.equals(p.deliveryAddress())) {
        addressChanges.add(
            new OrderChange.AddressChange(
                p.parcelId(), from, new LinkedHashMap<>(p.deliveryAddress())));
      }
    }
    if (!blocked.isEmpty() || !blockedParcels.isEmpty()) {
      return Decision.refuse(notChangeable(order, blocked, blockedParcels));
    }
    if (unitChanges.isEmpty() && addressChanges.isEmpty()) {
      Explanation e =
          Explanation.of("CHG-4", "Your order already is as requested; nothing changed.");
      return Decision.accept(new ChangeOutcome(order, null, null, lapsedSome, e), e);
    }
    Money difference = Money.zero(order.spec().currency());
    for (OrderChange.UnitChange u : unitChanges) {
      difference = difference.plus(Money.of(u.difference(), difference.currency()));
    }
    OrderChange pending = pendingLike(order, unitChanges, addressChanges);
    if (pending != null) { // CHG-4: the same dearer change asked again is the one waiting
      Explanation e =
          Explanation.of(
              "CHG-4",
              "This change already waits for payment of "
                  + pending.amountDue()
                  + " until "
                  + pending.payBy()
                  + "; nothing more changed.");
      return Decision.accept(new ChangeOutcome(order, pending, null, lapsedSome, e), e);
    }
    if (order.changes().size() >= MAX_CHANGES_PER_ORDER) {
      return Decision.refuse(
          RefusalCode.TOO_MANY_CHANGES,
          "CHG-1",
          "This order has been changed "
              + MAX_CHANGES_PER_ORDER
              + " times, the most one order can keep; please contact customer care.");
    }
    var pricing = order.pricing();
    for (OrderChange.UnitChange u : unitChanges) {
      if (pricing.paidPrice(u.unit()).amount() + u.difference() < 0) {
        return Decision.refuse(
            RefusalCode.CHANGE_BELOW_ORDER_DISCOUNT,
            "CHG-2",
            "The item keeps its share of the order discount ("
                + Money.of(
                    u.from().ownPrice() - pricing.paidPrice(u.unit()).amount(),
                    difference.currency())
                + "), which is more than the price of "
                + u.to().name()
                + ": choose another item or cancel this one.");
      }
    }
    Explanation why = explainScope(order, unitChanges, addressChanges);
    ChangeTerms terms = policy.changeTerms();
    if (difference.isPositive()) {
      Instant payBy = now.plus(Duration.ofHours(terms.payByHours()));
      OrderChange change =
          new OrderChange(
              changeId,
              now,
              requestedBy,
              ChangeStatus.AWAITING_PAYMENT,
              unitChanges,
              addressChanges,
              difference,
              payBy,
              null,
              null,
              0,
              null,
              null);
      why =
          why.and(
              "CHG-3",
              "The new item costs "
                  + difference
                  + " more: the change is made once you pay the difference, by "
                  + payBy
                  + " ("
                  + terms.payByHours()
                  + " hours) and before the parcel is processed; otherwise nothing changes.");
      return Decision.accept(
          new ChangeOutcome(order.withChange(change), change, null, true, why), why);
    }
    OrderChange change =
        new OrderChange(
            changeId,
            now,
            requestedBy,
            ChangeStatus.APPLIED,
            unitChanges,
            addressChanges,
            difference,
            null,
            null,
            null,
            0,
            now,
            null);
    if (difference.isZero()) {
      why = why.and("CHG-3", "The new item costs the same: nothing to pay or refund.");
      return Decision.accept(
          new ChangeOutcome(order.withChange(change), change, null, true, why), why);
    }
    Refund refund = refund(order, policy, change, now);
    why =
        why.and(
                "CHG-3",
                "The new item costs " + difference.negate() + " less: the difference is refunded.")
            .and(RuleTexts.refundDue(refund, policy));
    OrderChange recorded = change.withRefundId(refund.refundId());
    Order.RefundResult added = order.withChange(recorded).addRefund(refund);
    return Decision.accept(new ChangeOutcome(added.order(), recorded, refund, true, why), why);
  }

  /**
   * The payment integration confirms a dearer change's difference (CHG-3). Applied when it is still
   * AWAITING_PAYMENT and can still be made (parcels NEW, units ACTIVE and still the items it
   * replaces, {@code payBy} not passed); otherwise it lapses and the outcome's change says LAPSED
   * (the caller answers {@code 409 change-lapsed}). An APPLIED change confirmed again changes
   * nothing (CHG-4). A wrong amount is bad input.
   */
  public static Decision<ChangeOutcome> pay(
      Order current, OrderChange awaited, String paymentReference, Money amount, Instant now) {
    Order order = lapseDue(current, now);
    boolean lapsedSome = !order.equals(current);
    OrderChange change = order.change(awaited.changeId()).orElseThrow();
    if (change.status() != ChangeStatus.AWAITING_PAYMENT) {
      Explanation e =
          change.status() == ChangeStatus.APPLIED
              ? Explanation.of("CHG-4", "This change was already applied; nothing changed.")
              : Explanation.of("CHG-3", "This change lapsed: " + change.lapseReason());
      return Decision.accept(new ChangeOutcome(order, change, null, lapsedSome, e), e);
    }
    if (amount == null || !amount.equals(change.amountDue())) {
      return Decision.refuseInput(
          "amount", "CHG-3", "The amount due for this change is " + change.amountDue() + ".");
    }
    OrderChange applied = change.applied(now, paymentReference, amount.amount());
    Explanation e =
        Explanation.of("CHG-3", "The difference of " + amount + " was paid: the change is made.")
            .and(explainScope(order, change.units(), change.parcels()));
    return Decision.accept(new ChangeOutcome(order.withChange(applied), applied, null, true, e), e);
  }

  /**
   * Finishes every AWAITING_PAYMENT change that can no longer be made (CHG-3): {@code payBy}
   * passed, a parcel it touches was processed (or cancelled), a unit is no longer ACTIVE or no
   * longer the item it replaces (another change won, CHG-4). Returns {@code order} itself when none
   * lapsed.
   */
  public static Order lapseDue(Order order, Instant now) {
    Order next = order;
    for (OrderChange change : order.changes()) {
      if (change.status() != ChangeStatus.AWAITING_PAYMENT) {
        continue;
      }
      String reason = lapseReason(next, change, now);
      if (reason != null) {
        next = next.withChange(change.lapsed(now, reason));
      }
    }
    return next;
  }

  private static String lapseReason(Order order, OrderChange change, Instant now) {
    if (now.isAfter(change.payBy())) {
      return "the difference was not paid by " + change.payBy() + "; nothing changed.";
    }
    for (OrderChange.UnitChange u : change.units()) {
      if (order.parcelOf(u.unit()).status() != ParcelStatus.NEW) {
        return processedFirst(order.parcelOf(u.unit()).parcelId());
      }
      if (order.statusOf(u.unit()) != UnitStatus.ACTIVE) {
        return "the item is no longer active (" + order.statusOf(u.unit()) + "); nothing changed.";
      }
      if (!order.itemOf(u.unit()).equals(u.from())) {
        return "the item was changed meanwhile; nothing changed.";
      }
    }
    for (OrderChange.AddressChange a : change.parcels()) {
      if (order.parcel(a.parcelId()).status() != ParcelStatus.NEW) {
        return processedFirst(a.parcelId());
      }
    }
    return null;
  }

  /** Why a change lapsed when its parcel was processed before it was paid (CHG-3). */
  private static String processedFirst(String parcelId) {
    return "parcel " + parcelId + " was processed first; nothing changed.";
  }

  /** Whether {@code unit} can be changed now (CHG-1): ACTIVE and its parcel not processed. */
  public static boolean changeable(Order order, UnitRef unit) {
    return order.statusOf(unit) == UnitStatus.ACTIVE
        && order.parcelOf(unit).status() == ParcelStatus.NEW;
  }

  /** Whether {@code unit} can be changed (for the order view's actions): CHG-1's answer. */
  public static Decision<UnitRef> check(Order order, UnitRef unit) {
    if (changeable(order, unit)) {
      return Decision.accept(
          unit,
          Explanation.of(
              "CHG-1",
              "Can be changed until parcel " + order.parcelOf(unit).parcelId() + " is processed."));
    }
    return Decision.refuse(notChangeable(order, List.of(unit), List.of()));
  }

  /** CHG-6: the billing address is the payment provider's record; where to change it. */
  public static Refusal billingAddress(PolicyDocument policy) {
    String url = policy.changeTerms().billingAddressUrl();
    return Refusal.of(
        RefusalCode.BILLING_ADDRESS_NOT_HELD,
        "CHG-6",
        "We do not keep your billing address: it is your payment provider's record. Change it at "
            + url
            + ".");
  }

  private static Refusal notChangeable(Order order, List<UnitRef> units, List<String> parcels) {
    boolean processed =
        units.stream().anyMatch(u -> order.statusOf(u) == UnitStatus.ACTIVE)
            || parcels.stream().anyMatch(p -> order.parcel(p).status() != ParcelStatus.CANCELLED);
    if (processed) {
      String message = RuleTexts.parcelProcessed("changed any more", order.spec().expectedShipBy());
      return Refusal.of(
          RefusalCode.ORDER_ALREADY_PROCESSED,
          message,
          Explanation.of("CHG-1", "A processed parcel can not be changed.")
              .and("CAN-3", RuleTexts.cancelAfterShipBy(order.spec().expectedShipBy()))
              .and("RET-1", "After delivery, items in mint condition can be returned."));
    }
    return Refusal.of(
        RefusalCode.UNIT_NOT_CHANGEABLE,
        "These items can not be changed: they were cancelled or are in a return or claim.",
        Explanation.of(
            "CHG-1", "Only items of an unprocessed parcel that are not cancelled can be changed."));
  }

  private static OrderChange pendingLike(
      Order order, List<OrderChange.UnitChange> units, List<OrderChange.AddressChange> parcels) {
    for (OrderChange c : order.changes()) {
      if (c.status() == ChangeStatus.AWAITING_PAYMENT
          && c.units().equals(units)
          && c.parcels().equals(parcels)) {
        return c;
      }
    }
    return null;
  }

  private static Explanation explainScope(
      Order order, List<OrderChange.UnitChange> units, List<OrderChange.AddressChange> parcels) {
    Explanation why = Explanation.empty();
    for (OrderChange.UnitChange u : units) {
      why =
          why.and(
              "CHG-1",
              "Parcel "
                  + order.parcelOf(u.unit()).parcelId()
                  + " has not been processed, so "
                  + u.from().name()
                  + " can be changed to "
                  + u.to().name()
                  + ".");
    }
    for (OrderChange.AddressChange a : parcels) {
      why =
          why.and(
              "CHG-1",
              "Parcel "
                  + a.parcelId()
                  + " has not been processed, so its delivery address can be changed.");
    }
    if (!units.isEmpty()) {
      why =
          why.and(
              "CHG-2",
              "The new item keeps the old one's share of the order discount and of the delivery"
                  + " charge; you pay or get back only the difference in the items' prices.");
    }
    return CancellationPolicy.dedupe(why);
  }

  /** CHG-3: the refund of a cheaper change, its shares on the units that got cheaper. */
  private static Refund refund(
      Order order, PolicyDocument policy, OrderChange change, Instant now) {
    List<BreakdownLine> lines = new ArrayList<>();
    for (BreakdownLine line : change.breakdown().lines()) {
      lines.add(new BreakdownLine(line.label(), line.amount().negate(), line.ruleIds()));
    }
    Breakdown breakdown = Breakdown.of(order.spec().currency(), lines);
    List<OrderChange.UnitChange> cheaper =
        change.units().stream().filter(u -> u.difference() < 0).toList();
    long[] weights = new long[cheaper.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = -cheaper.get(i).difference();
    }
    long[] shares = Allocation.largestRemainder(breakdown.total().amount(), weights);
    List<UnitAmount> amounts = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      amounts.add(new UnitAmount(cheaper.get(i).unit(), shares[i]));
    }
    LocalDate dueBy = policy.refundDueBy(now);
    return Refund.pending(
        order.orderId(), RefundSource.CHANGE, change.changeId(), now, dueBy, breakdown, amounts);
  }

  private static LineSpec asUnitOf(String lineId, LineSpec item) {
    return new LineSpec(
        lineId,
        item.sku(),
        item.name(),
        item.category(),
        1,
        item.unitPrice(),
        item.discount(),
        item.tax(),
        item.components());
  }
}
