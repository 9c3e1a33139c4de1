package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.aftersales.policy.decision.Fixtures.delivered;
import static org.aftersales.policy.decision.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.decision.ReturnPolicy.ReturnLine;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.MustInclude;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReturnPolicyTest {
  static final UnitRef U0 = new UnitRef("L1", 0);

  /** Placed 20 Aug 2026 (policy 2026-06), delivered 1 Sep 2026 in Berlin: day 60 is 31 Oct. */
  static final Order DELIVERED =
      delivered(
          register(
              TestOrders.placedAt(
                  TestOrders.apiExample(),
                  Instant.parse("2026-08-20T10:00:00Z"),
                  LocalDate.parse("2026-08-24"))),
          "P1",
          "2026-09-01T10:00:00Z");

  static final Instant DAY_10 = Instant.parse("2026-09-11T10:00:00Z");

  static Decision<ReturnUpdate> ask(
      Order order, int quantity, ReturnReason reason, ItemCondition condition, Instant now) {
    return ReturnPolicy.authorize(
        order, POLICY, "r-1", List.of(new ReturnLine("L1", quantity, reason, condition)), now);
  }

  @Test
  @DisplayName("RET-1 GEN-6 day 60 at 23 59 store time is allowed day 61 refused")
  void RET_1_GEN_6_day_60_at_23_59_store_time_is_allowed_day_61_refused() {
    // 31 Oct 23:59 in Berlin (CET) = 22:59 UTC
    assertThat(
            ask(
                    DELIVERED,
                    1,
                    ReturnReason.UNWANTED,
                    ItemCondition.MINT_UNUSED,
                    Instant.parse("2026-10-31T22:59:00Z"))
                .accepted())
        .isTrue();
    Decision<ReturnUpdate> late =
        ask(
            DELIVERED,
            1,
            ReturnReason.UNWANTED,
            ItemCondition.MINT_UNUSED,
            Instant.parse("2026-10-31T23:00:00Z"));
    assertThat(late.refusal().code().code()).isEqualTo("return-window-closed");
    assertThat(late.refusal().code().httpStatus()).isEqualTo(422);
    assertThat(late.ruleIds()).containsExactly("RET-1");
    assertThat(late.refusal().message()).contains("2026-10-31");
  }

  @Test
  @DisplayName("RET-1 only mint unused items")
  void RET_1_only_mint_unused_items() {
    Decision<ReturnUpdate> d =
        ask(DELIVERED, 1, ReturnReason.UNWANTED, ItemCondition.OPENED, DAY_10);
    assertThat(d.refusal().code()).isEqualTo(RefusalCode.NOT_MINT);
    assertThat(
            ask(DELIVERED, 1, ReturnReason.UNWANTED, ItemCondition.USED, DAY_10)
                .refusal()
                .code()
                .code())
        .isEqualTo("not-mint");
  }

  @Test
  @DisplayName("GEN-6 a unit not delivered has no window")
  void GEN_6_a_unit_not_delivered_has_no_window() {
    Order order = register(TestOrders.apiExample());
    Decision<ReturnUpdate> d =
        ask(order, 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, DAY_10);
    assertThat(d.refusal().code().code()).isEqualTo("not-delivered");
    assertThat(ReturnPolicy.returnWindow(order, POLICY, U0)).isEmpty();
  }

  @Test
  @DisplayName("RET-2 authorisation gives rma address send by what must come back and an estimate")
  void RET_2_authorisation_gives_rma_address_send_by_what_must_come_back_and_an_estimate() {
    ReturnUpdate u =
        ask(DELIVERED, 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, DAY_10).value();
    ReturnCase r = u.returnCase();
    assertThat(r.rmaNumber()).isEqualTo("RMA-r-1");
    assertThat(r.status()).isEqualTo(ReturnStatus.AUTHORIZED);
    assertThat(r.sendBy()).isEqualTo(LocalDate.parse("2026-09-25")); // RET-9: + 14 days
    assertThat(r.returnAddress()).isEqualTo(POLICY.returnAddress());
    assertThat(r.mustInclude())
        .containsExactly(new MustInclude("L1", List.of("power adapter", "original packaging")));
    assertThat(r.units()).containsExactly(U0);
    assertThat(r.refundEstimate().total()).isEqualTo(Money.of(2749 - 250, "EUR"));
    assertThat(r.instructions()).anySatisfy(i -> assertThat(i).contains("RMA-r-1"));
    assertThat(u.order().statusOf(U0)).isEqualTo(UnitStatus.RETURN_OPEN);
    assertThat(u.order().statusOf(new UnitRef("L1", 1))).isEqualTo(UnitStatus.ACTIVE);
    assertThat(u.explanation().ruleIds()).contains("RET-1", "RET-2", "RET-5", "RET-4");
    // a second return of the same line takes the other unit
    ReturnUpdate second =
        ReturnPolicy.authorize(
                u.order(),
                POLICY,
                "r-2",
                List.of(new ReturnLine("L1", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
                DAY_10)
            .value();
    assertThat(second.returnCase().units()).containsExactly(new UnitRef("L1", 1));
  }

  @Test
  @DisplayName("RET-4 RET-5 a 60 day return refunds price minus delivery share minus missing parts")
  void RET_4_RET_5_a_60_day_return_refunds_price_minus_delivery_share_minus_missing_parts() {
    ReturnUpdate authorised =
        ask(
                DELIVERED,
                1,
                ReturnReason.UNWANTED,
                ItemCondition.MINT_UNUSED,
                Instant.parse("2026-10-31T20:00:00Z"))
            .value();
    Instant received = Instant.parse("2026-11-06T10:00:00Z"); // Friday
    ReturnUpdate done =
        InspectionPolicy.receive(
                authorised.returnCase(),
                authorised.order(),
                POLICY,
                List.of(new UnitInspection(U0, InspectedCondition.MINT, List.of("psu"))),
                null,
                received)
            .value();
    assertThat(done.returnCase().status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(done.refund().amount()).isEqualTo(Money.of(2749 - 250 - 800, "EUR"));
    assertThat(done.refund().breakdown().lines())
        .extracting(BreakdownLine::label, l -> l.amount().amount(), BreakdownLine::ruleIds)
        .containsExactly(
            tuple("Paid price of 1 × HDMI switch", 2749L, List.of("GEN-2", "RET-4")),
            tuple(
                "Delivery charges for 1 × HDMI switch (not refunded on a return)",
                -250L,
                List.of("GEN-3", "RET-4")),
            tuple("Missing part: power adapter", -800L, List.of("RET-5")));
    assertThat(done.refund().refundId()).isEqualTo("rf-return-r-1");
    assertThat(done.refund().dueBy()).isEqualTo(LocalDate.parse("2026-11-13"));
    assertThat(done.returnCase().refundId()).isEqualTo("rf-return-r-1");
    assertThat(done.order().statusOf(U0)).isEqualTo(UnitStatus.RETURNED);
    assertThat(done.explanation().ruleIds()).contains("RET-6", "RET-4", "RET-5", "GEN-5");
  }

  @Test
  @DisplayName(
      "RET-5 a missing component listed twice for one unit is bad input, not charged twice")
  void RET_5_a_missing_component_listed_twice_is_bad_input() {
    ReturnUpdate authorised =
        ask(
                DELIVERED,
                1,
                ReturnReason.UNWANTED,
                ItemCondition.MINT_UNUSED,
                Instant.parse("2026-10-31T20:00:00Z"))
            .value();

    var refused =
        InspectionPolicy.receive(
                authorised.returnCase(),
                authorised.order(),
                POLICY,
                List.of(new UnitInspection(U0, InspectedCondition.MINT, List.of("psu", "psu"))),
                null,
                Instant.parse("2026-11-06T10:00:00Z"))
            .refusal();

    assertThat(refused.code().code()).isEqualTo("invalid-request");
    assertThat(refused.field()).isEqualTo("units[].missingComponents");
    assertThat(refused.ruleIds()).containsExactly("RET-5");
  }

  @Test
  @DisplayName("RET-4 a return refund is never below zero")
  void RET_4_a_return_refund_is_never_below_zero() {
    LineSpec cheap =
        new LineSpec(
            "L1",
            "s",
            "phone stand",
            "accessories",
            1,
            500,
            0,
            0,
            List.of(new org.aftersales.policy.order.ComponentSpec("kit", "mounting kit", 900)));
    OrderSpec spec =
        new OrderSpec(
            "o-3",
            "c",
            TestOrders.EUR,
            Instant.parse("2026-08-20T10:00:00Z"),
            LocalDate.parse("2026-08-24"),
            List.of(cheap),
            0,
            100,
            600,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))));
    Order order = delivered(register(spec), "P1", "2026-09-01T10:00:00Z");
    ReturnPolicy.ReturnRefund r =
        ReturnPolicy.refund(order, List.of(U0), Map.of(U0, List.of("kit")));
    assertThat(r.breakdown().total()).isEqualTo(Money.of(0, "EUR"));
    assertThat(r.breakdown().lines())
        .extracting(l -> l.amount().amount())
        .containsExactly(500L, -100L, -900L, 500L);
    assertThat(r.units()).singleElement().satisfies(u -> assertThat(u.amount()).isZero());
  }

  @Test
  @DisplayName("RET-6 a unit not mint on receipt is refused unless an agent overrides")
  void RET_6_a_unit_not_mint_on_receipt_is_refused_unless_an_agent_overrides() {
    ReturnUpdate authorised =
        ask(DELIVERED, 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, DAY_10).value();
    List<UnitInspection> notMint =
        List.of(new UnitInspection(U0, InspectedCondition.NOT_MINT, List.of()));
    ReturnUpdate rejected =
        InspectionPolicy.receive(
                authorised.returnCase(),
                authorised.order(),
                POLICY,
                notMint,
                null,
                DAY_10.plusSeconds(86400))
            .value();
    assertThat(rejected.returnCase().status()).isEqualTo(ReturnStatus.REJECTED);
    assertThat(rejected.refund()).isNull();
    assertThat(rejected.order().refunds()).isEmpty();
    assertThat(rejected.order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(rejected.explanation().ruleIds()).containsExactly("RET-6");

    ReturnUpdate overridden =
        InspectionPolicy.receive(
                authorised.returnCase(),
                authorised.order(),
                POLICY,
                notMint,
                "tiny scratch, goodwill",
                DAY_10.plusSeconds(86400))
            .value();
    assertThat(overridden.returnCase().status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(overridden.refund().amount()).isEqualTo(Money.of(2499, "EUR"));
    assertThat(overridden.returnCase().note()).contains("goodwill");
    assertThat(overridden.explanation().lines().getFirst().text()).contains("goodwill");
  }

  @Test
  @DisplayName("RET-6 inspection must cover each returned unit once and only once per return")
  void RET_6_inspection_must_cover_each_returned_unit_once_and_only_once_per_return() {
    ReturnUpdate authorised =
        ask(DELIVERED, 2, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, DAY_10).value();
    Decision<ReturnUpdate> partial =
        InspectionPolicy.receive(
            authorised.returnCase(),
            authorised.order(),
            POLICY,
            List.of(new UnitInspection(U0, InspectedCondition.MINT, List.of())),
            null,
            DAY_10);
    assertThat(partial.refusal().code()).isEqualTo(RefusalCode.INVALID_REQUEST);
    List<UnitInspection> both =
        InspectionPolicy.assign(
                authorised.returnCase(),
                List.of(
                    new InspectionPolicy.LineInspection("L1", InspectedCondition.MINT, List.of()),
                    new InspectionPolicy.LineInspection(
                        "L1", InspectedCondition.MINT, List.of("psu"))))
            .value();
    ReturnUpdate done =
        InspectionPolicy.receive(
                authorised.returnCase(), authorised.order(), POLICY, both, null, DAY_10)
            .value();
    assertThat(done.refund().amount()).isEqualTo(Money.of(2499 + 2500 - 800, "EUR"));
    Decision<ReturnUpdate> again =
        InspectionPolicy.receive(done.returnCase(), done.order(), POLICY, both, null, DAY_10);
    assertThat(again.refusal().code()).isEqualTo(RefusalCode.ILLEGAL_TRANSITION);
  }

  @Test
  @DisplayName("RET-7 a fault within the doa window goes to a doa claim")
  void RET_7_a_fault_within_the_doa_window_goes_to_a_doa_claim() {
    Decision<ReturnUpdate> d =
        ask(DELIVERED, 1, ReturnReason.NOT_WORKING, ItemCondition.USED, DAY_10);
    assertThat(d.refusal().code().code()).isEqualTo("use-doa-claim");
    assertThat(d.ruleIds()).containsExactly("RET-7", "DOA-1");
  }

  @Test
  @DisplayName("RET-7 a fault after the doa window goes to the category warranty")
  void RET_7_a_fault_after_the_doa_window_goes_to_the_category_warranty() {
    Decision<ReturnUpdate> d =
        ask(
            DELIVERED,
            1,
            ReturnReason.DAMAGED,
            ItemCondition.USED,
            Instant.parse("2026-10-01T10:00:00Z"));
    assertThat(d.refusal().code().code()).isEqualTo("use-warranty");
    assertThat(d.refusal().warrantyEndsOn())
        .isEqualTo(LocalDate.parse("2028-09-01")); // electronics: 24 months
    assertThat(d.refusal().message()).contains("24 month", "2028-09-01", "claim");
    assertThat(d.ruleIds()).containsExactly("RET-7", "WAR-1"); // points at the one door
  }

  @Test
  @DisplayName("RET-8 non returnable categories are refused")
  void RET_8_non_returnable_categories_are_refused() {
    LineSpec software =
        new LineSpec("L1", "s", "photo editor licence", "software", 1, 4900, 0, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o-4",
            "c",
            TestOrders.EUR,
            Instant.parse("2026-08-20T10:00:00Z"),
            LocalDate.parse("2026-08-24"),
            List.of(software),
            0,
            0,
            4900,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))));
    Order order = delivered(register(spec), "P1", "2026-09-01T10:00:00Z");
    Decision<ReturnUpdate> d =
        ask(order, 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, DAY_10);
    assertThat(d.refusal().code().code()).isEqualTo("non-returnable-category");
    assertThat(d.ruleIds()).containsExactly("RET-8");
  }

  @Test
  @DisplayName("RET-9 an authorised return not sent by its send by date expires")
  void RET_9_an_authorised_return_not_sent_by_its_send_by_date_expires() {
    ReturnUpdate authorised =
        ask(DELIVERED, 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, DAY_10).value();
    ReturnCase r = authorised.returnCase(); // send by 2026-09-25
    assertThat(ReturnPolicy.isExpired(r, POLICY, Instant.parse("2026-09-25T21:59:59Z"))).isFalse();
    assertThat(
            ReturnPolicy.expire(
                    r, authorised.order(), POLICY, Instant.parse("2026-09-25T21:59:59Z"))
                .accepted())
        .isFalse();
    Decision<ReturnUpdate> expired =
        ReturnPolicy.expire(r, authorised.order(), POLICY, Instant.parse("2026-09-25T22:00:00Z"));
    assertThat(expired.value().returnCase().status()).isEqualTo(ReturnStatus.EXPIRED);
    assertThat(expired.value().order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(expired.ruleIds()).containsExactly("RET-9");
  }

  @Test
  @DisplayName("RET-9 a return can be withdrawn before it is received only")
  void RET_9_a_return_can_be_withdrawn_before_it_is_received_only() {
    ReturnUpdate authorised =
        ask(DELIVERED, 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, DAY_10).value();
    ReturnUpdate withdrawn =
        ReturnPolicy.withdraw(authorised.returnCase(), authorised.order(), DAY_10).value();
    assertThat(withdrawn.returnCase().status()).isEqualTo(ReturnStatus.WITHDRAWN);
    assertThat(withdrawn.order().statusOf(U0)).isEqualTo(UnitStatus.ACTIVE);
    ReturnUpdate refunded =
        InspectionPolicy.receive(
                authorised.returnCase(),
                authorised.order(),
                POLICY,
                List.of(new UnitInspection(U0, InspectedCondition.MINT, List.of())),
                null,
                DAY_10)
            .value();
    Decision<ReturnUpdate> late =
        ReturnPolicy.withdraw(refunded.returnCase(), refunded.order(), DAY_10);
    assertThat(late.refusal().code().code()).isEqualTo("illegal-transition");
  }

  @Test
  @DisplayName("RET-3 an unannounced return gets no automatic refund")
  void RET_3_an_unannounced_return_gets_no_automatic_refund() {
    assertThat(ReturnPolicy.unannounced().ruleIds()).containsExactly("RET-3");
    assertThat(ReturnPolicy.unannounced().lines().getFirst().text())
        .contains("no automatic refund");
  }

  @Test
  @DisplayName("GEN-7 an order placed under the older policy keeps its 30 day window")
  void GEN_7_an_order_placed_under_the_older_policy_keeps_its_30_day_window() {
    Order old =
        delivered(
            register(
                TestOrders.placedAt(
                    TestOrders.apiExample(),
                    Instant.parse("2026-05-20T10:00:00Z"),
                    LocalDate.parse("2026-05-22"))),
            "P1",
            "2026-06-02T10:00:00Z");
    assertThat(old.policyVersion()).isEqualTo("2025-01");
    var policy = Fixtures.BOOK.byVersion(old.policyVersion()).orElseThrow();
    Instant day31 = Instant.parse("2026-07-03T10:00:00Z");
    assertThat(
            ReturnPolicy.authorize(
                    old,
                    policy,
                    "r-9",
                    List.of(
                        new ReturnLine("L1", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
                    day31)
                .refusal()
                .code())
        .isEqualTo(RefusalCode.RETURN_WINDOW_CLOSED);
    assertThat(
            ReturnPolicy.authorize(
                    old,
                    POLICY,
                    "r-9",
                    List.of(
                        new ReturnLine("L1", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
                    day31)
                .accepted())
        .isTrue();
  }

  @Test
  @DisplayName("GEN-1 RET-4 a JPY return refunds whole yen: paid price minus delivery share")
  void GEN_1_RET_4_jpy_return_in_whole_yen() {
    Order order =
        delivered(
            register(
                TestOrders.placedAt(
                    TestOrders.jpy(),
                    Instant.parse("2026-08-20T01:00:00Z"),
                    LocalDate.parse("2026-08-24"))),
            "P1",
            "2026-09-01T03:00:00Z");
    ReturnUpdate authorised =
        ask(order, 3, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, DAY_10).value();
    // paid 1947 + 1947 + 1946 yen, delivery shares 167 + 167 + 166 yen
    assertThat(authorised.returnCase().refundEstimate().total())
        .isEqualTo(Money.of(5840 - 500, "JPY"));
    ReturnUpdate done =
        InspectionPolicy.receive(
                authorised.returnCase(),
                authorised.order(),
                POLICY,
                authorised.returnCase().units().stream()
                    .map(u -> new UnitInspection(u, InspectedCondition.MINT, List.of()))
                    .toList(),
                null,
                DAY_10)
            .value();
    assertThat(done.refund().amount()).isEqualTo(Money.of(5340, "JPY"));
    assertThat(done.refund().units())
        .extracting(org.aftersales.policy.refund.UnitAmount::amount)
        .containsExactly(1780L, 1780L, 1780L);
  }
}
