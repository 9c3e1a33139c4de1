package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.document.ReturnAddress;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.Remedy;
import org.aftersales.policy.state.RepairStep;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.policy.state.WarrantyCase;

/**
 * The remedies of a warranty claim, in WAR-3's order: repair or replacement as the customer prefers
 * unless the agent states why the preferred one is impossible or disproportionate; then, once a
 * repair failed or both were ruled out, a price reduction (never above the unit's paid price,
 * GEN-4) or a refund of the unit's paid price against its return. A rejection inside WAR-5's
 * presumption needs the agent's finding. A repair is tracked (WAR-4): received → repaired → shipped
 * back (the unit's warranty extended), or unrepairable, which reopens the decision at the next
 * remedy. {@link #settle} is what a decided claim does to its order, the same on every retry. Pure.
 */
public final class WarrantyRemedies {

  private WarrantyRemedies() {}

  /**
   * An agent's decision on a warranty claim.
   *
   * @param amount PRICE_REDUCTION's amount in minor units, else null
   * @param finding what the agent found (WAR-3; required for a rejection inside WAR-5's
   *     presumption)
   * @param ruledOut remedies the agent rules out, each with the reason it is impossible or
   *     disproportionate (WAR-3)
   */
  public record Request(
      ClaimOutcome outcome,
      Long amount,
      String message,
      String finding,
      Map<Remedy, String> ruledOut) {
    public Request {
      ruledOut = ruledOut == null ? Map.of() : Map.copyOf(ruledOut);
    }
  }

  /** WAR-3, WAR-5: decides a warranty claim under review (or waiting for more information). */
  public static Decision<ClaimUpdate> decide(
      ClaimCase claim, Order order, PolicyDocument policy, Request request, Instant now) {
    ClaimOutcome outcome = request.outcome();
    if (outcome == null) {
      return Decision.refuseInput("outcome", "WAR-3", "An outcome is required.");
    }
    if (!outcome.appliesTo(ClaimCoverage.Kind.WARRANTY)) {
      return Decision.refuseInput(
          "outcome",
          "WAR-3",
          "A warranty claim's outcomes are REPAIR, REPLACEMENT, PRICE_REDUCTION,"
              + " REFUND_AGAINST_RETURN, NEEDS_INFO and REJECTED; "
              + outcome
              + " is a DOA outcome.");
    }
    if (claim.status() == ClaimStatus.AWAITING_EVIDENCE) {
      return Decision.refuse(
          RefusalCode.CLAIM_EVIDENCE_INCOMPLETE,
          "WAR-2",
          "The claim can not be reviewed until its evidence is in; still missing: "
              + claim.missing()
              + ".");
    }
    Decision<ClaimStatus> move = claim.status().moveTo(outcome.status());
    if (!move.accepted()) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "WAR-3",
          "A warranty claim that is " + claim.status() + " can not be decided " + outcome + ".");
    }
    for (Map.Entry<Remedy, String> out : request.ruledOut().entrySet()) {
      if (out.getValue() == null || out.getValue().isBlank()) {
        return Decision.refuseInput(
            "ruledOut." + out.getKey(),
            "WAR-3",
            "Ruling out a "
                + name(out.getKey())
                + " needs the reason it is impossible or"
                + " disproportionate.");
      }
    }
    if (request.amount() != null && outcome != ClaimOutcome.PRICE_REDUCTION) {
      return Decision.refuseInput(
          "amount", "WAR-3", "Only a PRICE_REDUCTION takes an amount; " + outcome + " does not.");
    }
    WarrantyCase warranty = claim.warranty().withRuledOut(request.ruledOut());
    UnitRef unit = claim.unit();
    LineSpec line = order.itemOf(unit);
    return switch (outcome) {
      case NEEDS_INFO -> {
        Explanation why =
            Explanation.of("WAR-2", "More information is needed: " + request.message());
        yield Decision.accept(
            new ClaimUpdate(
                claim.decided(ClaimStatus.NEEDS_INFO, now, request.message(), null, warranty),
                order,
                null,
                why),
            why);
      }
      case REJECTED -> reject(claim, order, policy, request, warranty, now);
      case REPAIR, REPLACEMENT -> {
        Remedy chosen = outcome == ClaimOutcome.REPAIR ? Remedy.REPAIR : Remedy.REPLACEMENT;
        Remedy other = chosen == Remedy.REPAIR ? Remedy.REPLACEMENT : Remedy.REPAIR;
        if (warranty.isRuledOut(chosen)) {
          yield notAvailable(
              "A "
                  + name(chosen)
                  + " is no longer possible for this claim: "
                  + (chosen == Remedy.REPAIR && warranty.repairFailed()
                      ? "the repair failed"
                      : warranty.ruledOut().get(chosen))
                  + ".");
        }
        if (warranty.preferredRemedy() == other && !warranty.isRuledOut(other)) {
          yield notAvailable(
              "The customer prefers a "
                  + name(other)
                  + ": state why it is impossible or disproportionate (ruledOut."
                  + other
                  + ") before choosing a "
                  + name(chosen)
                  + ".");
        }
        yield accepted(
            claim,
            order,
            policy,
            claim.decided(outcome.status(), now, request.message(), null, warranty),
            request.amount(),
            chosen == Remedy.REPAIR
                ? repairExplanation(policy, line)
                : Explanation.of("WAR-3", "The " + line.name() + " will be replaced."));
      }
      case PRICE_REDUCTION, REFUND_AGAINST_RETURN -> {
        if (!warranty.repairFailed()
            && !(warranty.isRuledOut(Remedy.REPAIR) && warranty.isRuledOut(Remedy.REPLACEMENT))) {
          yield notAvailable(
              "A price reduction or a refund comes only after a repair failed or both a repair and"
                  + " a replacement were ruled out with a reason (ruledOut.REPAIR,"
                  + " ruledOut.REPLACEMENT).");
        }
        if (outcome == ClaimOutcome.PRICE_REDUCTION) {
          Decision<Long> amount = priceReduction(order, unit, line, request.amount());
          if (!amount.accepted()) {
            yield Decision.refuse(amount.refusal());
          }
          yield accepted(
              claim,
              order,
              policy,
              claim.decided(
                  ClaimStatus.APPROVED_PRICE_REDUCTION,
                  now,
                  request.message(),
                  RefundIds.of(RefundSource.CLAIM, claim.claimId()),
                  warranty),
              amount.value(),
              Explanation.of("WAR-3", "A price reduction for the " + line.name() + "."));
        }
        if (order.ledger().refundedFor(unit).compareTo(order.pricing().paidPrice(unit)) >= 0) {
          yield Decision.refuse(
              RefusalCode.NOTHING_LEFT_TO_REFUND,
              "GEN-4",
              "Everything paid for this " + line.name() + " has already been refunded.");
        }
        if (warranty.unitAtStore()) {
          yield accepted(
              claim,
              order,
              policy,
              claim.decided(
                  ClaimStatus.REFUNDED_AGAINST_RETURN,
                  now,
                  request.message(),
                  RefundIds.of(RefundSource.CLAIM, claim.claimId()),
                  warranty),
              null,
              Explanation.of(
                  "WAR-3",
                  "The " + line.name() + " is already with us: its paid price is refunded."));
        }
        yield accepted(
            claim,
            order,
            policy,
            claim.decided(ClaimStatus.AWAITING_RETURN, now, request.message(), null, warranty),
            null,
            Explanation.of(
                    "WAR-3",
                    "Send the "
                        + line.name()
                        + " back to "
                        + address(policy.warrantyTerms().repairAddress())
                        + "; its paid price of "
                        + order.pricing().paidPrice(unit)
                        + " is refunded once it is back.")
                .and("WAR-4", shipping(policy)));
      }
      default -> throw new IllegalStateException("not a warranty outcome: " + outcome);
    };
  }

  private static Decision<ClaimUpdate> reject(
      ClaimCase claim,
      Order order,
      PolicyDocument policy,
      Request request,
      WarrantyCase warranty,
      Instant now) {
    LocalDate presumed =
        WarrantyPolicy.presumptionEndsOn(order, policy, claim.unit()).orElseThrow();
    LocalDate reported = policy.calendar().dateOf(claim.openedAt());
    boolean inside = !reported.isAfter(presumed);
    boolean noFinding = request.finding() == null || request.finding().isBlank();
    if (inside && noFinding) {
      return Decision.refuseInput(
          "finding",
          "WAR-5",
          "The problem was reported on "
              + reported
              + ", within the presumption that lasts until "
              + presumed
              + ": a rejection needs the agent's finding (what shows the defect was not there at"
              + " delivery), not just a reason.");
    }
    Explanation why =
        Explanation.of(
            "WAR-3",
            "The claim was rejected: "
                + (noFinding ? request.message() : request.finding() + " " + request.message()));
    if (inside) {
      why =
          why.and(
              "WAR-5",
              "Until "
                  + presumed
                  + " a defect is presumed to have been there at delivery; the finding above is"
                  + " why it was not.");
    }
    return accepted(
        claim,
        order,
        policy,
        claim.decided(
            ClaimStatus.REJECTED,
            now,
            request.message(),
            null,
            noFinding ? warranty : warranty.withFinding(request.finding())),
        null,
        why);
  }

  /** WAR-3, GEN-4: the reduction asked, refused (never lowered) above what is left of the price. */
  private static Decision<Long> priceReduction(
      Order order, UnitRef unit, LineSpec line, Long amount) {
    if (amount == null || amount <= 0) {
      return Decision.refuseInput(
          "amount", "WAR-3", "A price reduction needs a positive amount in minor units.");
    }
    OrderPricing pricing = order.pricing();
    long paid = pricing.paidPrice(unit).amount();
    if (amount > paid) {
      return Decision.refuse(
          RefusalCode.REFUND_ABOVE_PAID_PRICE,
          "GEN-4",
          "A price reduction of "
              + line.name()
              + " can not exceed its paid price of "
              + Money.of(paid, pricing.currency())
              + " (WAR-3).");
    }
    long left = paid - order.ledger().refundedFor(unit).amount();
    if (amount > left) {
      return Decision.refuse(
          RefusalCode.REFUND_ABOVE_PAID_PRICE,
          "GEN-4",
          "Only "
              + Money.of(Math.max(0, left), pricing.currency())
              + " of what was paid for this "
              + line.name()
              + " is left to refund.");
    }
    return Decision.accept(amount, Explanation.of("GEN-4", "Within the paid price."));
  }

  /**
   * WAR-3: one outcome an agent may choose for a warranty claim under review: whether it is
   * available now, whether it is the customer's preferred remedy, and what it needs besides (the
   * reason a remedy is ruled out, {@code ruledOut.REPAIR}…) or null.
   */
  public record RemedyOption(
      ClaimOutcome outcome, boolean available, boolean preferred, String needs) {}

  /**
   * WAR-3: the outcomes of a warranty claim under review (or waiting for information), in WAR-3's
   * order, as {@link #decide} would judge them with nothing more ruled out; empty for any other
   * claim. A page shows these instead of deciding itself.
   */
  public static List<RemedyOption> options(ClaimCase claim) {
    if (!claim.isWarranty()
        || !(claim.status() == ClaimStatus.UNDER_REVIEW
            || claim.status() == ClaimStatus.NEEDS_INFO)) {
      return List.of();
    }
    WarrantyCase w = claim.warranty();
    List<RemedyOption> out = new ArrayList<>();
    for (Remedy remedy : Remedy.values()) {
      Remedy other = remedy == Remedy.REPAIR ? Remedy.REPLACEMENT : Remedy.REPAIR;
      boolean otherPreferred = w.preferredRemedy() == other && !w.isRuledOut(other);
      out.add(
          new RemedyOption(
              remedy == Remedy.REPAIR ? ClaimOutcome.REPAIR : ClaimOutcome.REPLACEMENT,
              !w.isRuledOut(remedy),
              w.preferredRemedy() == remedy,
              otherPreferred ? "ruledOut." + other : null));
    }
    boolean moneyNow =
        w.repairFailed() || (w.isRuledOut(Remedy.REPAIR) && w.isRuledOut(Remedy.REPLACEMENT));
    String moneyNeeds =
        moneyNow
            ? null
            : java.util.Arrays.stream(Remedy.values())
                .filter(r -> !w.isRuledOut(r))
                .map(r -> "ruledOut." + r)
                .collect(java.util.stream.Collectors.joining(", "));
    out.add(new RemedyOption(ClaimOutcome.PRICE_REDUCTION, true, false, moneyNeeds));
    out.add(new RemedyOption(ClaimOutcome.REFUND_AGAINST_RETURN, true, false, moneyNeeds));
    out.add(new RemedyOption(ClaimOutcome.NEEDS_INFO, true, false, null));
    out.add(new RemedyOption(ClaimOutcome.REJECTED, true, false, null));
    return List.copyOf(out);
  }

  /**
   * WAR-4: records a step of the claim's unit at the store. The same step sent again with the same
   * data changes nothing; with other data → {@code repair-step-conflict}; a step out of order →
   * {@code illegal-transition}. UNREPAIRABLE reopens review at the next remedy; SHIPPED_BACK after
   * REPAIRED closes the claim REPAIRED; RECEIVED of a unit awaited for a refund against its return
   * closes it REFUNDED_AGAINST_RETURN.
   */
  public static Decision<ClaimCase> recordStep(
      ClaimCase claim, RepairStep.Kind step, Instant at, String trackingNumber, Instant now) {
    if (step == null) {
      return Decision.refuseInput("step", "WAR-4", "A step is required.");
    }
    if (at == null) {
      return Decision.refuseInput("at", "WAR-4", "The instant of the step is required.");
    }
    if (!claim.isWarranty()) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "WAR-4",
          "Claim " + claim.claimId() + " is a DOA claim: no repair is tracked for it.");
    }
    WarrantyCase warranty = claim.warranty();
    for (RepairStep done : warranty.steps()) {
      if (done.step() == step) {
        if (done.sameAs(step, at, trackingNumber)) {
          return Decision.accept(
              claim, Explanation.of("WAR-4", step + " was already recorded; nothing changed."));
        }
        return Decision.refuse(
            RefusalCode.REPAIR_STEP_CONFLICT,
            "WAR-4",
            step
                + " was already recorded at "
                + done.at()
                + (done.trackingNumber() == null ? "" : " with " + done.trackingNumber())
                + "; a step is recorded once.");
      }
    }
    List<RepairStep.Kind> next = nextSteps(claim);
    if (!next.contains(step)) {
      return Decision.refuse(
          RefusalCode.ILLEGAL_TRANSITION,
          "WAR-4",
          next.isEmpty()
              ? "Claim " + claim.claimId() + " is " + claim.status() + ": no unit is tracked now."
              : "Steps only move forward: after "
                  + (warranty.steps().isEmpty() ? "the decision" : last(warranty).step())
                  + " comes "
                  + next.stream().map(Enum::name).toList()
                  + ", not "
                  + step
                  + ".");
    }
    if (!warranty.steps().isEmpty() && at.isBefore(last(warranty).at())) {
      return Decision.refuseInput(
          "at",
          "WAR-4",
          "A step can not happen before the step it follows ("
              + last(warranty).step()
              + " at "
              + last(warranty).at()
              + ").");
    }
    WarrantyCase after = warranty.withStep(new RepairStep(step, at, trackingNumber, now));
    return switch (step) {
      case UNREPAIRABLE ->
          Decision.accept(
              claim.decided(ClaimStatus.UNDER_REVIEW, now, claim.message(), null, after),
              Explanation.of(
                  "WAR-4",
                  "The unit can not be repaired: the claim is back under review for the next"
                      + " remedy (WAR-3)."));
      case SHIPPED_BACK ->
          Decision.accept(
              claim.decided(ClaimStatus.REPAIRED, now, claim.message(), null, after),
              Explanation.of("WAR-4", "The repaired unit was shipped back."));
      case RECEIVED ->
          claim.status() == ClaimStatus.AWAITING_RETURN
              ? Decision.accept(
                  claim.decided(
                      ClaimStatus.REFUNDED_AGAINST_RETURN,
                      now,
                      claim.message(),
                      RefundIds.of(RefundSource.CLAIM, claim.claimId()),
                      after),
                  Explanation.of("WAR-3", "The unit is back: its paid price is refunded."))
              : Decision.accept(
                  claim.decided(claim.status(), now, claim.message(), null, after),
                  Explanation.of("WAR-4", "The unit was received for repair."));
      case REPAIRED ->
          Decision.accept(
              claim.decided(claim.status(), now, claim.message(), null, after),
              Explanation.of("WAR-4", "The unit was repaired."));
    };
  }

  /** WAR-4: the steps that may come next for the claim's unit (none when no unit is tracked). */
  public static List<RepairStep.Kind> nextSteps(ClaimCase claim) {
    if (!claim.isWarranty() || !claim.status().tracksUnit()) {
      return List.of();
    }
    WarrantyCase w = claim.warranty();
    if (claim.status() == ClaimStatus.AWAITING_RETURN) {
      return List.of(RepairStep.Kind.RECEIVED);
    }
    if (w.steps().isEmpty()) {
      return List.of(RepairStep.Kind.RECEIVED);
    }
    return switch (last(w).step()) {
      case RECEIVED -> List.of(RepairStep.Kind.REPAIRED, RepairStep.Kind.UNREPAIRABLE);
      case REPAIRED -> List.of(RepairStep.Kind.SHIPPED_BACK);
      default -> List.of();
    };
  }

  /**
   * What a warranty claim's decision does to its order, from the claim as decided (the same on
   * every retry: the refund is dated by the claim's {@code statusSince}): a price reduction or a
   * refund against the return is added to the ledger (GEN-4, GEN-5), the unit of a repaired claim
   * gets its warranty extended (WAR-4), and the unit is let go (ACTIVE, or REFUNDED_BY_CLAIM after
   * a refund against its return). A claim still tracking its unit or under review changes nothing.
   *
   * @param amount the price reduction's amount (PRICE_REDUCTION), else ignored
   */
  public static Decision<ClaimUpdate> settle(
      ClaimCase claim, Order order, PolicyDocument policy, Long amount) {
    UnitRef unit = claim.unit();
    LineSpec line = order.itemOf(unit);
    Explanation none = Explanation.of("WAR-3", "Nothing changes on the order.");
    return switch (claim.status()) {
      case APPROVED_PRICE_REDUCTION -> {
        Decision<Long> checked = priceReduction(order, unit, line, amount);
        if (!checked.accepted()) {
          yield Decision.refuse(checked.refusal());
        }
        yield refund(
            claim,
            order,
            policy,
            UnitStatus.ACTIVE,
            List.of(
                BreakdownLine.of(
                    "Price reduction for the defective " + line.name(),
                    Money.of(checked.value(), order.pricing().currency()),
                    "WAR-3",
                    "GEN-4")),
            checked.value(),
            Explanation.of("WAR-3", "A price reduction for the defective " + line.name() + "."));
      }
      case REFUNDED_AGAINST_RETURN -> {
        OrderPricing pricing = order.pricing();
        Money paid = pricing.paidPrice(unit);
        Money earlier = order.ledger().refundedFor(unit);
        List<BreakdownLine> lines = new ArrayList<>();
        lines.add(BreakdownLine.of("Paid price of 1 × " + line.name(), paid, "GEN-2", "WAR-3"));
        if (earlier.isPositive()) {
          lines.add(BreakdownLine.alreadyRefunded("this " + line.name(), earlier.negate()));
        }
        long granted = paid.amount() - earlier.amount();
        if (granted <= 0) {
          yield Decision.refuse(
              RefusalCode.NOTHING_LEFT_TO_REFUND,
              "GEN-4",
              "Everything paid for this " + line.name() + " has already been refunded.");
        }
        yield refund(
            claim,
            order,
            policy,
            UnitStatus.REFUNDED_BY_CLAIM,
            lines,
            granted,
            Explanation.of(
                "WAR-3", "The " + line.name() + " is back: its paid price is refunded."));
      }
      case REPAIRED -> {
        int months = policy.warrantyTerms().repairExtensionMonths();
        Order next =
            order
                .withUnitStatuses(Map.of(unit, UnitStatus.ACTIVE))
                .withWarrantyExtended(unit, months);
        Explanation why =
            Explanation.of(
                "WAR-4",
                "Repaired: the warranty of this "
                    + line.name()
                    + " is extended by "
                    + months
                    + " months, until the end of "
                    + WarrantyPolicy.warrantyEndsOn(next, policy, unit).orElseThrow()
                    + ".");
        yield Decision.accept(new ClaimUpdate(claim, next, null, why), why);
      }
      case APPROVED_REPLACEMENT, REJECTED ->
          Decision.accept(
              new ClaimUpdate(
                  claim, order.withUnitStatuses(Map.of(unit, UnitStatus.ACTIVE)), null, none),
              none);
      default -> Decision.accept(new ClaimUpdate(claim, order, null, none), none);
    };
  }

  private static Decision<ClaimUpdate> accepted(
      ClaimCase claim,
      Order order,
      PolicyDocument policy,
      ClaimCase decided,
      Long amount,
      Explanation why) {
    Decision<ClaimUpdate> settled = settle(decided, order, policy, amount);
    if (!settled.accepted()) {
      return settled;
    }
    Explanation explanation =
        settled.value().refund() == null ? why : why.and(settled.explanation());
    ClaimUpdate update = settled.value();
    return Decision.accept(
        new ClaimUpdate(update.claim(), update.order(), update.refund(), explanation), explanation);
  }

  private static Decision<ClaimUpdate> refund(
      ClaimCase claim,
      Order order,
      PolicyDocument policy,
      UnitStatus unitStatus,
      List<BreakdownLine> lines,
      long granted,
      Explanation why) {
    Order.RefundResult result =
        ClaimOutcomePolicy.grantRefund(
            claim, order, policy, unitStatus, lines, granted, claim.statusSince());
    Explanation explanation = why.and(RuleTexts.refundDue(result.refund(), policy));
    return Decision.accept(
        new ClaimUpdate(claim, result.order(), result.refund(), explanation), explanation);
  }

  private static Explanation repairExplanation(PolicyDocument policy, LineSpec line) {
    return Explanation.of("WAR-3", "The " + line.name() + " will be repaired.")
        .and(
            "WAR-4",
            "Send it to "
                + address(policy.warrantyTerms().repairAddress())
                + ". "
                + shipping(policy)
                + " After the repair its warranty is extended by "
                + policy.warrantyTerms().repairExtensionMonths()
                + " months.");
  }

  private static String shipping(PolicyDocument policy) {
    return policy.warrantyTerms().storePaysShipping()
        ? "We pay the shipping both ways."
        : "You pay the shipping to us; we pay it back to you.";
  }

  private static String address(ReturnAddress a) {
    return a.recipient() + ", " + String.join(", ", a.lines()) + ", " + a.countryCode();
  }

  private static <T> Decision<T> notAvailable(String message) {
    return Decision.refuse(RefusalCode.REMEDY_NOT_AVAILABLE, "WAR-3", message);
  }

  private static RepairStep last(WarrantyCase w) {
    return w.steps().getLast();
  }

  private static String name(Remedy remedy) {
    return remedy.name().toLowerCase(Locale.ROOT);
  }
}
