package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;

/**
 * What an agent may decide on a claim now, each outcome with the refund it would give, so that a
 * page shows the server's figures instead of computing them. A warranty claim (WAR-3): the remedies
 * {@link WarrantyRemedies#options} lists as available, in WAR-3's order, the customer's preference
 * marked; a price reduction refunds up to what is left of the unit's paid price (GEN-4), a refund
 * against the return exactly that (as {@link WarrantyRemedies#settle} would grant it), a repair or
 * a replacement nothing; a rejection inside WAR-5's presumption needs a finding. A DOA claim
 * (DOA-4, DOA-5): the outcomes its state can move to; a partial refund up to what is left of the
 * unit's paid price, a full refund exactly what {@link ClaimOutcomePolicy#decide} would grant (paid
 * price and delivery share, less earlier refunds). An outcome that would refund nothing more
 * (GEN-4) is left out. A claim that is not under review or waiting for information has none. Pure.
 */
public final class RemedyQuotes {

  private RemedyQuotes() {}

  /** How the refund of an outcome is known: none, exactly, or up to the amount the agent types. */
  public enum Basis {
    NONE,
    EXACT,
    UP_TO
  }

  /**
   * One outcome available now.
   *
   * @param needs what the decision must carry besides (fields of the decision: {@code
   *     ruledOut.REPAIR}, {@code finding}), empty when nothing
   * @param refund the refund it gives ({@link Basis#EXACT}), its cap ({@link Basis#UP_TO}) or zero
   * @param breakdown how an exact refund is made up (GEN-8), else null
   */
  public record Quote(
      ClaimOutcome outcome,
      boolean preferred,
      List<String> needs,
      Basis basis,
      Money refund,
      Breakdown breakdown,
      List<String> ruleIds) {
    public Quote {
      needs = List.copyOf(needs);
      ruleIds = List.copyOf(ruleIds);
    }
  }

  /** DOA-4, DOA-5's outcomes in the order an agent weighs them. */
  private static final List<ClaimOutcome> DOA_OUTCOMES =
      List.of(
          ClaimOutcome.REPLACEMENT_PART,
          ClaimOutcome.PARTIAL_REFUND,
          ClaimOutcome.NEEDS_INFO,
          ClaimOutcome.REJECTED,
          ClaimOutcome.FULL_REFUND,
          ClaimOutcome.FULL_REPLACEMENT);

  /** The outcomes available now on {@code claim} of {@code order}, each with its refund. */
  public static List<Quote> of(ClaimCase claim, Order order, PolicyDocument policy, Instant now) {
    if (claim.status() != ClaimStatus.UNDER_REVIEW && claim.status() != ClaimStatus.NEEDS_INFO) {
      return List.of();
    }
    return claim.isWarranty()
        ? warranty(claim, order, policy, now)
        : doa(claim, order, policy, now);
  }

  private static List<Quote> warranty(
      ClaimCase claim, Order order, PolicyDocument policy, Instant now) {
    List<Quote> out = new ArrayList<>();
    Money zero = Money.zero(order.pricing().currency());
    for (WarrantyRemedies.RemedyOption option : WarrantyRemedies.options(claim)) {
      if (!option.available()) {
        continue;
      }
      ClaimOutcome outcome = option.outcome();
      List<String> needs = option.needs() == null ? List.of() : List.of(option.needs().split(", "));
      switch (outcome) {
        case PRICE_REDUCTION -> upTo(out, outcome, needs, left(order, claim.unit()), "WAR-3");
        case REFUND_AGAINST_RETURN -> {
          Decision<ClaimUpdate> settled =
              WarrantyRemedies.settle(
                  claim.decided(
                      ClaimStatus.REFUNDED_AGAINST_RETURN,
                      now,
                      claim.message(),
                      RefundIds.of(RefundSource.CLAIM, claim.claimId()),
                      claim.warranty()),
                  order,
                  policy,
                  null);
          if (settled.accepted()) {
            out.add(exact(outcome, needs, settled.value(), "WAR-3", "GEN-2", "GEN-4"));
          }
        }
        case REJECTED -> {
          LocalDate presumed =
              WarrantyPolicy.presumptionEndsOn(order, policy, claim.unit()).orElseThrow();
          boolean inside = !policy.calendar().dateOf(claim.openedAt()).isAfter(presumed);
          out.add(
              inside
                  ? nothing(outcome, false, List.of("finding"), zero, "WAR-3", "WAR-5")
                  : nothing(outcome, false, needs, zero, "WAR-3"));
        }
        case REPAIR -> out.add(nothing(outcome, option.preferred(), needs, zero, "WAR-3", "WAR-4"));
        case NEEDS_INFO -> out.add(nothing(outcome, false, needs, zero, "WAR-2"));
        default -> out.add(nothing(outcome, option.preferred(), needs, zero, "WAR-3"));
      }
    }
    return List.copyOf(out);
  }

  private static List<Quote> doa(ClaimCase claim, Order order, PolicyDocument policy, Instant now) {
    List<Quote> out = new ArrayList<>();
    Money zero = Money.zero(order.pricing().currency());
    for (ClaimOutcome outcome : DOA_OUTCOMES) {
      if (!claim.status().canMoveTo(outcome.status())) {
        continue;
      }
      switch (outcome) {
        case PARTIAL_REFUND -> upTo(out, outcome, List.of(), left(order, claim.unit()), "DOA-4");
        case FULL_REFUND -> {
          Decision<ClaimUpdate> decided =
              ClaimOutcomePolicy.decide(claim, order, policy, outcome, null, null, null, now);
          if (decided.accepted() && decided.value().refund() != null) {
            out.add(exact(outcome, List.of(), decided.value(), "DOA-5", "GEN-2", "GEN-3", "GEN-4"));
          }
        }
        case FULL_REPLACEMENT -> out.add(nothing(outcome, false, List.of(), zero, "DOA-5"));
        default -> out.add(nothing(outcome, false, List.of(), zero, "DOA-4"));
      }
    }
    return List.copyOf(out);
  }

  /** An outcome that refunds nothing. */
  private static Quote nothing(
      ClaimOutcome outcome, boolean preferred, List<String> needs, Money zero, String... ruleIds) {
    return new Quote(outcome, preferred, needs, Basis.NONE, zero, null, List.of(ruleIds));
  }

  /** GEN-4: an amount the agent types, up to {@code cap}; left out when nothing is left. */
  private static void upTo(
      List<Quote> out, ClaimOutcome outcome, List<String> needs, Money cap, String ruleId) {
    if (cap.isPositive()) {
      out.add(new Quote(outcome, false, needs, Basis.UP_TO, cap, null, List.of(ruleId, "GEN-4")));
    }
  }

  /** GEN-4: what is left of the unit's paid price after every refund of it so far. */
  private static Money left(Order order, UnitRef unit) {
    return order.pricing().paidPrice(unit).minus(order.ledger().refundedFor(unit)).floorAtZero();
  }

  private static Quote exact(
      ClaimOutcome outcome, List<String> needs, ClaimUpdate update, String... ruleIds) {
    Breakdown breakdown = update.refund().breakdown();
    return new Quote(
        outcome, false, needs, Basis.EXACT, breakdown.total(), breakdown, List.of(ruleIds));
  }
}
