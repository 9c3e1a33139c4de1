package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.calendar.Window;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.law.ConsumerFacts;
import org.aftersales.policy.law.Exclusion;
import org.aftersales.policy.law.Jurisdiction;
import org.aftersales.policy.law.Sourced;
import org.aftersales.policy.law.StatutoryTerms;
import org.aftersales.policy.money.Allocation;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.MustInclude;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnItem;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;

/**
 * The EU right of withdrawal (LAW-1, LAW-2, LAW-4; Directive 2011/83/EU Art. 9–16). Where the law
 * covers the order ({@link Jurisdiction}), the consumer may withdraw from the purchase of any
 * delivered unit until the end of the 14th day after the delivery of the order's last parcel
 * (GEN-6's day rules in the store zone), with no reason and none of RET-5's or RET-6's conditions.
 * The units go back through a return whose id starts with {@link #RETURN_ID_PREFIX} (its kind is
 * WITHDRAWAL), so the order alone says which units were withdrawn. The refund is the paid price
 * plus the delivery share (capped at the cheapest standard delivery), less only a stated
 * diminished-value deduction at receipt; it waits for the units or a proof of sending, and is due
 * 14 days after the withdrawal or GEN-5's deadline from the grant, whichever is later. A unit of a
 * category Art. 16(e) or (i) excludes once unsealed is judged at receipt: unsealed, it is not
 * refunded and stays the customer's. Pure.
 */
public final class WithdrawalPolicy {

  /** The id of every return that carries withdrawn units starts with this (its kind). */
  public static final String RETURN_ID_PREFIX = "wd-";

  /**
   * LAW-1: the consumer sends the goods back within this many days of withdrawing (Directive
   * 2011/83/EU Art. 14(1)): a withdrawal's send-by date.
   */
  public static final int SEND_BACK_DAYS = 14;

  private WithdrawalPolicy() {}

  /** {@code quantity} units of a line to withdraw. */
  public record WithdrawalLine(String lineId, int quantity) {}

  /** A diminished-value deduction at receipt (LAW-2, Art. 14(2)): an amount and its reason. */
  public record Deduction(long amount, String reason) {}

  /**
   * The withdrawal period of an order (LAW-1, Art. 9(2)(b)).
   *
   * @param days its length in days, with its source
   * @param lastDelivery the delivery day of the last parcel, null while a parcel is on its way
   * @param lastDay the last day to withdraw, null while a parcel is on its way (the period has not
   *     started to run out)
   * @param closesAt the first instant after it (null with {@code lastDay})
   */
  public record Period(Sourced days, LocalDate lastDelivery, LocalDate lastDay, Instant closesAt) {
    public boolean isOpenAt(Instant now) {
      return closesAt == null || now.isBefore(closesAt);
    }
  }

  /** LAW-2: a withdrawal refund's breakdown and what it takes from each unit. */
  public record WithdrawalRefund(Breakdown breakdown, List<UnitAmount> units) {
    public WithdrawalRefund {
      units = List.copyOf(units);
    }
  }

  /**
   * What the order says about its buyer and delivery country (LAW-1), the one place that reads
   * them: the registered buyer and country, and a parcel's address country as last changed (CHG-1)
   * or registered. An order registered without them is a consumer with no country: the store's
   * terms alone.
   */
  public static ConsumerFacts factsOf(Order order) {
    OrderSpec spec = order.spec();
    return new ConsumerFacts() {
      @Override
      public Buyer buyer() {
        return spec.buyer();
      }

      @Override
      public String deliveryCountry() {
        return spec.deliveryCountry();
      }

      @Override
      public String parcelCountry(String parcelId) {
        String changed = order.deliveryAddress(parcelId).get("country");
        return changed == null || changed.isBlank() ? spec.parcelCountry(parcelId) : changed;
      }
    };
  }

  /** Whether the return {@code returnId} carries withdrawn units (its kind is WITHDRAWAL). */
  public static boolean isWithdrawal(String returnId) {
    return returnId != null && returnId.startsWith(RETURN_ID_PREFIX);
  }

  /** Whether the law covers {@code unit}: its parcel goes to an EU/EEA consumer. */
  public static boolean covers(
      Order order, PolicyDocument policy, ConsumerFacts facts, UnitRef unit) {
    return Jurisdiction.ofParcel(facts, order.spec().parcelOfUnit().get(unit), policy.law())
        .consumerLaw();
  }

  /**
   * LAW-1: the order's withdrawal period, empty when the law covers none of its parcels. The 14
   * days run from the delivery of the last parcel that still carries a unit not cancelled.
   */
  public static Optional<Period> period(Order order, PolicyDocument policy, ConsumerFacts facts) {
    StatutoryTerms law = policy.law();
    String country = null;
    LocalDate last = null;
    boolean allDelivered = true;
    for (Map.Entry<String, List<UnitRef>> parcel : order.spec().unitsByParcel().entrySet()) {
      boolean live =
          parcel.getValue().stream().anyMatch(u -> order.statusOf(u) != UnitStatus.CANCELLED);
      if (!live) {
        continue;
      }
      Jurisdiction j = Jurisdiction.ofParcel(facts, parcel.getKey(), law);
      if (j.consumerLaw() && country == null) {
        country = j.country();
      }
      Optional<LocalDate> on = order.parcel(parcel.getKey()).deliveredOn(policy.storeZone());
      if (on.isEmpty()) {
        allDelivered = false;
      } else if (last == null || on.get().isAfter(last)) {
        last = on.get();
      }
    }
    if (country == null) {
      return Optional.empty();
    }
    Sourced days = law.in(country).withdrawalDays();
    if (!allDelivered || last == null) {
      return Optional.of(new Period(days, null, null, null));
    }
    Window w = Window.after(last, days.value(), policy.storeZone());
    return Optional.of(new Period(days, last, w.lastDay(), w.closesAt()));
  }

  /**
   * LAW-1, LAW-3: what {@code GET /orders/{orderId}} shows as {@code actions.withdraw}: empty when
   * the law covers none of the order's parcels; else whether a withdrawal of every delivered unit
   * is possible now and the last day of the period (null while a parcel is on its way).
   */
  public static Optional<OrderActions.Action> action(
      Order order, PolicyDocument policy, ConsumerFacts facts, Instant now) {
    Optional<Period> period = period(order, policy, facts);
    if (period.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        OrderActions.Action.of(select(order, policy, facts, null, now), period.get().lastDay()));
  }

  /**
   * LAW-1: the units a withdrawal of {@code lines} takes (every delivered unit not yet withdrawn,
   * returned or excluded when {@code lines} is null or empty), or why none can be.
   */
  public static Decision<List<UnitRef>> select(
      Order order,
      PolicyDocument policy,
      ConsumerFacts facts,
      List<WithdrawalLine> lines,
      Instant now) {
    Optional<Period> period = period(order, policy, facts);
    if (period.isEmpty()) {
      return Decision.refuse(
          RefusalCode.WITHDRAWAL_NOT_APPLICABLE,
          "LAW-1",
          "The EU right of withdrawal does not cover this order: "
              + Jurisdiction.ofOrder(facts, policy.law()).explanation()
              + " A return under the store's terms may still be possible.");
    }
    Period p = period.get();
    if (!p.isOpenAt(now)) {
      return Decision.refuse(
          RefusalCode.WITHDRAWAL_PERIOD_ENDED,
          "LAW-1",
          "The "
              + p.days().value()
              + " day withdrawal period ("
              + p.days().source()
              + ") ran from the delivery of the last parcel on "
              + p.lastDelivery()
              + " and ended at the end of "
              + p.lastDay()
              + ". A return under the store's terms may still be possible.");
    }
    StatutoryTerms law = policy.law();
    List<UnitRef> chosen = new ArrayList<>();
    if (lines == null || lines.isEmpty()) {
      for (UnitRef u : order.spec().units()) {
        if (withdrawable(order, policy, facts, u)
            && excludedOutright(law, order.itemOf(u)).isEmpty()) {
          chosen.add(u);
        }
      }
      if (chosen.isEmpty()) {
        boolean withdrawn = order.spec().units().stream().anyMatch(u -> withdrawn(order, u));
        return Decision.refuse(
            withdrawn ? RefusalCode.ALREADY_WITHDRAWN : RefusalCode.NOTHING_TO_WITHDRAW,
            "LAW-1",
            withdrawn
                ? "Every delivered item of this order has already been withdrawn or returned."
                : "No delivered item of this order can be withdrawn now.");
      }
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < lines.size(); i++) {
        WithdrawalLine request = lines.get(i);
        String field = "units[" + i + "]";
        if (request == null
            || request.lineId() == null
            || order.spec().line(request.lineId()).isEmpty()) {
          return Decision.refuseInput(
              field + ".lineId",
              "LAW-1",
              "The order has no line " + (request == null ? null : request.lineId()) + ".");
        }
        if (!seen.add(request.lineId())) {
          return Decision.refuseInput(
              field + ".lineId", "LAW-1", "Line " + request.lineId() + " is named twice.");
        }
        if (request.quantity() < 1) {
          return Decision.refuseInput(
              field + ".quantity",
              "LAW-1",
              "Withdraw at least 1 unit of " + request.lineId() + ".");
        }
        LineSpec line = order.spec().line(request.lineId()).orElseThrow();
        Optional<Exclusion> excluded = excludedOutright(law, line);
        if (excluded.isPresent()) {
          return Decision.refuse(
              RefusalCode.WITHDRAWAL_EXCLUDED_CATEGORY,
              "LAW-1",
              line.name()
                  + " (category "
                  + line.category()
                  + ") can not be withdrawn: "
                  + excluded.get().reason()
                  + " ("
                  + excluded.get().article()
                  + ").");
        }
        List<UnitRef> units = order.unitsOfLine(request.lineId());
        List<UnitRef> candidates =
            units.stream().filter(u -> withdrawable(order, policy, facts, u)).toList();
        if (request.quantity() <= candidates.size()) {
          chosen.addAll(candidates.subList(0, request.quantity()));
          continue;
        }
        long withdrawn = units.stream().filter(u -> withdrawn(order, u)).count();
        long undelivered =
            units.stream()
                .filter(
                    u ->
                        order.statusOf(u) == UnitStatus.ACTIVE
                            && order.parcelOf(u).deliveredAt() == null)
                .count();
        long uncovered =
            units.stream()
                .filter(
                    u -> order.statusOf(u) == UnitStatus.ACTIVE && !covers(order, policy, facts, u))
                .count();
        if (withdrawn > 0 && undelivered == 0) {
          return Decision.refuse(
              RefusalCode.ALREADY_WITHDRAWN,
              "LAW-1",
              withdrawn
                  + " unit(s) of "
                  + line.name()
                  + " (line "
                  + line.lineId()
                  + ") were already withdrawn; "
                  + candidates.size()
                  + " can still be withdrawn.");
        }
        if (candidates.isEmpty() && uncovered > 0) {
          return Decision.refuse(
              RefusalCode.WITHDRAWAL_NOT_APPLICABLE,
              "LAW-1",
              "The parcel carrying "
                  + line.name()
                  + " goes to a country the EU right of withdrawal does not cover.");
        }
        if (candidates.isEmpty() && undelivered > 0) {
          return Decision.refuse(
              RefusalCode.NOT_DELIVERED,
              "LAW-1",
              line.name()
                  + " has not been delivered yet; it can be withdrawn once delivered, or"
                  + " cancelled before it ships.");
        }
        return Decision.refuseInput(
            field + ".quantity",
            "LAW-1",
            "Line "
                + line.lineId()
                + " has "
                + candidates.size()
                + " delivered unit(s) left to withdraw, not "
                + request.quantity()
                + ".");
      }
    }
    Explanation why =
        Explanation.of(
            "LAW-1",
            "Withdrawal without a reason under "
                + p.days().source()
                + (p.lastDay() == null
                    ? "; the "
                        + p.days().value()
                        + " day period starts when the last parcel is delivered."
                    : ", open until the end of "
                        + p.lastDay()
                        + " ("
                        + p.days().value()
                        + " days after the last parcel was delivered on "
                        + p.lastDelivery()
                        + ")."));
    return Decision.accept(List.copyOf(chosen), why);
  }

  /**
   * LAW-1 receives the withdrawal of {@code lines}: the units go back through the return {@code
   * returnId} (which starts with {@link #RETURN_ID_PREFIX}) and become RETURN_OPEN; no refund yet
   * (LAW-2 lets it wait for the units or a proof of sending).
   */
  public static Decision<ReturnUpdate> withdraw(
      Order order,
      PolicyDocument policy,
      ConsumerFacts facts,
      String returnId,
      List<WithdrawalLine> lines,
      Instant now) {
    if (!isWithdrawal(returnId)) {
      throw new IllegalArgumentException(
          "LAW-1: a withdrawal's return id starts with " + RETURN_ID_PREFIX + ": " + returnId);
    }
    Decision<List<UnitRef>> selected = select(order, policy, facts, lines, now);
    if (!selected.accepted()) {
      return Decision.refuse(selected.refusal());
    }
    List<UnitRef> units = selected.value();
    WithdrawalRefund estimate = refund(order, policy, units, Map.of()).value();
    LocalDate sendBy = policy.calendar().dateOf(now).plusDays(SEND_BACK_DAYS);
    List<MustInclude> mustInclude = new ArrayList<>();
    for (LineSpec item : RefundLines.byItem(order, units).keySet()) {
      List<String> parts = new ArrayList<>();
      item.components().forEach(c -> parts.add(c.name()));
      mustInclude.add(new MustInclude(item.lineId(), parts));
    }
    String rma = "RMA-" + returnId;
    StatutoryTerms law = policy.law();
    List<String> instructions =
        new ArrayList<>(ReturnPolicy.sendingInstructions(rma, sendBy, policy));
    instructions.add(
        law.consumerBearsReturnCost()
            ? "You pay the direct cost of sending the items back."
            : "We pay the cost of sending the items back.");
    instructions.add(
        "Your refund is paid when we receive the items or when you give us proof that you"
            + " sent them, whichever is first.");
    List<ReturnItem> items =
        units.stream()
            .map(u -> new ReturnItem(u, ReturnReason.UNWANTED, ItemCondition.NOT_ASKED))
            .toList();
    Explanation why =
        selected
            .explanation()
            .and(
                "LAW-2",
                "Estimated refund "
                    + estimate.breakdown().total()
                    + ": the paid price and the delivery charges, paid when the items arrive or"
                    + " you show proof of sending them.");
    return Decision.accept(
        ReturnPolicy.opened(
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
            why),
        why);
  }

  /**
   * LAW-4: a return request judged as the better of the store's return (RET-*) and a withdrawal
   * (LAW-1, LAW-2). Within the withdrawal period of an order the law covers, the request becomes a
   * withdrawal (return id {@link #RETURN_ID_PREFIX} + {@code returnId}) when that refunds more —
   * the store's return deducts the delivery share and may be refused for the item's condition; the
   * explanation says which rule applied and why. Otherwise the store's return decides alone.
   */
  public static Decision<ReturnUpdate> returnOrWithdrawal(
      Order order,
      PolicyDocument policy,
      ConsumerFacts facts,
      String returnId,
      List<ReturnPolicy.ReturnLine> lines,
      Instant now) {
    Decision<ReturnUpdate> storeReturn =
        ReturnPolicy.authorize(order, policy, returnId, lines, now);
    Optional<Period> period = period(order, policy, facts);
    if (period.isEmpty() || !period.get().isOpenAt(now) || lines == null || lines.isEmpty()) {
      return storeReturn;
    }
    List<WithdrawalLine> asWithdrawal =
        lines.stream()
            .map(l -> l == null ? null : new WithdrawalLine(l.lineId(), l.quantity()))
            .toList();
    Decision<ReturnUpdate> withdrawal =
        withdraw(order, policy, facts, RETURN_ID_PREFIX + returnId, asWithdrawal, now);
    if (!withdrawal.accepted()) {
      return storeReturn.accepted()
          ? Decision.accept(
              storeReturn.value(),
              storeReturn
                  .explanation()
                  .and(
                      "LAW-4",
                      "Judged under the store's return terms: a withdrawal is not possible here ("
                          + withdrawal.refusal().message()
                          + ")"))
          : storeReturn;
    }
    Money byLaw = withdrawal.value().returnCase().refundEstimate().total();
    if (storeReturn.accepted()) {
      Money byStore = storeReturn.value().returnCase().refundEstimate().total();
      if (byLaw.compareTo(byStore) <= 0) {
        Explanation why =
            storeReturn
                .explanation()
                .and(
                    "LAW-4",
                    "Judged under the store's return terms: they refund "
                        + byStore
                        + ", at least the "
                        + byLaw
                        + " a withdrawal would.");
        return Decision.accept(
            new ReturnUpdate(
                storeReturn.value().returnCase(), storeReturn.value().order(), null, why),
            why);
      }
    }
    String instead =
        storeReturn.accepted()
            ? "the store's return would refund "
                + storeReturn.value().returnCase().refundEstimate().total()
                + " (RET-4 keeps the delivery charges)"
            : "the store's return would be refused (" + storeReturn.refusal().message() + ")";
    Explanation why =
        withdrawal
            .explanation()
            .and(
                "LAW-4",
                "Judged as a withdrawal under EU consumer law: it refunds "
                    + byLaw
                    + ", while "
                    + instead
                    + ".");
    ReturnUpdate w = withdrawal.value();
    return Decision.accept(new ReturnUpdate(w.returnCase(), w.order(), null, why), why);
  }

  /**
   * LAW-2: refund for withdrawing {@code units} = paid price + delivery share (capped at the
   * cheapest standard delivery, Art. 13(2)) − a stated diminished-value deduction per unit (never
   * above its paid price), and never more than what is left to refund of the unit (GEN-4).
   */
  public static Decision<WithdrawalRefund> refund(
      Order order, PolicyDocument policy, List<UnitRef> units, Map<UnitRef, Deduction> deductions) {
    OrderPricing pricing = order.pricing();
    for (Map.Entry<UnitRef, Deduction> d : deductions.entrySet()) {
      Optional<Refusal> wrong = refusalOf(order, d.getKey(), d.getValue(), "units[].deduction");
      if (wrong.isPresent()) {
        return Decision.refuse(wrong.get());
      }
    }
    Map<UnitRef, Long> delivery = deliveryRefund(order, policy);
    boolean capped =
        policy
            .law()
            .deliveryCap(pricing.currency())
            .filter(c -> c < order.spec().deliveryCharge())
            .isPresent();
    List<BreakdownLine> lines = new ArrayList<>();
    List<UnitAmount> amounts = new ArrayList<>();
    Money capAdjust = Money.zero(pricing.currency());
    for (Map.Entry<LineSpec, List<UnitRef>> group : RefundLines.byItem(order, units).entrySet()) {
      LineSpec line = group.getKey();
      List<UnitRef> lineUnits = group.getValue();
      String items = RefundLines.items(line, lineUnits.size());
      lines.add(
          BreakdownLine.of(
              "Paid price of " + items, RefundLines.sumPaid(pricing, lineUnits), "GEN-2", "LAW-2"));
      long lineDelivery = 0;
      for (UnitRef u : lineUnits) {
        lineDelivery += delivery.get(u);
      }
      if (lineDelivery > 0) {
        lines.add(
            BreakdownLine.of(
                "Delivery charges for "
                    + items
                    + (capped
                        ? " (refunded up to the cheapest standard delivery)"
                        : " (refunded on withdrawal)"),
                Money.of(lineDelivery, pricing.currency()),
                "GEN-3",
                "LAW-2"));
      }
      for (UnitRef unit : lineUnits) {
        Deduction d = deductions.get(unit);
        long deducted = d == null ? 0 : d.amount();
        if (deducted > 0) {
          lines.add(
              BreakdownLine.of(
                  "Diminished value of " + line.name() + ": " + d.reason(),
                  Money.of(deducted, pricing.currency()).negate(),
                  "LAW-2"));
        }
        long raw = pricing.paidPrice(unit).amount() + delivery.get(unit) - deducted;
        long left = order.ledger().remainingFor(unit).amount();
        long paidOut = Math.min(raw, left);
        capAdjust = capAdjust.plus(paidOut - raw);
        amounts.add(new UnitAmount(unit, paidOut));
      }
    }
    if (capAdjust.isNegative()) {
      lines.add(BreakdownLine.alreadyRefunded("these items", capAdjust));
    }
    WithdrawalRefund refund =
        new WithdrawalRefund(Breakdown.of(pricing.currency(), lines), amounts);
    long deducted = deductions.values().stream().mapToLong(Deduction::amount).sum();
    return Decision.accept(
        refund,
        Explanation.of(
            "LAW-2",
            "Refund of the paid price and the delivery charges"
                + (capped ? " up to the cheapest standard delivery" : "")
                + (deducted > 0
                    ? ", less "
                        + Money.of(deducted, pricing.currency())
                        + " for diminished value from handling beyond what trying the goods needs"
                        + " (Directive 2011/83/EU Art. 14(2))"
                    : "")
                + ": "
                + refund.breakdown().total()
                + "."));
  }

  /**
   * LAW-2 at a withdrawal's receipt: the diminished-value deductions the warehouse stated (Art.
   * 14(2)), by unit, checked as {@link #refund} checks them, so a receipt stored after this check
   * is never refused when it is applied: each needs an amount of at least 0 and a reason ({@code
   * 400} naming {@code units[i].deduction}) and is at most its unit's paid price ({@code
   * deduction-above-paid-price} naming {@code units[i].deduction.amount}); {@code i} is the
   * report's place in the receipt.
   */
  public static Decision<Map<UnitRef, Deduction>> deductions(
      Order order, List<InspectionPolicy.UnitInspection> inspections) {
    Map<UnitRef, Deduction> stated = new LinkedHashMap<>();
    for (int i = 0; i < inspections.size(); i++) {
      InspectionPolicy.UnitInspection inspection = inspections.get(i);
      Deduction deduction = inspection.deduction();
      if (deduction == null) {
        continue;
      }
      Optional<Refusal> wrong =
          refusalOf(order, inspection.unit(), deduction, "units[" + i + "].deduction");
      if (wrong.isPresent()) {
        return Decision.refuse(wrong.get());
      }
      stated.put(inspection.unit(), deduction);
    }
    return Decision.accept(
        stated,
        Explanation.of(
            "LAW-2",
            stated.isEmpty()
                ? "No deduction for diminished value was stated."
                : "A deduction for diminished value was stated for "
                    + stated.size()
                    + " unit(s), each at most its paid price (Directive 2011/83/EU Art. 14(2))."));
  }

  /**
   * Why {@code deduction} of {@code unit} is refused, if it is: {@code invalid-request} on {@code
   * field} without an amount of at least 0 and a reason; {@code deduction-above-paid-price} on
   * {@code field.amount} above the unit's paid price.
   */
  private static Optional<Refusal> refusalOf(
      Order order, UnitRef unit, Deduction deduction, String field) {
    if (deduction == null
        || deduction.amount() < 0
        || deduction.reason() == null
        || deduction.reason().isBlank()) {
      return Optional.of(
          Refusal.invalid(
              field,
              "LAW-2",
              "A deduction for diminished value needs an amount of at least 0 and a stated"
                  + " reason."));
    }
    Money paid = order.pricing().paidPrice(unit);
    if (deduction.amount() <= paid.amount()) {
      return Optional.empty();
    }
    String message =
        "A deduction of "
            + Money.of(deduction.amount(), paid.currency())
            + " for "
            + order.itemOf(unit).name()
            + " is above its paid price of "
            + paid
            + " (Directive 2011/83/EU Art. 14(2)).";
    return Optional.of(
        new Refusal(
            RefusalCode.DEDUCTION_ABOVE_PAID_PRICE,
            message,
            Explanation.of("LAW-2", message),
            null,
            field + ".amount"));
  }

  /**
   * GEN-3 with LAW-2's cap: the delivery each unit's withdrawal refunds. The order's delivery
   * charge (or the cheapest standard delivery, if less) spread over the units as GEN-3 spreads the
   * charge, so withdrawing every unit refunds the whole of it.
   */
  private static Map<UnitRef, Long> deliveryRefund(Order order, PolicyDocument policy) {
    OrderPricing pricing = order.pricing();
    List<UnitRef> all = pricing.units();
    long charge = order.spec().deliveryCharge();
    long total = Math.min(charge, policy.law().deliveryCap(pricing.currency()).orElse(charge));
    Map<UnitRef, Long> out = new LinkedHashMap<>();
    if (total == charge) {
      all.forEach(u -> out.put(u, pricing.deliveryShare(u).amount()));
      return out;
    }
    long[] weights = new long[all.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = pricing.deliveryShare(all.get(i)).amount();
    }
    long[] parts = Allocation.largestRemainder(total, weights);
    for (int i = 0; i < parts.length; i++) {
      out.put(all.get(i), parts[i]);
    }
    return out;
  }

  /**
   * LAW-2: when a withdrawal refund granted at {@code grantedAt} is due: 14 days after the
   * withdrawal was received (Art. 13(1)) or, where it waited for the units or a proof of sending
   * (Art. 13(3)), GEN-5's deadline from the grant, whichever is later.
   */
  public static LocalDate dueBy(
      PolicyDocument policy, Instant withdrawnAt, Instant grantedAt, boolean waited) {
    LocalDate law = policy.calendar().dateOf(withdrawnAt).plusDays(14);
    if (!waited) {
      return law;
    }
    LocalDate store = policy.refundDueBy(grantedAt);
    return store.isAfter(law) ? store : law;
  }

  /**
   * LAW-2: the customer shows proof of having sent the units back (Art. 13(3)): the refund waiting
   * for them is granted now, at the estimate (no deduction before the units are seen). A second
   * proof, or one after the refund was granted, changes nothing.
   */
  public static Decision<ReturnUpdate> proofOfSending(
      ReturnCase returnCase,
      Order order,
      PolicyDocument policy,
      String carrier,
      String trackingNumber,
      Instant now) {
    Objects.requireNonNull(returnCase, "returnCase");
    if (!isWithdrawal(returnCase.returnId())) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "LAW-2",
          "Return "
              + returnCase.returnId()
              + " is not a withdrawal: its refund is paid after inspection (RET-6).");
    }
    if (returnCase.refundId() != null) {
      Explanation why =
          Explanation.of("LAW-2", "The refund of this withdrawal was already granted.");
      return Decision.accept(new ReturnUpdate(returnCase, order, null, why), why);
    }
    if (returnCase.status() != ReturnStatus.AUTHORIZED) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "LAW-2",
          "A withdrawal return that is " + returnCase.status() + " takes no proof of sending.");
    }
    Decision<ReturnUpdate> granted =
        grant(
            returnCase,
            order,
            policy,
            returnCase.units(),
            Map.of(),
            now,
            "proof of sending: " + carrier + " " + trackingNumber);
    return granted.map(
        u ->
            new ReturnUpdate(
                returnCase.withStatus(
                    ReturnStatus.AUTHORIZED,
                    returnCase.statusSince(),
                    u.refund().refundId(),
                    "proof of sending: " + carrier + " " + trackingNumber),
                u.order(),
                u.refund(),
                u.explanation()));
  }

  /**
   * LAW-2 at receipt of a withdrawal return: no condition test (LAW-1), only a stated
   * diminished-value deduction per unit (never above its paid price); the units become RETURNED and
   * the refund is granted, unless a proof of sending granted it already. No unit came back
   * unsealed.
   */
  public static Decision<ReturnUpdate> receive(
      ReturnCase returnCase,
      Order order,
      PolicyDocument policy,
      Map<UnitRef, Deduction> deductions,
      Instant now) {
    return receive(returnCase, order, policy, deductions, Set.of(), now);
  }

  /**
   * LAW-1, LAW-2 at receipt of a withdrawal return. A unit in {@code unsealed} (of a category Art.
   * 16(e) or (i) excludes once unsealed, and the warehouse found it unsealed, {@link #unsealed})
   * has no right of withdrawal: it is not refunded, stays the customer's and becomes ACTIVE again
   * (the store sends it back). The other units become RETURNED and are refunded as LAW-2 says: paid
   * price plus their own delivery share, so the whole delivery charge only when every unit of the
   * order is withdrawn and refunded; less a stated deduction. When no unit is refunded the return
   * is REJECTED. A refund a proof of sending granted already stands as it was.
   */
  public static Decision<ReturnUpdate> receive(
      ReturnCase returnCase,
      Order order,
      PolicyDocument policy,
      Map<UnitRef, Deduction> deductions,
      Set<UnitRef> unsealed,
      Instant now) {
    Decision<ReturnStatus> received = returnCase.status().moveTo(ReturnStatus.RECEIVED);
    if (!received.accepted()) {
      return Decision.refuse(received.refusal());
    }
    Set<UnitRef> stated = new HashSet<>(deductions.keySet());
    stated.addAll(unsealed);
    for (UnitRef u : stated) {
      if (!returnCase.units().contains(u)) {
        return Decision.refuseInput(
            "units", "LAW-2", "Return " + returnCase.returnId() + " has no unit " + u + ".");
      }
    }
    Map<UnitRef, UnitStatus> changes = new LinkedHashMap<>();
    if (returnCase.refundId() != null) {
      returnCase.units().forEach(u -> changes.put(u, UnitStatus.RETURNED));
      Explanation why =
          Explanation.of(
              "LAW-2",
              "The items arrived; their refund was already granted on proof of sending"
                  + (deductions.isEmpty() ? "." : ", so no deduction is taken from it."));
      if (!unsealed.isEmpty()) {
        why =
            why.and(
                "LAW-1",
                unsealed.size()
                    + " unit(s) came back unsealed, which Directive 2011/83/EU Art. 16 excludes"
                    + " from the right of withdrawal; their refund was paid on proof of sending"
                    + " (Art. 13(3)) before the seal could be seen, and stands.");
      }
      return Decision.accept(
          new ReturnUpdate(
              returnCase.withStatus(ReturnStatus.REFUNDED, now, null, null),
              order.withUnitStatuses(changes),
              null,
              why),
          why);
    }
    List<UnitRef> refunded =
        returnCase.units().stream().filter(u -> !unsealed.contains(u)).toList();
    returnCase
        .units()
        .forEach(
            u -> changes.put(u, unsealed.contains(u) ? UnitStatus.ACTIVE : UnitStatus.RETURNED));
    Explanation excluded = unsealedExplanation(order, policy, returnCase.units(), unsealed);
    if (refunded.isEmpty()) {
      Explanation why =
          excluded.and("LAW-2", "No item of this withdrawal is refunded, so there is no refund.");
      return Decision.accept(
          new ReturnUpdate(
              returnCase.withStatus(ReturnStatus.REJECTED, now, null, "unsealed"),
              order.withUnitStatuses(changes),
              null,
              why),
          why);
    }
    return grant(
            returnCase, order.withUnitStatuses(changes), policy, refunded, deductions, now, null)
        .map(
            u ->
                new ReturnUpdate(
                    returnCase.withStatus(ReturnStatus.REFUNDED, now, u.refund().refundId(), null),
                    u.order(),
                    u.refund(),
                    excluded.and(u.explanation())));
  }

  /**
   * LAW-1, Art. 16(e), (i): the exclusion of {@code unit}'s category that applies only once the
   * goods are unsealed, if it has one; the receipt of a withdrawal states for such a unit whether
   * it came back sealed.
   */
  public static Optional<Exclusion> onceUnsealed(Order order, PolicyDocument policy, UnitRef unit) {
    return policy
        .law()
        .exclusion(order.itemOf(unit).category())
        .filter(Exclusion::onlyOnceUnsealed);
  }

  /**
   * LAW-1 at a withdrawal's receipt: what is wrong with the warehouse's {@code sealed} findings, by
   * request field ({@code units[i].sealed}, {@code units[i].deduction}; {@code i} the report's
   * place in the receipt), empty when nothing is. A unit of a category excluded once unsealed needs
   * it; a unit of any other category takes none; an unsealed unit is not refunded, so it takes no
   * deduction.
   */
  public static Map<String, String> sealFindingProblems(
      Order order, PolicyDocument policy, List<InspectionPolicy.UnitInspection> inspections) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (int i = 0; i < inspections.size(); i++) {
      InspectionPolicy.UnitInspection inspection = inspections.get(i);
      LineSpec line = order.itemOf(inspection.unit());
      Optional<Exclusion> seal = onceUnsealed(order, policy, inspection.unit());
      String field = "units[" + i + "]";
      if (seal.isPresent() && inspection.sealed() == null) {
        problems.put(
            field + ".sealed",
            "is required: "
                + line.name()
                + " (category "
                + line.category()
                + ") has no right of withdrawal once unsealed ("
                + seal.get().article()
                + ", LAW-1); say whether it came back sealed");
      } else if (seal.isEmpty() && inspection.sealed() != null) {
        problems.put(
            field + ".sealed",
            "only a unit of a category excluded once unsealed (Directive 2011/83/EU Art. 16(e),"
                + " (i), LAW-1) takes it; category "
                + line.category()
                + " is not one");
      } else if (Boolean.FALSE.equals(inspection.sealed()) && inspection.deduction() != null) {
        problems.put(
            field + ".deduction",
            "an unsealed unit has no right of withdrawal and is not refunded (LAW-1), so it takes"
                + " no deduction (LAW-2)");
      }
    }
    return problems;
  }

  /**
   * LAW-1: the units of {@code inspections} that came back unsealed and that Art. 16(e) or (i)
   * therefore excludes from the right of withdrawal.
   */
  public static Set<UnitRef> unsealed(
      Order order, PolicyDocument policy, List<InspectionPolicy.UnitInspection> inspections) {
    Set<UnitRef> out = new java.util.LinkedHashSet<>();
    for (InspectionPolicy.UnitInspection inspection : inspections) {
      if (Boolean.FALSE.equals(inspection.sealed())
          && onceUnsealed(order, policy, inspection.unit()).isPresent()) {
        out.add(inspection.unit());
      }
    }
    return out;
  }

  /** LAW-1: one line per item that came back unsealed (or sealed), with its point of Art. 16. */
  private static Explanation unsealedExplanation(
      Order order, PolicyDocument policy, List<UnitRef> units, Set<UnitRef> unsealed) {
    Explanation why = Explanation.empty();
    for (Map.Entry<LineSpec, List<UnitRef>> group : RefundLines.byItem(order, units).entrySet()) {
      LineSpec line = group.getKey();
      Optional<Exclusion> seal = onceUnsealed(order, policy, group.getValue().get(0));
      if (seal.isEmpty()) {
        continue;
      }
      long open = group.getValue().stream().filter(unsealed::contains).count();
      long closed = group.getValue().size() - open;
      if (open > 0) {
        why =
            why.and(
                "LAW-1",
                RefundLines.items(line, (int) open)
                    + " came back unsealed: the right of withdrawal does not apply to "
                    + seal.get().reason()
                    + " ("
                    + seal.get().article()
                    + "), so "
                    + (open == 1 ? "it is" : "they are")
                    + " not refunded and stay yours; the store sends "
                    + (open == 1 ? "it" : "them")
                    + " back to you.");
      }
      if (closed > 0) {
        why =
            why.and(
                "LAW-1",
                RefundLines.items(line, (int) closed)
                    + " came back sealed, so "
                    + seal.get().article()
                    + " does not exclude "
                    + (closed == 1 ? "it" : "them")
                    + " and the withdrawal is refunded.");
      }
    }
    return why;
  }

  private static Decision<ReturnUpdate> grant(
      ReturnCase returnCase,
      Order order,
      PolicyDocument policy,
      List<UnitRef> units,
      Map<UnitRef, Deduction> deductions,
      Instant now,
      String cause) {
    Decision<WithdrawalRefund> computed = refund(order, policy, units, deductions);
    if (!computed.accepted()) {
      return Decision.refuse(computed.refusal());
    }
    LocalDate due = dueBy(policy, returnCase.authorizedAt(), now, true);
    Refund refund =
        Refund.pending(
            order.orderId(),
            RefundSource.WITHDRAWAL,
            returnCase.returnId(),
            now,
            due,
            computed.value().breakdown(),
            computed.value().units());
    Order.RefundResult result = order.addRefund(refund);
    Explanation why =
        computed
            .explanation()
            .and(
                "LAW-2",
                "Paid "
                    + (cause == null ? "on receipt of the items" : "on " + cause)
                    + "; due by "
                    + result.refund().dueBy()
                    + ": 14 days after the withdrawal or "
                    + policy.refundDueBusinessDays()
                    + " business days after the grant (GEN-5), whichever is later.");
    return Decision.accept(new ReturnUpdate(returnCase, result.order(), result.refund(), why), why);
  }

  /** ACTIVE, delivered, and in a parcel the law covers. */
  private static boolean withdrawable(
      Order order, PolicyDocument policy, ConsumerFacts facts, UnitRef u) {
    return order.statusOf(u) == UnitStatus.ACTIVE
        && order.parcelOf(u).deliveredAt() != null
        && covers(order, policy, facts, u);
  }

  /** Taken or finished by a withdrawal return (the order's unit holder names it). */
  static boolean withdrawn(Order order, UnitRef u) {
    UnitStatus s = order.statusOf(u);
    return (s == UnitStatus.RETURN_OPEN || s == UnitStatus.RETURNED)
        && order.heldBy(u).filter(WithdrawalPolicy::isWithdrawal).isPresent();
  }

  /** Art. 16 categories refused at the request (not those lost only once unsealed). */
  private static Optional<Exclusion> excludedOutright(StatutoryTerms law, LineSpec line) {
    return law.exclusion(line.category()).filter(e -> !e.onlyOnceUnsealed());
  }
}
