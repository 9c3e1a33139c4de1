package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.BOOK;
import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.Remedy;
import org.aftersales.policy.state.RepairStep;
import org.aftersales.policy.state.UnitStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WAR-1…WAR-6 on openapi.yaml's example order (2 × HDMI switch, electronics: 24 month warranty
 * under the 2026-06 terms), delivered 1 Sep 2026 in Berlin: the DOA window ends on 15 Sep 2026, the
 * warranty on 1 Sep 2028, WAR-5's presumption on 1 Sep 2027.
 */
class WarrantyPolicyTest {

  static final Order DELIVERED = ReturnPolicyTest.DELIVERED;
  static final UnitRef U0 = new UnitRef("L1", 0);
  static final Instant DAY_30 = Instant.parse("2026-10-01T10:00:00Z");
  static final Instant LATER = Instant.parse("2026-10-02T10:00:00Z");

  static ClaimUpdate opened(Order order, Remedy preferred, Instant now) {
    return DoaPolicy.open(
            order, POLICY, "cl-w", "L1", ProblemType.NOT_WORKING, "no picture", preferred, now)
        .value();
  }

  /** A warranty claim opened on day 30 with its problem photo in: under review. */
  static ClaimUpdate underReview(Remedy preferred) {
    ClaimUpdate opened = opened(DELIVERED, preferred, DAY_30);
    ClaimCase c = DoaPolicy.evidenceAccepted(opened.claim(), EvidenceKind.PROBLEM, DAY_30).value();
    return new ClaimUpdate(c, opened.order(), null, opened.explanation());
  }

  static Decision<ClaimUpdate> decide(ClaimUpdate at, WarrantyRemedies.Request request) {
    return WarrantyRemedies.decide(at.claim(), at.order(), POLICY, request, LATER);
  }

  static WarrantyRemedies.Request outcome(ClaimOutcome outcome) {
    return new WarrantyRemedies.Request(outcome, null, "ok", null, Map.of());
  }

  static ClaimCase step(ClaimCase c, RepairStep.Kind step, String at) {
    return WarrantyRemedies.recordStep(c, step, Instant.parse(at), null, Instant.parse(at)).value();
  }

  @Test
  @DisplayName("WAR-1 the last day of the DOA window is DOA, the day after is the warranty")
  void WAR_1_the_last_day_of_the_DOA_window_is_DOA_the_day_after_is_the_warranty() {
    // 15 Sep 23:59:59 in Berlin (CEST) = 21:59:59 UTC
    Decision<ClaimCoverage> lastDay =
        WarrantyPolicy.coverage(DELIVERED, POLICY, U0, Instant.parse("2026-09-15T21:59:59Z"));
    Decision<ClaimCoverage> dayAfter =
        WarrantyPolicy.coverage(DELIVERED, POLICY, U0, Instant.parse("2026-09-15T22:00:00Z"));

    assertThat(lastDay.value().kind()).isEqualTo(ClaimCoverage.Kind.DOA);
    assertThat(lastDay.value().until()).isEqualTo(LocalDate.parse("2026-09-15"));
    assertThat(lastDay.value().requiredEvidence()).containsExactlyInAnyOrder(EvidenceKind.values());
    assertThat(dayAfter.value().kind()).isEqualTo(ClaimCoverage.Kind.WARRANTY);
    assertThat(dayAfter.value().until()).isEqualTo(LocalDate.parse("2028-09-01"));
    assertThat(dayAfter.value().ruleIds()).containsExactly("WAR-1");
    assertThat(dayAfter.value().requiredEvidence()).containsExactly(EvidenceKind.PROBLEM);
  }

  @Test
  @DisplayName("WAR-1 the last day of the warranty is covered, the day after is not-covered")
  void WAR_1_the_last_day_of_the_warranty_is_covered_the_day_after_is_not_covered() {
    // 1 Sep 2028 23:59:59 in Berlin (CEST) = 21:59:59 UTC
    Decision<ClaimCoverage> lastDay =
        WarrantyPolicy.coverage(DELIVERED, POLICY, U0, Instant.parse("2028-09-01T21:59:59Z"));
    Decision<ClaimUpdate> dayAfter =
        DoaPolicy.open(
            DELIVERED,
            POLICY,
            "cl-w",
            "L1",
            ProblemType.NOT_WORKING,
            null,
            null,
            Instant.parse("2028-09-01T22:00:00Z"));

    assertThat(lastDay.value().kind()).isEqualTo(ClaimCoverage.Kind.WARRANTY);
    assertThat(dayAfter.refusal().code().code()).isEqualTo("not-covered");
    assertThat(dayAfter.refusal().code().httpStatus()).isEqualTo(422);
    assertThat(dayAfter.refusal().message())
        .contains("14 day guarantee ended on 2026-09-15", "24 month warranty", "2028-09-01");
    assertThat(dayAfter.ruleIds()).containsExactly("DOA-1", "WAR-1");
  }

  @Test
  @DisplayName("WAR-1 a category without warranty is not covered after the DOA window")
  void WAR_1_a_category_without_warranty_is_not_covered_after_the_DOA_window() {
    OrderSpec spec =
        new OrderSpec(
            "o-g",
            "c-1",
            TestOrders.EUR,
            Instant.parse("2026-08-20T10:00:00Z"),
            LocalDate.parse("2026-08-24"),
            List.of(
                new LineSpec("L1", "GC-50", "gift card", "gift-cards", 1, 5000, 0, 0, List.of())),
            0,
            0,
            5000,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))));
    Order order = Fixtures.delivered(Fixtures.register(spec), "P1", "2026-09-01T10:00:00Z");

    assertThat(
            WarrantyPolicy.coverage(order, POLICY, U0, Instant.parse("2026-09-15T10:00:00Z"))
                .value()
                .kind())
        .isEqualTo(ClaimCoverage.Kind.DOA);
    Decision<ClaimCoverage> after = WarrantyPolicy.coverage(order, POLICY, U0, DAY_30);
    assertThat(after.refusal().code().code()).isEqualTo("not-covered");
    assertThat(after.refusal().message()).contains("2026-09-15", "gift-cards have no warranty");
  }

  @Test
  @DisplayName(
      "WAR-1 GEN-7 an order under the 2025 terms: 7 day DOA, 12 month electronics warranty")
  void WAR_1_GEN_7_an_order_under_the_2025_terms_keeps_its_windows() {
    Order order =
        Fixtures.delivered(
            Fixtures.register(
                TestOrders.placedAt(
                    TestOrders.apiExample(),
                    Instant.parse("2025-03-01T10:00:00Z"),
                    LocalDate.parse("2025-03-04"))),
            "P1",
            "2025-03-05T10:00:00Z");
    var policy2025 = BOOK.byVersion(order.policyVersion()).orElseThrow();
    assertThat(policy2025.version()).isEqualTo("2025-01");

    Decision<ClaimCoverage> day8 =
        WarrantyPolicy.coverage(order, policy2025, U0, Instant.parse("2025-03-13T10:00:00Z"));
    Decision<ClaimCoverage> lastDay =
        WarrantyPolicy.coverage(order, policy2025, U0, Instant.parse("2026-03-05T22:59:59Z"));
    Decision<ClaimCoverage> after =
        WarrantyPolicy.coverage(order, policy2025, U0, Instant.parse("2026-03-05T23:00:00Z"));

    assertThat(day8.value().kind()).isEqualTo(ClaimCoverage.Kind.WARRANTY);
    assertThat(lastDay.value().until()).isEqualTo(LocalDate.parse("2026-03-05"));
    assertThat(after.refusal().message()).contains("7 day guarantee", "12 month warranty");
  }

  @Test
  @DisplayName("WAR-2 a warranty claim waits for the problem photo only")
  void WAR_2_a_warranty_claim_waits_for_the_problem_photo_only() {
    ClaimUpdate opened = opened(DELIVERED, Remedy.REPAIR, DAY_30);

    assertThat(opened.claim().status()).isEqualTo(ClaimStatus.AWAITING_EVIDENCE);
    assertThat(opened.claim().required()).containsExactly(EvidenceKind.PROBLEM);
    assertThat(opened.claim().warranty().preferredRemedy()).isEqualTo(Remedy.REPAIR);
    assertThat(opened.order().statusOf(U0)).isEqualTo(UnitStatus.CLAIM_OPEN);
    assertThat(opened.explanation().ruleIds()).containsExactly("WAR-1", "WAR-2", "WAR-3");
    ClaimCase withPhoto =
        DoaPolicy.evidenceAccepted(opened.claim(), EvidenceKind.PROBLEM, DAY_30).value();
    assertThat(withPhoto.status()).isEqualTo(ClaimStatus.UNDER_REVIEW);
  }

  @Test
  @DisplayName("WAR-3 the preferred remedy is honoured unless the agent states why not")
  void WAR_3_the_preferred_remedy_is_honoured_unless_the_agent_states_why_not() {
    ClaimUpdate review = underReview(Remedy.REPAIR);

    Decision<ClaimUpdate> replacement = decide(review, outcome(ClaimOutcome.REPLACEMENT));
    assertThat(replacement.refusal().code().code()).isEqualTo("remedy-not-available");
    assertThat(replacement.refusal().message()).contains("prefers a repair", "ruledOut.REPAIR");

    Decision<ClaimUpdate> explained =
        decide(
            review,
            new WarrantyRemedies.Request(
                ClaimOutcome.REPLACEMENT,
                null,
                "A new one is on its way.",
                null,
                Map.of(Remedy.REPAIR, "disproportionate: the repair costs more than the item")));
    assertThat(explained.value().claim().status()).isEqualTo(ClaimStatus.APPROVED_REPLACEMENT);
    assertThat(explained.value().order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(explained.value().claim().warranty().ruledOut()).containsKey(Remedy.REPAIR);

    Decision<ClaimUpdate> blank =
        decide(
            review,
            new WarrantyRemedies.Request(
                ClaimOutcome.REPLACEMENT, null, "x", null, Map.of(Remedy.REPAIR, " ")));
    assertThat(blank.refusal().field()).isEqualTo("ruledOut.REPAIR");
  }

  @Test
  @DisplayName("WAR-3 a price reduction or refund before repair or replacement is not available")
  void WAR_3_a_price_reduction_before_repair_or_replacement_is_not_available() {
    ClaimUpdate review = underReview(null);

    for (ClaimOutcome money :
        List.of(ClaimOutcome.PRICE_REDUCTION, ClaimOutcome.REFUND_AGAINST_RETURN)) {
      Decision<ClaimUpdate> d =
          decide(
              review,
              new WarrantyRemedies.Request(
                  money,
                  money == ClaimOutcome.PRICE_REDUCTION ? 500L : null,
                  "x",
                  null,
                  Map.of(Remedy.REPAIR, "no spare parts")));
      assertThat(d.refusal().code().code()).isEqualTo("remedy-not-available");
      assertThat(d.ruleIds()).containsExactly("WAR-3");
    }
    Decision<ClaimUpdate> doaOutcome = decide(review, outcome(ClaimOutcome.PARTIAL_REFUND));
    assertThat(doaOutcome.refusal().field()).isEqualTo("outcome");
  }

  @Test
  @DisplayName("WAR-3 WAR-4 repair, unrepairable, then a price reduction within the paid price")
  void WAR_3_WAR_4_repair_unrepairable_then_a_price_reduction_within_the_paid_price() {
    ClaimUpdate review = underReview(Remedy.REPAIR);
    ClaimUpdate repair = decide(review, outcome(ClaimOutcome.REPAIR)).value();
    assertThat(repair.claim().status()).isEqualTo(ClaimStatus.REPAIR_IN_PROGRESS);
    assertThat(repair.order()).isEqualTo(review.order()); // the unit stays held
    assertThat(repair.explanation().ruleIds()).contains("WAR-3", "WAR-4");
    assertThat(repair.explanation().lines().get(1).text())
        .contains("Lagerstrasse 12", "We pay the shipping both ways", "12 months");

    ClaimCase received = step(repair.claim(), RepairStep.Kind.RECEIVED, "2026-10-05T09:00:00Z");
    ClaimCase failed = step(received, RepairStep.Kind.UNREPAIRABLE, "2026-10-06T09:00:00Z");
    assertThat(failed.status()).isEqualTo(ClaimStatus.UNDER_REVIEW);
    ClaimUpdate reopened = new ClaimUpdate(failed, repair.order(), null, repair.explanation());

    assertThat(decide(reopened, outcome(ClaimOutcome.REPAIR)).refusal().message())
        .contains("the repair failed");
    long paid = review.order().pricing().paidPrice(U0).amount();
    Decision<ClaimUpdate> tooMuch =
        decide(
            reopened,
            new WarrantyRemedies.Request(
                ClaimOutcome.PRICE_REDUCTION, paid + 1, "x", null, Map.of()));
    assertThat(tooMuch.refusal().code().code()).isEqualTo("refund-above-paid-price");
    assertThat(tooMuch.ruleIds()).containsExactly("GEN-4");

    ClaimUpdate reduced =
        decide(
                reopened,
                new WarrantyRemedies.Request(
                    ClaimOutcome.PRICE_REDUCTION, 1000L, "Sorry.", null, Map.of()))
            .value();
    assertThat(reduced.claim().status()).isEqualTo(ClaimStatus.APPROVED_PRICE_REDUCTION);
    assertThat(reduced.refund().amount()).isEqualTo(Money.of(1000, TestOrders.EUR));
    assertThat(reduced.claim().refundId()).isEqualTo(reduced.refund().refundId());
    assertThat(reduced.order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(reduced.refund().dueBy()).isEqualTo(LocalDate.parse("2026-10-09"));
  }

  @Test
  @DisplayName("WAR-3 a refund against the return pays the unit's paid price once it is back")
  void WAR_3_a_refund_against_the_return_pays_the_paid_price_once_the_unit_is_back() {
    ClaimUpdate review = underReview(null);
    ClaimUpdate awaiting =
        decide(
                review,
                new WarrantyRemedies.Request(
                    ClaimOutcome.REFUND_AGAINST_RETURN,
                    null,
                    "x",
                    null,
                    Map.of(Remedy.REPAIR, "no spare parts", Remedy.REPLACEMENT, "discontinued")))
            .value();
    assertThat(awaiting.claim().status()).isEqualTo(ClaimStatus.AWAITING_RETURN);
    assertThat(awaiting.refund()).isNull();

    ClaimCase back = step(awaiting.claim(), RepairStep.Kind.RECEIVED, "2026-10-08T09:00:00Z");
    assertThat(back.status()).isEqualTo(ClaimStatus.REFUNDED_AGAINST_RETURN);
    ClaimUpdate settled = WarrantyRemedies.settle(back, awaiting.order(), POLICY, null).value();
    assertThat(settled.refund().amount())
        .isEqualTo(review.order().pricing().paidPrice(U0)); // not the delivery share
    assertThat(settled.order().statusOf(U0)).isEqualTo(UnitStatus.REFUNDED_BY_CLAIM);
  }

  @Test
  @DisplayName("WAR-4 a repaired unit's warranty ends 12 months later")
  void WAR_4_a_repaired_units_warranty_ends_12_months_later() {
    ClaimUpdate repair = decide(underReview(Remedy.REPAIR), outcome(ClaimOutcome.REPAIR)).value();
    ClaimCase c = step(repair.claim(), RepairStep.Kind.RECEIVED, "2026-10-05T09:00:00Z");
    c = step(c, RepairStep.Kind.REPAIRED, "2026-10-06T09:00:00Z");
    c = step(c, RepairStep.Kind.SHIPPED_BACK, "2026-10-07T09:00:00Z");
    assertThat(c.status()).isEqualTo(ClaimStatus.REPAIRED);

    ClaimUpdate settled = WarrantyRemedies.settle(c, repair.order(), POLICY, null).value();
    Order after = settled.order();
    assertThat(after.statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(WarrantyPolicy.warrantyEndsOn(after, POLICY, U0))
        .contains(LocalDate.parse("2029-09-01"));
    // the old last day + 1 is still covered now, and the other unit is not extended
    Decision<ClaimCoverage> dayAfterOldEnd =
        WarrantyPolicy.coverage(after, POLICY, U0, Instant.parse("2028-09-02T10:00:00Z"));
    assertThat(dayAfterOldEnd.value().until()).isEqualTo(LocalDate.parse("2029-09-01"));
    assertThat(dayAfterOldEnd.value().ruleIds()).containsExactly("WAR-1", "WAR-4");
    assertThat(WarrantyPolicy.warrantyEndsOn(after, POLICY, new UnitRef("L1", 1)))
        .contains(LocalDate.parse("2028-09-01"));
    assertThat(OrderActions.claim(after, POLICY, U0, Instant.parse("2028-09-02T10:00:00Z")).until())
        .isEqualTo(LocalDate.parse("2029-09-01"));
  }

  @Test
  @DisplayName("WAR-4 repair steps only move forward; the same step again is idempotent")
  void WAR_4_repair_steps_only_move_forward_and_the_same_step_again_is_idempotent() {
    ClaimCase repair =
        decide(underReview(Remedy.REPAIR), outcome(ClaimOutcome.REPAIR)).value().claim();
    Instant at = Instant.parse("2026-10-05T09:00:00Z");

    assertThat(
            WarrantyRemedies.recordStep(repair, RepairStep.Kind.REPAIRED, at, null, at)
                .refusal()
                .code()
                .code())
        .isEqualTo("illegal-transition");
    ClaimCase received =
        WarrantyRemedies.recordStep(repair, RepairStep.Kind.RECEIVED, at, "T-1", at).value();
    assertThat(
            WarrantyRemedies.recordStep(
                    received, RepairStep.Kind.RECEIVED, at, "T-1", at.plusSeconds(60))
                .value())
        .isEqualTo(received);
    Decision<ClaimCase> otherData =
        WarrantyRemedies.recordStep(received, RepairStep.Kind.RECEIVED, at, "T-2", at);
    assertThat(otherData.refusal().code().code()).isEqualTo("repair-step-conflict");
    assertThat(otherData.refusal().code().httpStatus()).isEqualTo(409);
    Decision<ClaimCase> earlier =
        WarrantyRemedies.recordStep(
            received, RepairStep.Kind.REPAIRED, at.minusSeconds(1), null, at);
    assertThat(earlier.refusal().field()).isEqualTo("at");
    ClaimCase repaired = step(received, RepairStep.Kind.REPAIRED, "2026-10-06T09:00:00Z");
    assertThat(
            WarrantyRemedies.recordStep(
                    repaired, RepairStep.Kind.UNREPAIRABLE, at.plusSeconds(86_400 * 2), null, at)
                .refusal()
                .message())
        .contains("only move forward", "SHIPPED_BACK");
  }

  @Test
  @DisplayName("WAR-5 inside the presumption a rejection needs a finding; after it a reason does")
  void WAR_5_inside_the_presumption_a_rejection_needs_a_finding() {
    ClaimUpdate review = underReview(null);
    Decision<ClaimUpdate> noFinding = decide(review, outcome(ClaimOutcome.REJECTED));
    assertThat(noFinding.refusal().field()).isEqualTo("finding");
    assertThat(noFinding.ruleIds()).containsExactly("WAR-5");
    assertThat(noFinding.refusal().message()).contains("2027-09-01");

    ClaimUpdate rejected =
        decide(
                review,
                new WarrantyRemedies.Request(
                    ClaimOutcome.REJECTED,
                    null,
                    "We can not accept this claim.",
                    "The casing shows a crack from a fall; the fault came from it.",
                    Map.of()))
            .value();
    assertThat(rejected.claim().status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(rejected.claim().warranty().finding()).contains("fall");
    assertThat(rejected.explanation().ruleIds()).containsExactly("WAR-3", "WAR-5");
    assertThat(rejected.order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);

    // reported on 2 Sep 2027, the day after the presumption ended
    ClaimUpdate late = opened(DELIVERED, null, Instant.parse("2027-09-02T10:00:00Z"));
    ClaimCase lateReview =
        DoaPolicy.evidenceAccepted(late.claim(), EvidenceKind.PROBLEM, LATER).value();
    assertThat(
            WarrantyRemedies.decide(
                    lateReview,
                    late.order(),
                    POLICY,
                    outcome(ClaimOutcome.REJECTED),
                    Instant.parse("2027-09-03T10:00:00Z"))
                .value()
                .claim()
                .status())
        .isEqualTo(ClaimStatus.REJECTED);
  }

  @Test
  @DisplayName("WAR-6 a unit in a warranty claim can not be claimed again")
  void WAR_6_a_unit_in_a_warranty_claim_can_not_be_claimed_again() {
    Order order = DELIVERED;
    order = opened(order, null, DAY_30).order();
    order =
        DoaPolicy.open(order, POLICY, "cl-2", "L1", ProblemType.DAMAGED, null, null, DAY_30)
            .value()
            .order();
    Decision<ClaimUpdate> third =
        DoaPolicy.open(order, POLICY, "cl-3", "L1", ProblemType.DAMAGED, null, null, DAY_30);

    assertThat(third.refusal().code().code()).isEqualTo("unit-not-returnable");
    assertThat(third.ruleIds()).contains("WAR-6");
    assertThat(OrderActions.claim(order, POLICY, U0, DAY_30).ruleIds()).contains("WAR-6");
  }

  /** One HDMI cable (accessories: 12 month store warranty), delivered 1 Sep 2026 in Berlin. */
  static Order cable(org.aftersales.policy.law.Buyer buyer, String country) {
    OrderSpec spec =
        new OrderSpec(
            "o-law",
            "c-1",
            TestOrders.EUR,
            Instant.parse("2026-08-20T10:00:00Z"),
            LocalDate.parse("2026-08-24"),
            List.of(
                new LineSpec(
                    "L1", "KW-CABLE", "HDMI cable", "accessories", 1, 999, 0, 0, List.of())),
            0,
            0,
            999,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))),
            null,
            buyer,
            country);
    return Fixtures.delivered(Fixtures.register(spec), "P1", "2026-09-01T10:00:00Z");
  }

  static final Instant MONTH_13 = Instant.parse("2027-10-01T10:00:00Z");

  @Test
  @DisplayName("LAW-5 an EU consumer's legal guarantee outlasts a shorter category warranty")
  void LAW_5_an_EU_consumers_legal_guarantee_outlasts_a_shorter_category_warranty() {
    Decision<ClaimCoverage> consumer =
        WarrantyPolicy.coverage(
            cable(org.aftersales.policy.law.Buyer.CONSUMER, "DE"), POLICY, U0, MONTH_13);
    Decision<ClaimCoverage> business =
        WarrantyPolicy.coverage(
            cable(org.aftersales.policy.law.Buyer.BUSINESS, "DE"), POLICY, U0, MONTH_13);
    Decision<ClaimCoverage> outsideEu =
        WarrantyPolicy.coverage(
            cable(org.aftersales.policy.law.Buyer.CONSUMER, "US"), POLICY, U0, MONTH_13);
    Decision<ClaimCoverage> afterLaw =
        WarrantyPolicy.coverage(
            cable(org.aftersales.policy.law.Buyer.CONSUMER, "DE"),
            POLICY,
            U0,
            Instant.parse("2028-09-02T10:00:00Z"));

    assertThat(consumer.value().until()).isEqualTo(LocalDate.parse("2028-09-01"));
    assertThat(consumer.value().ruleIds()).containsExactly("WAR-1", "LAW-5");
    assertThat(consumer.explanation().lines().get(1).text())
        .contains("DE", "Directive (EU) 2019/771 Art. 10(1)");
    assertThat(business.refusal().code().code()).isEqualTo("not-covered");
    assertThat(business.refusal().message()).contains("12 month warranty", "2027-09-01");
    assertThat(outsideEu.refusal().code().code()).isEqualTo("not-covered");
    assertThat(afterLaw.refusal().message()).contains("legal guarantee", "ended on 2028-09-01");
    assertThat(afterLaw.ruleIds()).containsExactly("DOA-1", "WAR-1", "LAW-5");
  }

  @Test
  @DisplayName("WAR-5 LAW-5 a country's longer presumption needs a finding for longer")
  void WAR_5_LAW_5_a_countrys_longer_presumption_needs_a_finding_for_longer() {
    Instant month18 = Instant.parse("2028-03-01T10:00:00Z");
    for (String country : List.of("PT", "DE")) {
      Order order = cable(org.aftersales.policy.law.Buyer.CONSUMER, country);
      ClaimUpdate opened =
          DoaPolicy.open(order, POLICY, "cl-p", "L1", ProblemType.NOT_WORKING, null, null, month18)
              .value();
      ClaimCase review =
          DoaPolicy.evidenceAccepted(opened.claim(), EvidenceKind.PROBLEM, month18).value();
      Decision<ClaimUpdate> rejected =
          WarrantyRemedies.decide(
              review, opened.order(), POLICY, outcome(ClaimOutcome.REJECTED), month18);
      if (country.equals("PT")) { // 24 months of presumption (PT Decreto-Lei 84/2021)
        assertThat(rejected.refusal().field()).isEqualTo("finding");
        assertThat(rejected.refusal().message()).contains("2028-09-01");
      } else { // the directive's 12 months ended on 2027-09-01
        assertThat(rejected.value().claim().status()).isEqualTo(ClaimStatus.REJECTED);
      }
    }
  }

  @Test
  @DisplayName("LAW-5 WAR-4 a repair extends the legal guarantee once")
  void LAW_5_WAR_4_a_repair_extends_the_legal_guarantee_once() {
    Order repaired =
        cable(org.aftersales.policy.law.Buyer.CONSUMER, "DE").withWarrantyExtended(U0, 12);

    assertThat(WarrantyPolicy.legalGuarantee(repaired, POLICY, U0).orElseThrow().endsOn())
        .isEqualTo(LocalDate.parse("2029-09-01"));
    assertThat(WarrantyPolicy.warrantyEndsOn(repaired, POLICY, U0))
        .contains(LocalDate.parse("2029-09-01"));
    assertThat(WarrantyPolicy.storeWarrantyEndsOn(repaired, POLICY, U0))
        .contains(LocalDate.parse("2028-09-01"));
  }

  @Test
  @DisplayName("WAR-3 the options shown to an agent follow the preference and a failed repair")
  void WAR_3_the_options_follow_the_preference_and_a_failed_repair() {
    ClaimUpdate review = underReview(Remedy.REPLACEMENT);
    List<WarrantyRemedies.RemedyOption> before = WarrantyRemedies.options(review.claim());
    assertThat(before)
        .extracting(WarrantyRemedies.RemedyOption::outcome)
        .containsExactly(
            ClaimOutcome.REPAIR,
            ClaimOutcome.REPLACEMENT,
            ClaimOutcome.PRICE_REDUCTION,
            ClaimOutcome.REFUND_AGAINST_RETURN,
            ClaimOutcome.NEEDS_INFO,
            ClaimOutcome.REJECTED);
    assertThat(before.get(0).needs()).isEqualTo("ruledOut.REPLACEMENT");
    assertThat(before.get(1).preferred()).isTrue();
    assertThat(before.get(2).needs()).isEqualTo("ruledOut.REPAIR, ruledOut.REPLACEMENT");

    ClaimCase repairing =
        decide(
                review,
                new WarrantyRemedies.Request(
                    ClaimOutcome.REPAIR, null, "x", null, Map.of(Remedy.REPLACEMENT, "sold out")))
            .value()
            .claim();
    assertThat(WarrantyRemedies.options(repairing)).isEmpty();
    ClaimCase failed =
        step(
            step(repairing, RepairStep.Kind.RECEIVED, "2026-10-05T09:00:00Z"),
            RepairStep.Kind.UNREPAIRABLE,
            "2026-10-06T09:00:00Z");
    List<WarrantyRemedies.RemedyOption> after = WarrantyRemedies.options(failed);
    assertThat(after.get(0).available()).isFalse();
    assertThat(after.get(2).needs()).isNull();
  }
}
