package org.aftersales.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.decision.ReturnPolicy.ReturnLine;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.OrderValidation;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.junit.jupiter.api.Test;

/**
 * The return rules at their edges (policy version 2026-06: 60 day window RET-1, 14 day DOA window,
 * store zone Europe/Berlin GEN-6). Moved here from the returns function : it is pure policy.
 */
class ReturnPolicyEdgesTest {

  private static final PolicyDocument POLICY = Fixtures.POLICY;
  private static final ReturnLine ONE_UNWANTED =
      new ReturnLine("L1", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED);

  // ---- RET-1 / GEN-6: the 60 day window, in the store's time zone -----------------------------

  @Test
  void delivered_sixty_days_ago_at_2359_store_time_is_still_returnable_until_the_end_of_that_day() {
    // 2026-09-27 23:59 in Berlin (CEST, UTC+2): the last day is 2026-11-26.
    Order order = Fixtures.delivered(hdmi("o-edge-1"), "P1", "2026-09-27T21:59:00Z");

    Decision<ReturnUpdate> lastMinute =
        ReturnPolicy.authorize(
            order, POLICY, "r-1", List.of(ONE_UNWANTED), Instant.parse("2026-11-26T22:59:59Z"));

    assertThat(lastMinute.accepted()).isTrue();
    assertThat(lastMinute.value().returnCase().units()).containsExactly(new UnitRef("L1", 0));
    assertThat(lastMinute.explanation().lines().getFirst().text())
        .contains("until the end of 2026-11-26");
  }

  @Test
  void the_first_instant_of_day_sixty_one_in_the_store_zone_is_refused() {
    Order order = Fixtures.delivered(hdmi("o-edge-2"), "P1", "2026-09-27T21:59:00Z");

    // 2026-11-27 00:00 in Berlin (CET, UTC+1) is 2026-11-26T23:00Z: still the 26th in UTC.
    Decision<ReturnUpdate> midnight =
        ReturnPolicy.authorize(
            order, POLICY, "r-2", List.of(ONE_UNWANTED), Instant.parse("2026-11-26T23:00:00Z"));
    Decision<ReturnUpdate> dayAfter =
        ReturnPolicy.authorize(
            order, POLICY, "r-3", List.of(ONE_UNWANTED), Instant.parse("2026-11-27T22:59:00Z"));

    assertThat(midnight.accepted()).isFalse();
    assertThat(midnight.refusal().code()).isEqualTo(RefusalCode.RETURN_WINDOW_CLOSED);
    assertThat(midnight.refusal().ruleIds()).containsExactly("RET-1");
    assertThat(midnight.refusal().message()).contains("closed at the end of 2026-11-26");
    assertThat(dayAfter.refusal().code()).isEqualTo(RefusalCode.RETURN_WINDOW_CLOSED);
  }

  @Test
  void the_delivery_day_is_taken_in_the_store_zone_not_in_utc() {
    // 00:30 on 2026-09-28 in Berlin is 22:30 on 2026-09-27 in UTC: the window runs to 2026-11-27.
    Order order = Fixtures.delivered(hdmi("o-edge-3"), "P1", "2026-09-27T22:30:00Z");

    Decision<ReturnUpdate> onTheTwentySeventh =
        ReturnPolicy.authorize(
            order, POLICY, "r-4", List.of(ONE_UNWANTED), Instant.parse("2026-11-27T12:00:00Z"));

    assertThat(onTheTwentySeventh.accepted()).isTrue();
  }

  // ---- GEN-6: one of two parcels delivered ------------------------------------------------------

  @Test
  void only_the_unit_of_the_delivered_parcel_can_be_returned() {
    Order order = Fixtures.delivered(hdmi("o-parcels"), "P2", "2026-11-10T09:00:00Z");
    Instant now = Instant.parse("2026-11-26T13:20:00Z");

    Decision<ReturnUpdate> one =
        ReturnPolicy.authorize(order, POLICY, "r-5", List.of(ONE_UNWANTED), now);
    Decision<ReturnUpdate> both =
        ReturnPolicy.authorize(
            order,
            POLICY,
            "r-6",
            List.of(new ReturnLine("L1", 2, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
            now);

    assertThat(one.accepted()).isTrue();
    assertThat(one.value().returnCase().units())
        .containsExactly(new UnitRef("L1", 1)); // P2 carries L1#1
    assertThat(one.value().order().statusOf(new UnitRef("L1", 1)))
        .isEqualTo(UnitStatus.RETURN_OPEN);
    assertThat(one.value().order().statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.ACTIVE);
    assertThat(both.accepted()).isFalse();
    assertThat(both.refusal().code()).isEqualTo(RefusalCode.NOT_DELIVERED);
  }

  // ---- RET-4 with GEN-1 / GEN-2 / GEN-3 ---------------------------------------------------------

  @Test
  void a_jpy_refund_estimate_is_whole_yen_paid_price_minus_the_units_delivery_share() {
    OrderSpec spec =
        new OrderSpec(
            "o-jpy",
            "c-1",
            Currency.getInstance("JPY"),
            Instant.parse("2026-11-02T01:00:00Z"),
            LocalDate.parse("2026-11-05"),
            List.of(
                new LineSpec(
                    "L1", "KW-CAB-3", "USB-C cable", "accessories", 3, 3333, 0, 0, List.of())),
            0,
            700,
            10699,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 3)))));
    assertThat(OrderValidation.validate(spec)).isEmpty();
    Order order = Fixtures.delivered(Order.register(spec, "2026-06"), "P1", "2026-11-10T03:00:00Z");

    Decision<ReturnUpdate> decision =
        ReturnPolicy.authorize(
            order, POLICY, "r-jpy", List.of(ONE_UNWANTED), Instant.parse("2026-11-26T03:00:00Z"));

    // 700 yen over three equal units: 234 + 233 + 233 (largest remainder, first unit first, GEN-1).
    assertThat(decision.value().returnCase().refundEstimate().lines())
        .containsExactly(
            BreakdownLine.of(
                "Paid price of 1 × USB-C cable", Money.of(3333, "JPY"), "GEN-2", "RET-4"),
            BreakdownLine.of(
                "Delivery charges for 1 × USB-C cable (not refunded on a return)",
                Money.of(-234, "JPY"),
                "GEN-3",
                "RET-4"));
    assertThat(decision.value().returnCase().refundEstimate().total())
        .isEqualTo(Money.of(3099, "JPY"));
  }

  @Test
  void an_order_level_discount_is_spread_over_the_lines_by_their_value() {
    OrderSpec spec =
        new OrderSpec(
            "o-disc",
            "c-1",
            Currency.getInstance("EUR"),
            Instant.parse("2026-11-02T10:00:00Z"),
            LocalDate.parse("2026-11-05"),
            List.of(
                new LineSpec("A", "KW-SPK-1", "Speaker", "electronics", 1, 6000, 0, 0, List.of()),
                new LineSpec("B", "KW-LMP-2", "Desk lamp", "home", 1, 4000, 0, 0, List.of())),
            1000,
            500,
            9500,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("A", 1), new ParcelLine("B", 1)))));
    assertThat(OrderValidation.validate(spec)).isEmpty();
    Order order = Fixtures.delivered(Order.register(spec, "2026-06"), "P1", "2026-11-10T09:00:00Z");

    Decision<ReturnUpdate> speaker =
        ReturnPolicy.authorize(
            order,
            POLICY,
            "r-disc",
            List.of(new ReturnLine("A", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
            Instant.parse("2026-11-26T13:20:00Z"));

    // 1000 off spread 6000:4000 → 600 on the speaker, paid 5400; delivery 500 spread 5400:3600 →
    // 300.
    assertThat(speaker.value().returnCase().refundEstimate().lines())
        .extracting(BreakdownLine::amount)
        .containsExactly(Money.of(5400, "EUR"), Money.of(-300, "EUR"));
    assertThat(speaker.value().returnCase().refundEstimate().total())
        .isEqualTo(Money.of(5100, "EUR"));
  }

  // ---- RET-5 / RET-6: inspection, missing components
  // ----------------------------------------------

  @Test
  void a_missing_charger_is_deducted_at_its_listed_price() {
    Order order = authorizedDrill();
    UnitRef drill = new UnitRef("D", 0);
    var returnCase =
        ReturnPolicy.authorize(
                order,
                POLICY,
                "r-drill",
                List.of(new ReturnLine("D", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
                Instant.parse("2026-11-20T10:00:00Z"))
            .value();

    Decision<ReturnUpdate> received =
        InspectionPolicy.receive(
            returnCase.returnCase(),
            returnCase.order(),
            POLICY,
            List.of(new UnitInspection(drill, InspectedCondition.MINT, List.of("charger"))),
            null,
            Instant.parse("2026-11-26T13:20:00Z"));

    assertThat(received.value().returnCase().status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(received.value().refund().breakdown().lines())
        .containsExactly(
            BreakdownLine.of(
                "Paid price of 1 × Cordless drill", Money.of(12000, "EUR"), "GEN-2", "RET-4"),
            BreakdownLine.of(
                "Delivery charges for 1 × Cordless drill (not refunded on a return)",
                Money.of(-500, "EUR"),
                "GEN-3",
                "RET-4"),
            BreakdownLine.of("Missing part: charger", Money.of(-1500, "EUR"), "RET-5"));
    assertThat(received.value().refund().amount()).isEqualTo(Money.of(10000, "EUR"));
    // GEN-5: granted Thursday 2026-11-26 → 5 business days → Thursday 2026-12-03.
    assertThat(received.value().refund().dueBy()).isEqualTo(LocalDate.parse("2026-12-03"));
    assertThat(received.value().order().statusOf(drill)).isEqualTo(UnitStatus.RETURNED);
  }

  @Test
  void missing_parts_never_take_the_refund_below_zero() {
    Order order = authorizedDrill();
    var returnCase =
        ReturnPolicy.authorize(
                order,
                POLICY,
                "r-drill-0",
                List.of(new ReturnLine("D", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
                Instant.parse("2026-11-20T10:00:00Z"))
            .value();

    Map<UnitRef, List<String>> missing =
        Map.of(new UnitRef("D", 0), List.of("charger", "battery", "case"));
    var refund = ReturnPolicy.refund(returnCase.order(), returnCase.returnCase().units(), missing);

    // 12000 − 500 − (1500 + 2500 + 9000) = −1500 → floored at 0 (RET-4).
    assertThat(refund.breakdown().total()).isEqualTo(Money.of(0, "EUR"));
    assertThat(refund.breakdown().lines().getLast())
        .isEqualTo(
            BreakdownLine.of(
                "Charges above the item's price are not taken (a refund is never below zero)",
                Money.of(1500, "EUR"),
                "RET-4"));
  }

  @Test
  void not_mint_on_receipt_is_rejected_without_refund_unless_an_agent_overrides() {
    Order order = authorizedDrill();
    var authorized =
        ReturnPolicy.authorize(
                order,
                POLICY,
                "r-drill-nm",
                List.of(new ReturnLine("D", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
                Instant.parse("2026-11-20T10:00:00Z"))
            .value();
    List<UnitInspection> scratched =
        List.of(new UnitInspection(new UnitRef("D", 0), InspectedCondition.NOT_MINT, List.of()));
    Instant now = Instant.parse("2026-11-26T13:20:00Z");

    ReturnUpdate rejected =
        InspectionPolicy.receive(
                authorized.returnCase(), authorized.order(), POLICY, scratched, null, now)
            .value();
    ReturnUpdate overridden =
        InspectionPolicy.receive(
                authorized.returnCase(),
                authorized.order(),
                POLICY,
                scratched,
                "Marks from the packaging only",
                now)
            .value();

    assertThat(rejected.returnCase().status()).isEqualTo(ReturnStatus.REJECTED);
    assertThat(rejected.refund()).isNull();
    assertThat(rejected.explanation().ruleIds()).containsExactly("RET-6");
    assertThat(overridden.returnCase().status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(overridden.refund().amount()).isEqualTo(Money.of(11500, "EUR"));
    assertThat(overridden.returnCase().note()).contains("Marks from the packaging only");
  }

  // ---- RET-7, RET-8, RET-1 condition
  // --------------------------------------------------------------

  @Test
  void a_damaged_item_goes_to_a_doa_claim_inside_the_doa_window_and_to_the_warranty_after_it() {
    Order order = Fixtures.delivered(hdmi("o-fault"), "P1", "2026-11-10T09:00:00Z");
    ReturnLine damaged = new ReturnLine("L1", 1, ReturnReason.DAMAGED, ItemCondition.OPENED);

    Decision<ReturnUpdate> day14 =
        ReturnPolicy.authorize(
            order,
            POLICY,
            "r-f1",
            List.of(damaged),
            Instant.parse("2026-11-24T22:00:00Z")); // 23:00 on 2026-11-24 in Berlin: last DOA day
    Decision<ReturnUpdate> day15 =
        ReturnPolicy.authorize(
            order, POLICY, "r-f2", List.of(damaged), Instant.parse("2026-11-24T23:00:00Z"));

    assertThat(day14.refusal().code()).isEqualTo(RefusalCode.USE_DOA_CLAIM);
    assertThat(day14.refusal().ruleIds()).containsExactly("RET-7", "DOA-1");
    assertThat(day15.refusal().code()).isEqualTo(RefusalCode.USE_WARRANTY);
    assertThat(day15.refusal().warrantyEndsOn())
        .isEqualTo(LocalDate.parse("2028-11-10")); // electronics: 24 months
  }

  @Test
  void a_non_returnable_category_is_refused_with_that_reason() {
    OrderSpec spec =
        new OrderSpec(
            "o-sw",
            "c-1",
            Currency.getInstance("EUR"),
            Instant.parse("2026-11-02T10:00:00Z"),
            LocalDate.parse("2026-11-05"),
            List.of(
                new LineSpec(
                    "L1", "KW-SW-1", "Photo editor licence", "software", 1, 4900, 0, 0, List.of())),
            0,
            0,
            4900,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))));
    Order order = Fixtures.delivered(Order.register(spec, "2026-06"), "P1", "2026-11-10T09:00:00Z");

    Decision<ReturnUpdate> decision =
        ReturnPolicy.authorize(
            order, POLICY, "r-sw", List.of(ONE_UNWANTED), Instant.parse("2026-11-26T13:20:00Z"));

    assertThat(decision.refusal().code()).isEqualTo(RefusalCode.NON_RETURNABLE_CATEGORY);
    assertThat(decision.refusal().ruleIds()).containsExactly("RET-8");
  }

  @Test
  void an_opened_item_is_not_a_conditional_return() {
    Order order = Fixtures.delivered(hdmi("o-open"), "P1", "2026-11-10T09:00:00Z");

    Decision<ReturnUpdate> decision =
        ReturnPolicy.authorize(
            order,
            POLICY,
            "r-op",
            List.of(new ReturnLine("L1", 1, ReturnReason.UNWANTED, ItemCondition.OPENED)),
            Instant.parse("2026-11-26T13:20:00Z"));

    assertThat(decision.refusal().code()).isEqualTo(RefusalCode.NOT_MINT);
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private static Order hdmi(String orderId) {
    OrderSpec earlier =
        TestOrders.placedAt(
            TestOrders.apiExampleInTwoParcels(orderId),
            Instant.parse("2026-09-20T10:00:00Z"),
            LocalDate.parse("2026-09-23"));
    return Order.register(earlier, "2026-06");
  }

  /** A 120.00 drill with a charger (15.00), a battery (25.00) and a case (90.00), 5.00 delivery. */
  private static Order authorizedDrill() {
    OrderSpec spec =
        new OrderSpec(
            "o-drill",
            "c-1",
            Currency.getInstance("EUR"),
            Instant.parse("2026-11-02T10:00:00Z"),
            LocalDate.parse("2026-11-05"),
            List.of(
                new LineSpec(
                    "D",
                    "KW-DRL-18",
                    "Cordless drill",
                    "tools",
                    1,
                    12000,
                    0,
                    0,
                    List.of(
                        new ComponentSpec("charger", "charger", 1500),
                        new ComponentSpec("battery", "battery", 2500),
                        new ComponentSpec("case", "carry case", 9000)))),
            0,
            500,
            12500,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("D", 1)))));
    assertThat(OrderValidation.validate(spec)).isEmpty();
    return Fixtures.delivered(Order.register(spec, "2026-06"), "P1", "2026-11-10T09:00:00Z");
  }
}
