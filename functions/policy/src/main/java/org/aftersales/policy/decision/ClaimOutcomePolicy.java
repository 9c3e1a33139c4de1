package org.aftersales.policy.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundLedger;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;

/**
 * An agent's decision on a complete claim (DOA-4, DOA-5): replacement part; partial refund for the
 * defective part (default the part's listed price, never above the unit's paid price); more
 * information needed (the claim reopens for uploads); rejected with a reason; or, escalated, a full
 * refund (paid price + delivery share) or a full replacement. Refunds never exceed what is left of
 * the unit under GEN-4. A claim still waiting for evidence can not be decided (DOA-2). Pure.
 */
public final class ClaimOutcomePolicy {

  /** DOA-6, said with each outcome that may ask for the item back. */
  private static final String ITEM_BACK_COMPLETE =
      "If we ask for the item back, it must come back complete (RET-5).";

  private ClaimOutcomePolicy() {}

  /**
   * @param componentId the defective part (PARTIAL_REFUND, REPLACEMENT_PART), or null
   * @param amount an agent-chosen partial refund in minor units, or null for the part's listed
   *     price
   * @param message the agent's message (required for NEEDS_INFO and REJECTED)
   */
  public static Decision<ClaimUpdate> decide(
      ClaimCase claim,
      Order order,
      PolicyDocument policy,
      ClaimOutcome outcome,
      String componentId,
      Long amount,
      String message,
      Instant now) {
    if (outcome == null) {
      return Decision.refuseInput("outcome", "DOA-4", "An outcome is required.");
    }
    if (claim.isWarranty()) {
      return WarrantyRemedies.decide(
          claim,
          order,
          policy,
          new WarrantyRemedies.Request(outcome, amount, message, null, Map.of()),
          now);
    }
    if (!outcome.appliesTo(ClaimCoverage.Kind.DOA)) {
      return Decision.refuseInput(
          "outcome",
          "DOA-4",
          "A DOA claim's outcomes are REPLACEMENT_PART, PARTIAL_REFUND, FULL_REFUND,"
              + " FULL_REPLACEMENT, NEEDS_INFO and REJECTED; "
              + outcome
              + " is a warranty outcome (WAR-3).");
    }
    if (claim.status().awaitsUploads() && claim.status() == ClaimStatus.AWAITING_EVIDENCE) {
      return Decision.refuse(
          RefusalCode.CLAIM_EVIDENCE_INCOMPLETE,
          "DOA-2",
          "The claim can not be reviewed"
              + " until all evidence is in; still missing: "
              + claim.missing()
              + ".");
    }
    Decision<ClaimStatus> move = claim.status().moveTo(outcome.status());
    if (!move.accepted()) {
      return Decision.refuse(move.refusal());
    }
    LineSpec line = order.itemOf(claim.unit()); // CHG-5: the unit as it is now
    Optional<ComponentSpec> component = Optional.empty();
    if (componentId != null) {
      component = line.component(componentId);
      if (component.isEmpty()) {
        return Decision.refuseInput(
            "componentId", "DOA-4", line.name() + " has no component " + componentId + ".");
      }
    }
    boolean needsMessage = outcome == ClaimOutcome.NEEDS_INFO || outcome == ClaimOutcome.REJECTED;
    if (needsMessage && (message == null || message.isBlank())) {
      return Decision.refuseInput(
          "message", "DOA-4", outcome + " needs a message for the customer.");
    }
    UnitRef unit = claim.unit();
    return switch (outcome) {
      case NEEDS_INFO -> {
        Explanation why = Explanation.of("DOA-4", "More information is needed: " + message);
        yield Decision.accept(
            new ClaimUpdate(
                claim.decided(ClaimStatus.NEEDS_INFO, now, message, null), order, null, why),
            why);
      }
      case REJECTED ->
          close(
              claim,
              order,
              ClaimStatus.REJECTED,
              now,
              message,
              Explanation.of("DOA-4", "The claim was rejected: " + message));
      case REPLACEMENT_PART ->
          close(
              claim,
              order,
              ClaimStatus.APPROVED_REPLACEMENT_PART,
              now,
              message,
              Explanation.of(
                  "DOA-4",
                  "A replacement part"
                      + component.map(c -> " (" + c.name() + ")").orElse("")
                      + " will be sent."));
      case FULL_REPLACEMENT ->
          close(
              claim,
              order,
              ClaimStatus.APPROVED_FULL_REPLACEMENT,
              now,
              message,
              Explanation.of("DOA-5", "The item will be replaced in full.")
                  .and("DOA-6", ITEM_BACK_COMPLETE));
      case PARTIAL_REFUND -> partial(claim, order, policy, line, component, amount, message, now);
      case FULL_REFUND -> full(claim, order, policy, unit, line, message, now);
      default -> throw new IllegalStateException("not a DOA outcome: " + outcome);
    };
  }

  private static Decision<ClaimUpdate> partial(
      ClaimCase claim,
      Order order,
      PolicyDocument policy,
      LineSpec line,
      Optional<ComponentSpec> component,
      Long amount,
      String message,
      Instant now) {
    if (amount == null && component.isEmpty()) {
      return Decision.refuseInput(
          "componentId",
          "DOA-4",
          "A partial refund names the defective part" + " (componentId) or an amount.");
    }
    if (amount != null && amount <= 0) {
      return Decision.refuseInput("amount", "DOA-4", "A partial refund amount must be positive.");
    }
    OrderPricing pricing = order.pricing();
    RefundLedger ledger = order.ledger();
    UnitRef unit = claim.unit();
    String part = component.map(ComponentSpec::name).orElse("the defective part");
    long asked = amount != null ? amount : component.get().price();
    List<BreakdownLine> lines = new ArrayList<>();
    lines.add(
        BreakdownLine.of(
            "Partial refund for the defective part: "
                + part
                + (amount == null ? " (its listed price)" : ""),
            Money.of(asked, pricing.currency()),
            "DOA-4"));
    long paid = pricing.paidPrice(unit).amount();
    if (amount != null && amount > paid) {
      // DOA-4, GEN-4: an amount the agent chose is refused, not silently lowered; only a part's
      // listed price (no amount given) is limited to what was paid.
      return Decision.refuse(
          RefusalCode.REFUND_ABOVE_PAID_PRICE,
          "DOA-4",
          "A partial refund of "
              + line.name()
              + " can not exceed its paid price of "
              + Money.of(paid, pricing.currency())
              + " (GEN-4).");
    }
    long capped = Math.min(asked, paid);
    if (capped < asked) {
      lines.add(
          BreakdownLine.of(
              "Limited to what you paid for the " + line.name(),
              Money.of(capped - asked, pricing.currency()),
              "DOA-4",
              "GEN-2"));
    }
    // DOA-4: all partial refunds of the unit together stay within its paid price (the delivery
    // share is only given back by a full refund, DOA-5).
    long left = Math.max(0, paid - ledger.refundedFor(unit).amount());
    long granted = Math.min(capped, left);
    if (granted < capped) {
      lines.add(
          BreakdownLine.alreadyRefunded(
              "this " + line.name(), Money.of(granted - capped, pricing.currency()), "DOA-4"));
    }
    if (granted <= 0) {
      return Decision.refuse(
          RefusalCode.NOTHING_LEFT_TO_REFUND,
          "GEN-4",
          "Everything paid for this " + line.name() + " has already been refunded.");
    }
    Explanation why =
        Explanation.of("DOA-4", "Partial refund for the defective part " + part + ".");
    return refund(
        claim,
        order,
        policy,
        ClaimStatus.APPROVED_PARTIAL_REFUND,
        UnitStatus.ACTIVE,
        lines,
        granted,
        message,
        now,
        why);
  }

  private static Decision<ClaimUpdate> full(
      ClaimCase claim,
      Order order,
      PolicyDocument policy,
      UnitRef unit,
      LineSpec line,
      String message,
      Instant now) {
    OrderPricing pricing = order.pricing();
    RefundLedger ledger = order.ledger();
    List<BreakdownLine> lines = new ArrayList<>();
    lines.add(
        BreakdownLine.of(
            "Paid price of 1 × " + line.name(), pricing.paidPrice(unit), "GEN-2", "DOA-5"));
    if (!pricing.deliveryShare(unit).isZero()) {
      lines.add(
          BreakdownLine.of(
              "Delivery charge share for 1 × " + line.name(),
              pricing.deliveryShare(unit),
              "GEN-3",
              "DOA-5"));
    }
    Money earlier = ledger.refundedFor(unit);
    if (earlier.isPositive()) {
      lines.add(BreakdownLine.alreadyRefunded("this " + line.name(), earlier.negate()));
    }
    long granted = ledger.remainingFor(unit).amount();
    if (granted <= 0) {
      return Decision.refuse(
          RefusalCode.NOTHING_LEFT_TO_REFUND,
          "GEN-4",
          "Everything paid for this " + line.name() + " has already been refunded.");
    }
    Explanation why =
        Explanation.of(
                "DOA-5",
                "Escalated to a complete solution: a full refund of the paid"
                    + " price and the delivery charge share.")
            .and("DOA-6", ITEM_BACK_COMPLETE);
    return refund(
        claim,
        order,
        policy,
        ClaimStatus.APPROVED_FULL_REFUND,
        UnitStatus.REFUNDED_BY_CLAIM,
        lines,
        granted,
        message,
        now,
        why);
  }

  private static Decision<ClaimUpdate> refund(
      ClaimCase claim,
      Order order,
      PolicyDocument policy,
      ClaimStatus status,
      UnitStatus unitStatus,
      List<BreakdownLine> lines,
      long granted,
      String message,
      Instant now,
      Explanation why) {
    Order.RefundResult result = grantRefund(claim, order, policy, unitStatus, lines, granted, now);
    Explanation explanation = why.and(RuleTexts.refundDue(result.refund(), policy));
    return Decision.accept(
        new ClaimUpdate(
            claim.decided(status, now, message, result.refund().refundId()),
            result.order(),
            result.refund(),
            explanation),
        explanation);
  }

  /**
   * GEN-4, GEN-5: a claim's refund of {@code granted} for its unit, granted at {@code grantedAt},
   * added to the order's ledger with the unit's new status. The DOA outcomes here and the warranty
   * remedies ({@link WarrantyRemedies}) grant their refunds through it.
   */
  static Order.RefundResult grantRefund(
      ClaimCase claim,
      Order order,
      PolicyDocument policy,
      UnitStatus unitStatus,
      List<BreakdownLine> lines,
      long granted,
      Instant grantedAt) {
    Refund refund =
        Refund.pending(
            order.orderId(),
            RefundSource.CLAIM,
            claim.claimId(),
            grantedAt,
            policy.refundDueBy(grantedAt),
            Breakdown.of(order.spec().currency(), lines),
            List.of(new UnitAmount(claim.unit(), granted)));
    return order.withUnitStatuses(Map.of(claim.unit(), unitStatus)).addRefund(refund);
  }

  private static Decision<ClaimUpdate> close(
      ClaimCase claim,
      Order order,
      ClaimStatus status,
      Instant now,
      String message,
      Explanation why) {
    Order next =
        order.statusOf(claim.unit()) == UnitStatus.CLAIM_OPEN
            ? order.withUnitStatuses(Map.of(claim.unit(), UnitStatus.ACTIVE))
            : order;
    return Decision.accept(
        new ClaimUpdate(claim.decided(status, now, message, null), next, null, why), why);
  }
}
