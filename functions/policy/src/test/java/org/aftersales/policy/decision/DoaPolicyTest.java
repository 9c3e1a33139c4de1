package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.UnitStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DoaPolicyTest {
  static final Order DELIVERED = ReturnPolicyTest.DELIVERED; // delivered 1 Sep 2026, Berlin (CEST)
  static final Instant DAY_3 = Instant.parse("2026-09-04T10:00:00Z");
  static final UnitRef U0 = new UnitRef("L1", 0);

  static ClaimUpdate open(Instant now) {
    return DoaPolicy.open(
            DELIVERED, POLICY, "cl-1", "L1", ProblemType.NOT_WORKING, "no picture", now)
        .value();
  }

  /** A claim with all evidence, under review. */
  static ClaimUpdate underReview() {
    ClaimUpdate opened = open(DAY_3);
    ClaimCase c = opened.claim();
    for (EvidenceKind k : EvidenceKind.values()) {
      c = DoaPolicy.evidenceAccepted(c, k, DAY_3.plusSeconds(60)).value();
    }
    return new ClaimUpdate(c, opened.order(), null, opened.explanation());
  }

  @Test
  @DisplayName("DOA-1 day 14 end of day is a DOA claim, day 15 a warranty claim (WAR-1)")
  void DOA_1_day_14_end_of_day_is_a_doa_claim_day_15_a_warranty_claim() {
    // 15 Sep 23:59:59 in Berlin (CEST, UTC+2) = 21:59:59 UTC
    Decision<ClaimUpdate> lastSecond =
        DoaPolicy.open(
            DELIVERED,
            POLICY,
            "cl-1",
            "L1",
            ProblemType.DAMAGED,
            "",
            Instant.parse("2026-09-15T21:59:59Z"));
    assertThat(lastSecond.value().claim().status()).isEqualTo(ClaimStatus.AWAITING_EVIDENCE);
    assertThat(lastSecond.ruleIds()).containsExactly("DOA-1", "DOA-2");
    Decision<ClaimUpdate> day15 =
        DoaPolicy.open(
            DELIVERED,
            POLICY,
            "cl-1",
            "L1",
            ProblemType.DAMAGED,
            "",
            Instant.parse("2026-09-15T22:00:00Z"));
    assertThat(lastSecond.value().claim().coverage().until())
        .isEqualTo(LocalDate.parse("2026-09-15"));
    assertThat(day15.value().claim().coverage().kind()).isEqualTo(ClaimCoverage.Kind.WARRANTY);
    assertThat(day15.value().claim().coverage().until()).isEqualTo(LocalDate.parse("2028-09-01"));
    assertThat(day15.explanation().lines().getFirst().text())
        .contains("2026-09-15", "24 month", "2028-09-01");
    assertThat(day15.ruleIds()).containsExactly("WAR-1", "WAR-2");
  }

  @Test
  @DisplayName("DOA-1 not delivered is not covered yet")
  void DOA_1_not_delivered_is_not_covered_yet() {
    Order order = Fixtures.register(org.aftersales.policy.TestOrders.apiExample());
    assertThat(
            DoaPolicy.open(order, POLICY, "cl-1", "L1", ProblemType.DAMAGED, "", DAY_3)
                .refusal()
                .code())
        .isEqualTo(RefusalCode.NOT_DELIVERED);
  }

  @Test
  @DisplayName("DOA-2 a claim waits for all three kinds of evidence before review")
  void DOA_2_a_claim_waits_for_all_three_kinds_of_evidence_before_review() {
    ClaimUpdate opened = open(DAY_3);
    assertThat(opened.order().statusOf(U0)).isEqualTo(UnitStatus.CLAIM_OPEN);
    ClaimCase c = opened.claim();
    assertThat(c.missing()).containsExactlyInAnyOrder(EvidenceKind.values());
    Decision<ClaimUpdate> early =
        ClaimOutcomePolicy.decide(
            c, opened.order(), POLICY, ClaimOutcome.FULL_REFUND, null, null, "ok", DAY_3);
    assertThat(early.refusal().code()).isEqualTo(RefusalCode.CLAIM_EVIDENCE_INCOMPLETE);
    assertThat(early.ruleIds()).containsExactly("DOA-2");
    c = DoaPolicy.evidenceAccepted(c, EvidenceKind.PROBLEM, DAY_3).value();
    c = DoaPolicy.evidenceAccepted(c, EvidenceKind.SHIPPING_LABEL, DAY_3).value();
    assertThat(c.status()).isEqualTo(ClaimStatus.AWAITING_EVIDENCE);
    assertThat(c.missing()).containsExactly(EvidenceKind.PACKAGING);
    Instant complete = DAY_3.plusSeconds(3600);
    c = DoaPolicy.evidenceAccepted(c, EvidenceKind.PACKAGING, complete).value();
    assertThat(c.status()).isEqualTo(ClaimStatus.UNDER_REVIEW);
    assertThat(c.statusSince()).isEqualTo(complete);
  }

  @Test
  @DisplayName("DOA-3 a rejected file is shown on the claim")
  void DOA_3_a_rejected_file_is_shown_on_the_claim() {
    ClaimCase c =
        DoaPolicy.evidenceRejected(
            open(DAY_3).claim(), EvidenceKind.PROBLEM, "up-1", "not a real image/jpeg file", DAY_3);
    assertThat(c.rejected())
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("image/jpeg"));
    assertThat(c.status()).isEqualTo(ClaimStatus.AWAITING_EVIDENCE);
    assertThat(c.received()).isEmpty();
  }

  @Test
  @DisplayName("DOA-4 partial refund defaults to the listed price of the part")
  void DOA_4_partial_refund_defaults_to_the_listed_price_of_the_part() {
    ClaimUpdate review = underReview();
    Instant friday = Instant.parse("2026-09-11T10:00:00Z");
    Decision<ClaimUpdate> d =
        ClaimOutcomePolicy.decide(
            review.claim(),
            review.order(),
            POLICY,
            ClaimOutcome.PARTIAL_REFUND,
            "psu",
            null,
            "sorry",
            friday);
    ClaimUpdate done = d.value();
    assertThat(done.claim().status()).isEqualTo(ClaimStatus.APPROVED_PARTIAL_REFUND);
    assertThat(done.refund().amount()).isEqualTo(Money.of(800, "EUR"));
    assertThat(done.refund().refundId()).isEqualTo("rf-claim-cl-1");
    assertThat(done.refund().dueBy()).isEqualTo(LocalDate.parse("2026-09-18"));
    assertThat(done.refund().breakdown().lines())
        .extracting(BreakdownLine::label)
        .containsExactly("Partial refund for the defective part: power adapter (its listed price)");
    assertThat(done.order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(done.claim().refundId()).isEqualTo("rf-claim-cl-1");
    assertThat(d.ruleIds()).contains("DOA-4", "GEN-5");
  }

  @Test
  @DisplayName(
      "DOA-4 a partial refund amount above the units paid price is refused, not silently lowered")
  void DOA_4_partial_refund_amount_above_the_units_paid_price_is_refused() {
    ClaimUpdate review = underReview();
    Decision<ClaimUpdate> above =
        ClaimOutcomePolicy.decide(
            review.claim(),
            review.order(),
            POLICY,
            ClaimOutcome.PARTIAL_REFUND,
            "psu",
            2_750L,
            "goodwill",
            DAY_3);
    assertThat(above.accepted()).isFalse();
    assertThat(above.refusal().code()).isEqualTo(RefusalCode.REFUND_ABOVE_PAID_PRICE);
    assertThat(above.refusal().code().httpStatus()).isEqualTo(422);

    ClaimUpdate exactly =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.PARTIAL_REFUND,
                "psu",
                2_749L,
                "goodwill",
                DAY_3)
            .value();
    assertThat(exactly.refund().amount()).isEqualTo(Money.of(2749, "EUR"));
  }

  @Test
  @DisplayName(
      "DOA-4 partial refunds of one unit together stay within its paid price (the delivery share is not given back)")
  void DOA_4_partial_refunds_of_one_unit_together_stay_within_its_paid_price() {
    ClaimUpdate review = underReview();
    ClaimUpdate first =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.PARTIAL_REFUND,
                "psu",
                2_700L,
                "goodwill",
                DAY_3)
            .value();
    ClaimCase second =
        new ClaimCase(
            "cl-2",
            first.order().orderId(),
            "L1",
            U0,
            ProblemType.NOT_WORKING,
            "",
            ClaimStatus.UNDER_REVIEW,
            DAY_3,
            DAY_3,
            java.util.Set.of(EvidenceKind.values()),
            List.of(),
            null,
            null,
            ClaimCoverage.STORED_DOA,
            null);

    ClaimUpdate again =
        ClaimOutcomePolicy.decide(
                second,
                first.order(),
                POLICY,
                ClaimOutcome.PARTIAL_REFUND,
                "psu",
                null,
                "again",
                DAY_3)
            .value();

    // paid 27.49: 27.00 already refunded, so 0.49 of the 8.00 asked; the 2.50 delivery share stays
    // (DOA-5 only)
    assertThat(again.refund().amount()).isEqualTo(Money.of(49, "EUR"));
    assertThat(again.order().ledger().refundedFor(U0)).isEqualTo(Money.of(2749, "EUR"));
  }

  @Test
  @DisplayName("DOA-4 needs info reopens uploads and new evidence returns it to review")
  void DOA_4_needs_info_reopens_uploads_and_new_evidence_returns_it_to_review() {
    ClaimUpdate review = underReview();
    ClaimUpdate asked =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.NEEDS_INFO,
                null,
                null,
                "Please film the screen while it is switched on.",
                DAY_3)
            .value();
    assertThat(asked.claim().status()).isEqualTo(ClaimStatus.NEEDS_INFO);
    assertThat(asked.claim().message()).contains("film the screen");
    assertThat(asked.refund()).isNull();
    ClaimCase back =
        DoaPolicy.evidenceAccepted(asked.claim(), EvidenceKind.PROBLEM, DAY_3.plusSeconds(100))
            .value();
    assertThat(back.status()).isEqualTo(ClaimStatus.UNDER_REVIEW);
    Decision<ClaimUpdate> noMessage =
        ClaimOutcomePolicy.decide(
            back, asked.order(), POLICY, ClaimOutcome.REJECTED, null, null, " ", DAY_3);
    assertThat(noMessage.refusal().code()).isEqualTo(RefusalCode.INVALID_REQUEST);
  }

  @Test
  @DisplayName("DOA-4 rejection and replacement part grant no refund and free the unit")
  void DOA_4_rejection_and_replacement_part_grant_no_refund_and_free_the_unit() {
    ClaimUpdate review = underReview();
    ClaimUpdate rejected =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.REJECTED,
                null,
                null,
                "The photos show water damage.",
                DAY_3)
            .value();
    assertThat(rejected.claim().status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(rejected.order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(rejected.order().refunds()).isEmpty();
    ClaimUpdate part =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.REPLACEMENT_PART,
                "psu",
                null,
                null,
                DAY_3)
            .value();
    assertThat(part.claim().status()).isEqualTo(ClaimStatus.APPROVED_REPLACEMENT_PART);
    assertThat(part.explanation().lines().getFirst().text()).contains("power adapter");
    Decision<ClaimUpdate> decidedTwice =
        ClaimOutcomePolicy.decide(
            part.claim(), part.order(), POLICY, ClaimOutcome.FULL_REFUND, null, null, "x", DAY_3);
    assertThat(decidedTwice.refusal().code()).isEqualTo(RefusalCode.ILLEGAL_TRANSITION);
  }

  @Test
  @DisplayName(
      "DOA-5 full refund is paid price plus delivery share and GEN 4 caps it after earlier refunds")
  void
      DOA_5_full_refund_is_paid_price_plus_delivery_share_and_GEN_4_caps_it_after_earlier_refunds() {
    ClaimUpdate review = underReview();
    ClaimUpdate full =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.FULL_REFUND,
                null,
                null,
                "very sorry",
                DAY_3)
            .value();
    assertThat(full.refund().amount()).isEqualTo(Money.of(2749 + 250, "EUR"));
    assertThat(full.order().statusOf(U0)).isEqualTo(UnitStatus.REFUNDED_BY_CLAIM);
    assertThat(full.explanation().ruleIds()).contains("DOA-5", "DOA-6");

    // an earlier partial refund of 800 on the same unit (another claim) leaves 2199
    ClaimUpdate partial =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.PARTIAL_REFUND,
                "psu",
                null,
                null,
                DAY_3)
            .value();
    ClaimCase second =
        new ClaimCase(
            "cl-2",
            partial.order().orderId(),
            "L1",
            U0,
            ProblemType.NOT_WORKING,
            "",
            ClaimStatus.UNDER_REVIEW,
            DAY_3,
            DAY_3,
            java.util.Set.of(EvidenceKind.values()),
            List.of(),
            null,
            null,
            ClaimCoverage.STORED_DOA,
            null);
    ClaimUpdate rest =
        ClaimOutcomePolicy.decide(
                second, partial.order(), POLICY, ClaimOutcome.FULL_REFUND, null, null, null, DAY_3)
            .value();
    assertThat(rest.refund().amount()).isEqualTo(Money.of(2999 - 800, "EUR"));
    assertThat(rest.refund().breakdown().lines())
        .extracting(l -> l.amount().amount())
        .containsExactly(2749L, 250L, -800L);
    assertThat(rest.order().ledger().remainingFor(U0).isZero()).isTrue();
    ClaimCase third =
        new ClaimCase(
            "cl-3",
            partial.order().orderId(),
            "L1",
            U0,
            ProblemType.NOT_WORKING,
            "",
            ClaimStatus.UNDER_REVIEW,
            DAY_3,
            DAY_3,
            java.util.Set.of(EvidenceKind.values()),
            List.of(),
            null,
            null,
            ClaimCoverage.STORED_DOA,
            null);
    assertThat(
            ClaimOutcomePolicy.decide(
                    third,
                    rest.order(),
                    POLICY,
                    ClaimOutcome.PARTIAL_REFUND,
                    "psu",
                    null,
                    null,
                    DAY_3)
                .refusal()
                .code()
                .code())
        .isEqualTo("nothing-left-to-refund");
  }

  @Test
  @DisplayName("DOA-5 full replacement")
  void DOA_5_full_replacement() {
    ClaimUpdate review = underReview();
    ClaimUpdate d =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.FULL_REPLACEMENT,
                null,
                null,
                null,
                DAY_3)
            .value();
    assertThat(d.claim().status()).isEqualTo(ClaimStatus.APPROVED_FULL_REPLACEMENT);
    assertThat(d.refund()).isNull();
    assertThat(d.explanation().ruleIds()).containsExactly("DOA-5", "DOA-6");
  }

  @Test
  @DisplayName("DOA-6 outcomes asking for the item back cite RET 5")
  void DOA_6_outcomes_asking_for_the_item_back_cite_RET_5() {
    ClaimUpdate review = underReview();
    ClaimUpdate d =
        ClaimOutcomePolicy.decide(
                review.claim(),
                review.order(),
                POLICY,
                ClaimOutcome.FULL_REFUND,
                null,
                null,
                null,
                DAY_3)
            .value();
    assertThat(d.explanation().lines())
        .anySatisfy(
            l -> {
              assertThat(l.ruleId()).isEqualTo("DOA-6");
              assertThat(l.text()).contains("RET-5");
            });
  }

  @Test
  @DisplayName("DOA-7 a claim waiting for evidence longer than 14 days expires")
  void DOA_7_a_claim_waiting_for_evidence_longer_than_14_days_expires() {
    ClaimUpdate opened = open(DAY_3);
    Instant fourteenDays = DAY_3.plusSeconds(14 * 86400);
    assertThat(DoaPolicy.isExpired(opened.claim(), POLICY, fourteenDays)).isFalse();
    assertThat(DoaPolicy.expire(opened.claim(), opened.order(), POLICY, fourteenDays).accepted())
        .isFalse();
    ClaimUpdate expired =
        DoaPolicy.expire(opened.claim(), opened.order(), POLICY, fourteenDays.plusSeconds(1))
            .value();
    assertThat(expired.claim().status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(expired.order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(expired.explanation().ruleIds()).containsExactly("DOA-7");
    assertThat(DoaPolicy.isExpired(underReview().claim(), POLICY, fourteenDays.plusSeconds(1)))
        .isFalse();
  }
}
