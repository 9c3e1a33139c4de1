package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.aftersales.policy.decision.RemedyQuotes.Basis;
import org.aftersales.policy.decision.RemedyQuotes.Quote;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.Remedy;
import org.aftersales.policy.state.RepairStep;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outcomes an agent may choose now, each with the refund the server computes for it (WAR-3,
 * WAR-5, DOA-4, DOA-5, GEN-4), on openapi.yaml's example order delivered 1 Sep 2026 (an HDMI switch
 * unit paid in full, its delivery share).
 */
class RemedyQuotesTest {

  private static final UnitRef U0 = new UnitRef("L1", 0);
  private static final Instant NOW = Instant.parse("2026-10-02T10:00:00Z");

  private static Money paid(Order order) {
    return order.pricing().paidPrice(U0);
  }

  private static Quote quote(List<Quote> quotes, ClaimOutcome outcome) {
    return quotes.stream().filter(q -> q.outcome() == outcome).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("WAR-3 WAR-5 the remedies in order, the preference marked, each with its refund")
  void WAR_3_WAR_5_the_remedies_in_order_the_preference_marked_each_with_its_refund() {
    ClaimUpdate review = WarrantyPolicyTest.underReview(Remedy.REPAIR);
    Order order = review.order();

    List<Quote> quotes = RemedyQuotes.of(review.claim(), order, POLICY, NOW);

    assertThat(quotes)
        .extracting(Quote::outcome)
        .containsExactly(
            ClaimOutcome.REPAIR,
            ClaimOutcome.REPLACEMENT,
            ClaimOutcome.PRICE_REDUCTION,
            ClaimOutcome.REFUND_AGAINST_RETURN,
            ClaimOutcome.NEEDS_INFO,
            ClaimOutcome.REJECTED);
    Quote repair = quote(quotes, ClaimOutcome.REPAIR);
    assertThat(repair.preferred()).isTrue();
    assertThat(repair.needs()).isEmpty();
    assertThat(repair.basis()).isEqualTo(Basis.NONE);
    assertThat(repair.refund().isZero()).isTrue();
    assertThat(quote(quotes, ClaimOutcome.REPLACEMENT).needs())
        .as("the customer prefers a repair: a replacement needs it ruled out")
        .containsExactly("ruledOut.REPAIR");
    Quote reduction = quote(quotes, ClaimOutcome.PRICE_REDUCTION);
    assertThat(reduction.basis()).isEqualTo(Basis.UP_TO);
    assertThat(reduction.refund()).as("GEN-4: the unit's paid price").isEqualTo(paid(order));
    assertThat(reduction.needs()).containsExactly("ruledOut.REPAIR", "ruledOut.REPLACEMENT");
    Quote refund = quote(quotes, ClaimOutcome.REFUND_AGAINST_RETURN);
    assertThat(refund.basis()).isEqualTo(Basis.EXACT);
    assertThat(refund.refund()).isEqualTo(paid(order));
    assertThat(refund.breakdown().total()).isEqualTo(paid(order));
    assertThat(quote(quotes, ClaimOutcome.REJECTED).needs())
        .as("WAR-5: reported a month after delivery, inside the presumption")
        .containsExactly("finding");
    assertThat(quote(quotes, ClaimOutcome.REJECTED).ruleIds()).contains("WAR-5");
  }

  @Test
  @DisplayName("WAR-3 WAR-4 after a failed repair the money remedies need nothing more")
  void WAR_3_WAR_4_after_a_failed_repair_the_money_remedies_need_nothing_more() {
    ClaimUpdate review = WarrantyPolicyTest.underReview(Remedy.REPAIR);
    ClaimCase repairing =
        WarrantyPolicyTest.decide(review, WarrantyPolicyTest.outcome(ClaimOutcome.REPAIR))
            .value()
            .claim();
    assertThat(RemedyQuotes.of(repairing, review.order(), POLICY, NOW))
        .as("a claim being repaired has nothing to decide")
        .isEmpty();
    ClaimCase failed =
        WarrantyPolicyTest.step(
            WarrantyPolicyTest.step(repairing, RepairStep.Kind.RECEIVED, "2026-10-05T09:00:00Z"),
            RepairStep.Kind.UNREPAIRABLE,
            "2026-10-06T09:00:00Z");

    List<Quote> quotes = RemedyQuotes.of(failed, review.order(), POLICY, NOW);

    assertThat(quotes).extracting(Quote::outcome).doesNotContain(ClaimOutcome.REPAIR);
    assertThat(quote(quotes, ClaimOutcome.PRICE_REDUCTION).needs()).isEmpty();
    assertThat(quote(quotes, ClaimOutcome.REFUND_AGAINST_RETURN).refund())
        .isEqualTo(paid(review.order()));
  }

  @Test
  @DisplayName("DOA-4 DOA-5 the DOA outcomes with a partial refund's cap and the full refund")
  void DOA_4_DOA_5_the_outcomes_with_a_partial_refunds_cap_and_the_full_refund() {
    ClaimUpdate review = DoaPolicyTest.underReview();
    Order order = review.order();

    List<Quote> quotes = RemedyQuotes.of(review.claim(), order, POLICY, NOW);

    assertThat(quotes)
        .extracting(Quote::outcome)
        .containsExactly(
            ClaimOutcome.REPLACEMENT_PART,
            ClaimOutcome.PARTIAL_REFUND,
            ClaimOutcome.NEEDS_INFO,
            ClaimOutcome.REJECTED,
            ClaimOutcome.FULL_REFUND,
            ClaimOutcome.FULL_REPLACEMENT);
    assertThat(quote(quotes, ClaimOutcome.PARTIAL_REFUND).basis()).isEqualTo(Basis.UP_TO);
    assertThat(quote(quotes, ClaimOutcome.PARTIAL_REFUND).refund()).isEqualTo(paid(order));
    Quote full = quote(quotes, ClaimOutcome.FULL_REFUND);
    assertThat(full.basis()).isEqualTo(Basis.EXACT);
    assertThat(full.refund())
        .as("DOA-5: the paid price and the delivery share")
        .isEqualTo(paid(order).plus(order.pricing().deliveryShare(U0)));
    assertThat(quote(quotes, ClaimOutcome.REJECTED).refund().isZero()).isTrue();
  }

  @Test
  @DisplayName(
      "GEN-4 an earlier refund of the unit (an earlier claim's) lowers the cap and the full refund alike")
  void GEN_4_an_earlier_refund_of_the_unit_lowers_the_cap_and_the_full_refund_alike() {
    ClaimUpdate review = DoaPolicyTest.underReview();
    Money five = Money.of(500, review.order().pricing().currency());
    Order refunded =
        review
            .order()
            .addRefund(
                Refund.pending(
                    review.order().orderId(),
                    RefundSource.CLAIM,
                    "cl-earlier",
                    NOW,
                    LocalDate.parse("2026-10-09"),
                    Breakdown.of(
                        five.currency(),
                        List.of(
                            BreakdownLine.of(
                                "Partial refund for the defective part", five, "DOA-4"))),
                    List.of(new UnitAmount(U0, 500))))
            .order();

    List<Quote> quotes = RemedyQuotes.of(review.claim(), refunded, POLICY, NOW);

    Order order = review.order();
    assertThat(quote(quotes, ClaimOutcome.PARTIAL_REFUND).refund())
        .isEqualTo(paid(order).minus(500));
    assertThat(quote(quotes, ClaimOutcome.FULL_REFUND).refund())
        .isEqualTo(paid(order).plus(order.pricing().deliveryShare(U0)).minus(500));
  }

  @Test
  @DisplayName("DOA-4 a decided claim has nothing left to decide")
  void DOA_4_a_decided_claim_has_nothing_left_to_decide() {
    ClaimUpdate review = DoaPolicyTest.underReview();
    ClaimCase rejected =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.REJECTED,
                null,
                null,
                "no defect found",
                NOW)
            .value()
            .claim();

    assertThat(RemedyQuotes.of(rejected, review.order(), POLICY, NOW)).isEmpty();
  }
}
