package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.calendar.Window;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.RefundLedger;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.MustInclude;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelState;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnItem;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;

/**
 * The 60 day conditional return. Eligibility per unit (checked in this order): the unit is ACTIVE,
 * its parcel was delivered (GEN-6), a fault (damaged, different, not working) goes to a DOA claim
 * within the DOA window or else to the warranty (RET-7), the category is returnable (RET-8), the
 * return window is open (RET-1, GEN-6), and the declared condition is mint and unused (RET-1).
 * Authorisation (RET-2) gives the RMA, send-by date (RET-9), address, what must come back (RET-5)
 * and a refund estimate (RET-4). Also withdrawal and expiry (RET-9) and unannounced returns
 * (RET-3). Pure: returns new states; the caller persists them.
 */
public final class ReturnPolicy {

  /** Label of the packaging in {@link MustInclude} lists (RET-5). */
  public static final String ORIGINAL_PACKAGING = "original packaging";

  private ReturnPolicy() {}

  /** {@code quantity} units of a line, why, and in what condition the customer says they are. */
  public record ReturnLine(
      String lineId, int quantity, ReturnReason reason, ItemCondition condition) {}

  /** RET-4/RET-5: a return refund's breakdown and what it takes from each unit. */
  public record ReturnRefund(Breakdown breakdown, List<UnitAmount> units) {
    public ReturnRefund {
      units = List.copyOf(units);
    }
  }

  /** GEN-6/RET-1: the unit's return window; empty while its parcel has no delivery date. */
  public static Optional<Window> returnWindow(Order order, PolicyDocument policy, UnitRef unit) {
    return Window.after(
        order.parcelOf(unit).deliveredOn(policy.storeZone()),
        policy.returnWindowDays(),
        policy.storeZone());
  }

  /** DOA-1/GEN-6: the unit's DOA window; empty while its parcel has no delivery date. */
  public static Optional<Window> doaWindow(Order order, PolicyDocument policy, UnitRef unit) {
    return Window.after(
        order.parcelOf(unit).deliveredOn(policy.storeZone()),
        policy.doaWindowDays(),
        policy.storeZone());
  }

  /**
   * RET-7: the last day of the unit's warranty, if delivered ({@link
   * WarrantyPolicy#warrantyEndsOn}: category months plus what repairs added).
   */
  public static Optional<LocalDate> warrantyEndsOn(
      Order order, PolicyDocument policy, UnitRef unit) {
    return WarrantyPolicy.warrantyEndsOn(order, policy, unit);
  }

  /** Whether {@code unit} can be returned now for {@code reason} in {@code condition}. */
  public static Decision<UnitRef> check(
      Order order,
      PolicyDocument policy,
      UnitRef unit,
      ReturnReason reason,
      ItemCondition condition,
      Instant now) {
    LineSpec line = order.itemOf(unit); // CHG-5: the unit as it is now
    UnitStatus status = order.statusOf(unit);
    if (status != UnitStatus.ACTIVE) {
      return Decision.refuse(
          RefusalCode.NOT_RETURNABLE_NOW,
          "RET-1",
          "This " + line.name() + " can not be" + " returned: it is " + describe(status) + ".");
    }
    ParcelState parcel = order.parcelOf(unit);
    Optional<LocalDate> deliveredOn = parcel.deliveredOn(policy.storeZone());
    if (deliveredOn.isEmpty()) {
      return Decision.refuse(
          RefusalCode.NOT_DELIVERED,
          "GEN-6",
          "This "
              + line.name()
              + " has not been"
              + " delivered yet; the return window opens on delivery. Before it ships you may be able to cancel it.");
    }
    if (reason.isFault()) {
      Window doa = doaWindow(order, policy, unit).orElseThrow();
      if (doa.isOpenAt(now)) {
        return Decision.refuse(
            Refusal.of(
                RefusalCode.USE_DOA_CLAIM,
                "A "
                    + describe(reason)
                    + " item is"
                    + " covered by our "
                    + policy.doaWindowDays()
                    + " day guarantee until "
                    + doa.lastDay()
                    + ": please open a DOA claim instead of a return.",
                Explanation.of(
                        "RET-7",
                        "A damaged, different or non-working item is not a conditional return.")
                    .and(
                        "DOA-1",
                        "Within "
                            + policy.doaWindowDays()
                            + " days after delivery it is covered"
                            + " by the DOA guarantee.")));
      }
      LocalDate warrantyEnd = warrantyEndsOn(order, policy, unit).orElseThrow();
      int months = policy.warrantyMonths(line.category());
      String message =
          "A "
              + describe(reason)
              + " item after the "
              + policy.doaWindowDays()
              + " day guarantee"
              + " is handled by the "
              + months
              + " month warranty of its category"
              + (warrantyEnd.isBefore(policy.calendar().dateOf(now))
                  ? ", which ended on " + warrantyEnd + "."
                  : ", valid until "
                      + warrantyEnd
                      + ": report the problem as a claim on the order instead of a return.");
      return Decision.refuse(
          new Refusal(
              RefusalCode.USE_WARRANTY,
              message,
              Explanation.of("RET-7", message)
                  .and(
                      "WAR-1",
                      "Report the problem on the order: after the DOA guarantee it is a warranty"
                          + " claim."),
              warrantyEnd));
    }
    if (!policy.isReturnable(line.category())) {
      return Decision.refuse(
          RefusalCode.NON_RETURNABLE_CATEGORY,
          "RET-8",
          "Items in the category " + line.category() + " can not be returned.");
    }
    Window window = returnWindow(order, policy, unit).orElseThrow();
    if (!window.isOpenAt(now)) {
      return Decision.refuse(
          RefusalCode.RETURN_WINDOW_CLOSED,
          "RET-1",
          "The "
              + policy.returnWindowDays()
              + " day return window for this "
              + line.name()
              + " (delivered on "
              + window.deliveredOn()
              + ") closed at the end of "
              + window.lastDay()
              + ".");
    }
    if (condition != ItemCondition.MINT_UNUSED) {
      return Decision.refuse(
          RefusalCode.NOT_MINT,
          "RET-1",
          "Only items in mint, unused condition can be"
              + " returned for a refund; an item that is "
              + condition.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + " can not.");
    }
    return Decision.accept(
        unit,
        Explanation.of(
            "RET-1",
            "Delivered on "
                + window.deliveredOn()
                + "; the "
                + policy.returnWindowDays()
                + " day return window is open until the end of "
                + window.lastDay()
                + "."));
  }

  /**
   * Authorises a return of {@code lines} (RET-2): picks ACTIVE units of each line (delivered ones
   * first, by index), checks each, and on success marks them RETURN_OPEN.
   */
  public static Decision<ReturnUpdate> authorize(
      Order order, PolicyDocument policy, String returnId, List<ReturnLine> lines, Instant now) {
    if (lines == null || lines.isEmpty()) {
      return Decision.refuseInput("lines", "RET-2", "Name at least one line to return.");
    }
    Set<UnitRef> taken = new HashSet<>();
    List<ReturnItem> items = new ArrayList<>();
    Explanation why = Explanation.empty();
    for (ReturnLine request : lines) {
      if (request == null
          || request.lineId() == null
          || order.spec().line(request.lineId()).isEmpty()) {
        return Decision.refuseInput(
            "lines[].lineId",
            "RET-2",
            "The order has no line " + (request == null ? null : request.lineId()) + ".");
      }
      if (request.quantity() < 1 || request.reason() == null || request.condition() == null) {
        return Decision.refuseInput(
            "lines[]",
            "RET-2",
            "Line "
                + request.lineId()
                + ": quantity (at least 1), reason and condition are required.");
      }
      List<UnitRef> candidates =
          order.unitsOfLine(request.lineId()).stream()
              .filter(u -> !taken.contains(u))
              .sorted(
                  Comparator.comparing((UnitRef u) -> order.statusOf(u) != UnitStatus.ACTIVE)
                      .thenComparing(u -> order.parcelOf(u).deliveredAt() == null)
                      .thenComparingInt(UnitRef::index))
              .toList();
      if (request.quantity() > candidates.size()) {
        return Decision.refuseInput(
            "lines[].quantity",
            "RET-2",
            "Line "
                + request.lineId()
                + " has only "
                + order.unitsOfLine(request.lineId()).size()
                + " units.");
      }
      for (UnitRef unit : candidates.subList(0, request.quantity())) {
        Decision<UnitRef> ok =
            check(order, policy, unit, request.reason(), request.condition(), now);
        if (!ok.accepted()) {
          return Decision.refuse(ok.refusal());
        }
        why = why.and(ok.explanation());
        taken.add(unit);
        items.add(new ReturnItem(unit, request.reason(), request.condition()));
      }
    }
    List<UnitRef> units = items.stream().map(ReturnItem::unit).toList();
    LocalDate sendBy = policy.calendar().dateOf(now).plusDays(policy.returnSendByDays());
    String rma = "RMA-" + returnId;
    List<MustInclude> mustInclude = new ArrayList<>();
    for (LineSpec item : RefundLines.byItem(order, units).keySet()) {
      List<String> parts = new ArrayList<>();
      item.components().forEach(c -> parts.add(c.name()));
      parts.add(ORIGINAL_PACKAGING);
      mustInclude.add(new MustInclude(item.lineId(), parts));
    }
    ReturnRefund estimate = refund(order, units, Map.of());
    List<String> instructions = new ArrayList<>(sendingInstructions(rma, sendBy, policy));
    instructions.add(
        "Pack each item in its original packaging with all its accessories; missing parts are"
            + " charged at their listed price.");
    instructions.add("Items that are not in mint condition when we receive them are not refunded.");
    Explanation explanation =
        CancellationPolicy.dedupe(why)
            .and("RET-2", "Return authorised as " + rma + "; send it by " + sendBy + ".")
            .and(
                "RET-5",
                "Everything listed must come back in the original packaging; a missing part is"
                    + " charged at its listed price.")
            .and(
                "RET-4",
                "Estimated refund "
                    + estimate.breakdown().total()
                    + ": the paid price minus the"
                    + " delivery charges.");
    return Decision.accept(
        opened(
            order,
            returnId,
            rma,
            items,
            sendBy,
            policy,
            mustInclude,
            instructions,
            estimate.breakdown(),
            now,
            explanation),
        explanation);
  }

  /** RET-2: where and by when to send a return (its first instructions). */
  static List<String> sendingInstructions(String rma, LocalDate sendBy, PolicyDocument policy) {
    return List.of(
        "Write " + rma + " clearly on the outside of the parcel.",
        "Send it by "
            + sendBy
            + " to "
            + policy.returnAddress().recipient()
            + ", "
            + String.join(", ", policy.returnAddress().lines())
            + ", "
            + policy.returnAddress().countryCode()
            + ".");
  }

  /** An AUTHORIZED return of {@code items} and the order with their units RETURN_OPEN. */
  static ReturnUpdate opened(
      Order order,
      String returnId,
      String rma,
      List<ReturnItem> items,
      LocalDate sendBy,
      PolicyDocument policy,
      List<MustInclude> mustInclude,
      List<String> instructions,
      Breakdown estimate,
      Instant now,
      Explanation explanation) {
    ReturnCase returnCase =
        new ReturnCase(
            returnId,
            order.orderId(),
            rma,
            ReturnStatus.AUTHORIZED,
            items,
            sendBy,
            policy.returnAddress(),
            mustInclude,
            instructions,
            estimate,
            now,
            now,
            null,
            null);
    Map<UnitRef, UnitStatus> changes = new LinkedHashMap<>();
    items.forEach(i -> changes.put(i.unit(), UnitStatus.RETURN_OPEN));
    return new ReturnUpdate(returnCase, order.withUnitStatuses(changes), null, explanation);
  }

  /**
   * RET-4/RET-5: refund for {@code units} = paid price − delivery share − listed price of each
   * missing component, never below zero, and never above what is left of the unit under GEN-4.
   *
   * @param missing component ids missing per unit (units absent: nothing missing)
   * @throws IllegalArgumentException for a component the unit's line does not have
   */
  public static ReturnRefund refund(
      Order order, List<UnitRef> units, Map<UnitRef, List<String>> missing) {
    OrderPricing pricing = order.pricing();
    RefundLedger ledger = order.ledger();
    List<BreakdownLine> lines = new ArrayList<>();
    List<UnitAmount> amounts = new ArrayList<>();
    Money floorAdjust = Money.zero(pricing.currency());
    Money capAdjust = Money.zero(pricing.currency());
    for (Map.Entry<LineSpec, List<UnitRef>> group : RefundLines.byItem(order, units).entrySet()) {
      LineSpec line = group.getKey();
      List<UnitRef> lineUnits = group.getValue();
      String items = RefundLines.items(line, lineUnits.size());
      lines.add(
          BreakdownLine.of(
              "Paid price of " + items, RefundLines.sumPaid(pricing, lineUnits), "GEN-2", "RET-4"));
      Money delivery = RefundLines.sumDelivery(pricing, lineUnits);
      if (!delivery.isZero()) {
        lines.add(
            BreakdownLine.of(
                "Delivery charges for " + items + " (not refunded on a return)",
                delivery.negate(),
                "GEN-3",
                "RET-4"));
      }
      Map<String, Integer> missingCount = new LinkedHashMap<>();
      for (UnitRef unit : lineUnits) {
        long charges = 0;
        for (String componentId : missing.getOrDefault(unit, List.of())) {
          ComponentSpec component =
              line.component(componentId)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "RET-5: line " + line.lineId() + " has no component " + componentId));
          charges += component.price();
          missingCount.merge(componentId, 1, Integer::sum);
        }
        long raw =
            pricing.paidPrice(unit).amount() - pricing.deliveryShare(unit).amount() - charges;
        long floored = Math.max(0, raw);
        // RET-4 bounds everything refunded for the unit, not only this refund: after a partial DOA
        // refund a return gives back at most the rest of (paid − delivery share − missing parts).
        long capped = Math.max(0, floored - ledger.refundedFor(unit).amount());
        floorAdjust = floorAdjust.plus(floored - raw);
        capAdjust = capAdjust.plus(capped - floored);
        amounts.add(new UnitAmount(unit, capped));
      }
      missingCount.forEach(
          (componentId, n) -> {
            ComponentSpec c = line.component(componentId).orElseThrow();
            lines.add(
                BreakdownLine.of(
                    "Missing part: " + (n > 1 ? n + " × " : "") + c.name(),
                    Money.of(c.price(), pricing.currency()).times(n).negate(),
                    "RET-5"));
          });
    }
    if (floorAdjust.isPositive()) {
      lines.add(
          BreakdownLine.of(
              "Charges above the item's price are not taken (a refund is never below zero)",
              floorAdjust,
              "RET-4"));
    }
    if (capAdjust.isNegative()) {
      lines.add(BreakdownLine.alreadyRefunded("these items", capAdjust, "RET-4"));
    }
    return new ReturnRefund(Breakdown.of(pricing.currency(), lines), amounts);
  }

  /**
   * The customer withdraws an authorised return before it is received (RET-9); units become ACTIVE
   * again.
   */
  public static Decision<ReturnUpdate> withdraw(ReturnCase returnCase, Order order, Instant now) {
    if (WithdrawalPolicy.isWithdrawal(returnCase.returnId())) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "LAW-1",
          "This return carries the items of a withdrawal from the contract, which is not taken"
              + " back by withdrawing the return.");
    }
    return close(
        returnCase,
        order,
        ReturnStatus.WITHDRAWN,
        now,
        Explanation.of("RET-9", "The return was withdrawn before it was received."));
  }

  /**
   * RET-9: an authorised return not sent by its send-by date expires (after the end of that day); a
   * withdrawal's return never does (LAW-1).
   */
  public static boolean isExpired(ReturnCase returnCase, PolicyDocument policy, Instant now) {
    // LAW-1: a withdrawal stands once received; its return waits for the items, it never expires
    return returnCase.status() == ReturnStatus.AUTHORIZED
        && !WithdrawalPolicy.isWithdrawal(returnCase.returnId())
        && policy.calendar().dateOf(now).isAfter(returnCase.sendBy());
  }

  /** RET-9: expires the return if its send-by date passed; units become ACTIVE again. */
  public static Decision<ReturnUpdate> expire(
      ReturnCase returnCase, Order order, PolicyDocument policy, Instant now) {
    if (!isExpired(returnCase, policy, now)) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "RET-9",
          "Return "
              + returnCase.returnId()
              + " is "
              + returnCase.status()
              + " with send-by date "
              + returnCase.sendBy()
              + ": it does not expire now.");
    }
    return close(returnCase, order, ReturnStatus.EXPIRED, now, expired(returnCase));
  }

  /** RET-9: why an authorised return expired. */
  public static Explanation expired(ReturnCase returnCase) {
    return Explanation.of("RET-9", RuleTexts.returnExpired(returnCase.sendBy()));
  }

  /** RET-3: what to record for a parcel that came back with no authorised return. */
  public static Explanation unannounced() {
    return Explanation.of(
        "RET-3",
        "Returned without asking first: recorded for manual handling by customer care;"
            + " no automatic refund.");
  }

  private static Decision<ReturnUpdate> close(
      ReturnCase returnCase, Order order, ReturnStatus target, Instant now, Explanation why) {
    Decision<ReturnStatus> move = returnCase.status().moveTo(target);
    if (!move.accepted()) {
      return Decision.refuse(move.refusal());
    }
    Map<UnitRef, UnitStatus> changes = new LinkedHashMap<>();
    returnCase.units().stream()
        .filter(u -> order.statusOf(u) == UnitStatus.RETURN_OPEN)
        .forEach(u -> changes.put(u, UnitStatus.ACTIVE));
    return Decision.accept(
        new ReturnUpdate(
            returnCase.withStatus(target, now, null, null),
            order.withUnitStatuses(changes),
            null,
            why),
        why);
  }

  private static String describe(UnitStatus status) {
    return switch (status) {
      case ACTIVE -> "active";
      case CANCELLED -> "cancelled";
      case RETURN_OPEN -> "already in an open return";
      case RETURNED -> "already returned";
      case CLAIM_OPEN -> "in an open DOA claim";
      case REFUNDED_BY_CLAIM -> "already refunded by a claim";
    };
  }

  private static String describe(ReturnReason reason) {
    return switch (reason) {
      case DAMAGED -> "damaged";
      case DIFFERENT -> "wrong (different from the order)";
      case NOT_WORKING -> "non-working";
      case UNWANTED -> "unwanted";
    };
  }
}
