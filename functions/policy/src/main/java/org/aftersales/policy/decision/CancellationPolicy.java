package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aftersales.policy.calendar.BusinessCalendar;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundLedger;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelState;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.UnitStatus;

/**
 * Customer cancellation (CAN-1..CAN-5, CAN-8). A unit can be cancelled while it is ACTIVE and its
 * parcel is NEW (CAN-1), or PROCESSED but not shipped once the expected shipping date has passed in
 * the store zone (CAN-3); otherwise processed parcels can not be cancelled (CAN-2). The refund is
 * the paid price plus delivery share of every cancelled unit (CAN-5); cancelling every unit of an
 * order refunds exactly what was paid, because those shares add up to it (GEN-1). What earlier
 * returns or claims kept back (delivery shares, missing parts, RET-4/RET-5) stays kept back: a
 * cancellation refunds only the units it cancels. A request with nothing in scope is refused with
 * what to do instead (CAN-4); units already cancelled change nothing (CAN-8).
 *
 * <p>A line request {@code (lineId, quantity)} asks for {@code quantity} units of the line to be
 * cancelled in all: units already cancelled count towards it (CAN-8), so a repeated or retried
 * request is a no-op, and cancelling one more unit later asks for one more than before. Pure:
 * returns the new {@link Order}; the caller persists it (conditional write).
 */
public final class CancellationPolicy {

  private CancellationPolicy() {}

  /** {@code quantity} units of line {@code lineId}. */
  public record LineRequest(String lineId, int quantity) {}

  /** Units of a line cancelled from one parcel (API {@code cancelled[]}). */
  public record CancelledGroup(String lineId, int quantity, String parcelId) {}

  /**
   * The outcome: the order after it, what was cancelled (empty for a CAN-8 no-op), the refund
   * granted (null when nothing was cancelled or the refund was already on the ledger under its id).
   */
  public record Cancellation(
      Order order,
      List<CancelledGroup> cancelled,
      List<UnitRef> units,
      Refund refund,
      Explanation explanation) {
    public Cancellation {
      cancelled = List.copyOf(cancelled);
      units = List.copyOf(units);
    }
  }

  /**
   * Cancels {@code requested} lines, or everything cancellable when {@code requested} is null.
   *
   * @param cancellationId the id of this cancellation: the refund id derives from it
   */
  public static Decision<Cancellation> cancel(
      Order order,
      PolicyDocument policy,
      String cancellationId,
      List<LineRequest> requested,
      Instant now) {
    Objects.requireNonNull(cancellationId, "cancellationId");
    BusinessCalendar calendar = policy.calendar();
    LocalDate today = calendar.dateOf(now);
    boolean overdue = today.isAfter(order.spec().expectedShipBy());

    List<UnitRef> scope = new ArrayList<>();
    Explanation why = Explanation.empty();
    if (requested == null) {
      for (UnitRef unit : order.units().keySet()) {
        if (cancellable(order, unit, overdue)) {
          scope.add(unit);
        }
      }
      if (scope.isEmpty()) {
        return nothingInScope(order, order.units().keySet().stream().toList(), overdue);
      }
    } else if (requested.isEmpty()) {
      return Decision.refuseInput(
          "lines",
          "CAN-1",
          "Name at least one line to cancel, or leave lines out to cancel everything that can be.");
    } else {
      Map<String, Integer> wanted = new LinkedHashMap<>();
      for (LineRequest r : requested) {
        if (r == null || r.lineId() == null || order.spec().line(r.lineId()).isEmpty()) {
          return Decision.refuseInput(
              "lines[].lineId",
              "CAN-1",
              "The order has no line " + (r == null ? null : r.lineId()) + ".");
        }
        if (r.quantity() < 1) {
          return Decision.refuseInput(
              "lines[].quantity", "CAN-1", "Line " + r.lineId() + ": quantity must be at least 1.");
        }
        wanted.merge(r.lineId(), r.quantity(), Integer::sum);
      }
      List<UnitRef> blocked = new ArrayList<>();
      for (Map.Entry<String, Integer> w : wanted.entrySet()) {
        List<UnitRef> lineUnits = order.unitsOfLine(w.getKey());
        if (w.getValue() > lineUnits.size()) {
          return Decision.refuseInput(
              "lines[].quantity",
              "CAN-1",
              "Line "
                  + w.getKey()
                  + " has "
                  + lineUnits.size()
                  + " units; "
                  + w.getValue()
                  + " can not be cancelled.");
        }
        List<UnitRef> open =
            lineUnits.stream().filter(u -> cancellable(order, u, overdue)).toList();
        long alreadyCancelled =
            lineUnits.stream().filter(u -> order.statusOf(u) == UnitStatus.CANCELLED).count();
        // CAN-8: the request names how many units of the line are to be cancelled in all, so a
        // repeated or retried request (double click, lost response) cancels nothing more.
        int missing = (int) Math.max(0, w.getValue() - alreadyCancelled);
        int take = Math.min(missing, open.size());
        if (take < missing) {
          blocked.addAll(
              lineUnits.stream()
                  .filter(
                      u ->
                          !cancellable(order, u, overdue)
                              && order.statusOf(u) != UnitStatus.CANCELLED)
                  .toList());
        } else {
          scope.addAll(open.subList(0, take));
        }
      }
      if (!blocked.isEmpty()) {
        return nothingInScope(order, blocked, overdue);
      }
      if (scope.isEmpty()) {
        return alreadyCancelled(order);
      }
    }
    for (UnitRef unit : scope) {
      ParcelState parcel = order.parcelOf(unit);
      why =
          parcel.status() == ParcelStatus.NEW
              ? why.and(
                  "CAN-1",
                  "Parcel "
                      + parcel.parcelId()
                      + " had not been processed, so its items can be cancelled.")
              : why.and(
                  "CAN-3",
                  "Parcel "
                      + parcel.parcelId()
                      + " was processed but has not shipped and the expected"
                      + " shipping date "
                      + order.spec().expectedShipBy()
                      + " has passed, so its items can be cancelled.");
    }
    Cancellation result = apply(order, policy, cancellationId, scope, now, dedupe(why), "CAN-5");
    return Decision.accept(result, result.explanation());
  }

  /**
   * Cancels {@code scope} (units known to be cancellable), refunds them per CAN-5 and returns the
   * result; used by customer cancellation and auto-cancel (CAN-6).
   */
  static Cancellation apply(
      Order order,
      PolicyDocument policy,
      String cancellationId,
      List<UnitRef> scope,
      Instant now,
      Explanation why,
      String refundRule) {
    OrderPricing pricing = order.pricing();
    RefundLedger ledger = order.ledger();
    Map<UnitRef, UnitStatus> changes = new LinkedHashMap<>();
    scope.forEach(u -> changes.put(u, UnitStatus.CANCELLED));
    // CHG-4: a change of these units still awaiting payment lapses with the cancellation
    Order cancelled = ChangePolicy.lapseDue(order.withUnitStatuses(changes), now);

    List<BreakdownLine> lines = new ArrayList<>();
    List<UnitAmount> amounts = new ArrayList<>();
    Money alreadyRefunded = Money.zero(pricing.currency());
    for (Map.Entry<LineSpec, List<UnitRef>> group : RefundLines.byItem(order, scope).entrySet()) {
      List<UnitRef> units = group.getValue();
      String items = RefundLines.items(group.getKey(), units.size());
      lines.add(
          BreakdownLine.of(
              "Paid price of " + items, RefundLines.sumPaid(pricing, units), "GEN-2", refundRule));
      Money delivery = RefundLines.sumDelivery(pricing, units);
      if (!delivery.isZero()) {
        lines.add(
            BreakdownLine.of("Delivery charge share for " + items, delivery, "GEN-3", refundRule));
      }
      for (UnitRef u : units) {
        alreadyRefunded = alreadyRefunded.plus(ledger.refundedFor(u));
        amounts.add(new UnitAmount(u, ledger.remainingFor(u).amount()));
      }
    }
    if (alreadyRefunded.isPositive()) {
      lines.add(BreakdownLine.alreadyRefunded("these items", alreadyRefunded.negate()));
    }
    Explanation explanation =
        why.and(
            refundRule,
            "Refund: the paid price plus the delivery charge share of every" + " cancelled item.");
    Breakdown breakdown = Breakdown.of(pricing.currency(), lines);
    LocalDate dueBy = policy.refundDueBy(now);
    Refund refund =
        Refund.pending(
            order.orderId(),
            RefundSource.CANCELLATION,
            cancellationId,
            now,
            dueBy,
            breakdown,
            amounts);
    explanation = explanation.and(RuleTexts.refundDue(refund, policy));
    Order.RefundResult result = cancelled.addRefund(refund);
    return new Cancellation(
        result.order(),
        groups(order, scope),
        scope,
        result.added() ? result.refund() : null,
        explanation);
  }

  /** Whether {@code unit} can be cancelled now (CAN-1, CAN-3). */
  public static boolean cancellable(Order order, UnitRef unit, boolean expectedShipDatePassed) {
    if (order.statusOf(unit) != UnitStatus.ACTIVE) {
      return false;
    }
    ParcelStatus status = order.parcelOf(unit).status();
    return status == ParcelStatus.NEW
        || (status == ParcelStatus.PROCESSED && expectedShipDatePassed);
  }

  /** Whether {@code unit} can be cancelled at {@code now} (for the order view's actions). */
  public static Decision<UnitRef> check(
      Order order, PolicyDocument policy, UnitRef unit, Instant now) {
    boolean overdue = policy.calendar().dateOf(now).isAfter(order.spec().expectedShipBy());
    if (cancellable(order, unit, overdue)) {
      return Decision.accept(
          unit,
          order.parcelOf(unit).status() == ParcelStatus.NEW
              ? Explanation.of("CAN-1", "Not processed yet: can be cancelled.")
              : Explanation.of(
                  "CAN-3", "Expected shipping date passed and not shipped: can be cancelled."));
    }
    return nothingInScope(order, List.of(unit), overdue).map(c -> unit);
  }

  /** CAN-8: every item asked for is cancelled already; nothing changes. */
  private static Decision<Cancellation> alreadyCancelled(Order order) {
    Explanation e = Explanation.of("CAN-8", "These items were already cancelled; nothing changed.");
    return Decision.accept(new Cancellation(order, List.of(), List.of(), null, e), e);
  }

  private static Decision<Cancellation> nothingInScope(
      Order order, List<UnitRef> units, boolean overdue) {
    boolean allCancelled = units.stream().allMatch(u -> order.statusOf(u) == UnitStatus.CANCELLED);
    if (allCancelled) {
      return alreadyCancelled(order);
    }
    boolean processed =
        units.stream()
            .anyMatch(
                u ->
                    order.statusOf(u) == UnitStatus.ACTIVE
                        && order.parcelOf(u).status() == ParcelStatus.PROCESSED);
    if (processed && !overdue) {
      String message = RuleTexts.parcelProcessed("cancelled", order.spec().expectedShipBy());
      return Decision.refuse(
          Refusal.of(
              RefusalCode.ORDER_ALREADY_PROCESSED,
              message,
              Explanation.of(
                      "CAN-2",
                      "Orders whose parcels have already been processed can not be cancelled.")
                  .and("CAN-3", RuleTexts.cancelAfterShipBy(order.spec().expectedShipBy()))
                  .and("CAN-4", "Nothing in the request can be cancelled now.")));
    }
    String message =
        "Nothing in your request can be cancelled: the items have shipped or are already in a"
            + " return or claim. Once delivered, you can ask for a return within the return window.";
    return Decision.refuse(
        Refusal.of(
            RefusalCode.NOTHING_TO_CANCEL,
            message,
            Explanation.of("CAN-4", "Nothing in the request can be cancelled.")
                .and(
                    "RET-1",
                    "After delivery, items in mint condition can be returned for a refund.")));
  }

  private static List<CancelledGroup> groups(Order order, List<UnitRef> scope) {
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    for (UnitRef u : scope) {
      counts.merge(List.of(u.lineId(), order.parcelOf(u).parcelId()), 1, Integer::sum);
    }
    List<CancelledGroup> groups = new ArrayList<>();
    counts.forEach((key, n) -> groups.add(new CancelledGroup(key.get(0), n, key.get(1))));
    return groups;
  }

  /** One line per rule and text (several units of one parcel say the same). */
  static Explanation dedupe(Explanation e) {
    List<RuleLine> seen = new ArrayList<>();
    for (RuleLine line : e.lines()) {
      if (!seen.contains(line)) {
        seen.add(line);
      }
    }
    return new Explanation(seen);
  }
}
