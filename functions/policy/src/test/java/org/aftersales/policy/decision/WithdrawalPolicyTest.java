package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.aftersales.policy.decision.Fixtures.delivered;
import static org.aftersales.policy.decision.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.decision.WithdrawalPolicy.Deduction;
import org.aftersales.policy.decision.WithdrawalPolicy.WithdrawalLine;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.law.ConsumerFacts;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.junit.jupiter.api.Test;

class WithdrawalPolicyTest {

  static final ConsumerFacts GERMAN = ConsumerFacts.of(Buyer.CONSUMER, "DE");
  static final String ID = "wd-1";

  /** twoParcels: L1 2 × HDMI in P1 (delivered 10 Nov), L2 1 × cable in P2 (delivered 12 Nov). */
  static Order bothDelivered() {
    Order o = register(TestOrders.twoParcels());
    o = delivered(o, "P1", "2026-11-10T09:00:00Z");
    return delivered(o, "P2", "2026-11-12T15:00:00Z");
  }

  /** The API example: 2 × HDMI, delivery 4.99 (= the cheapest standard delivery), one parcel. */
  static Order example() {
    return delivered(register(TestOrders.apiExample()), "P1", "2026-11-10T09:00:00Z");
  }

  static List<ReturnPolicy.ReturnLine> oneUnwanted(
      org.aftersales.policy.state.ItemCondition condition) {
    return List.of(
        new ReturnPolicy.ReturnLine(
            "L1", 1, org.aftersales.policy.state.ReturnReason.UNWANTED, condition));
  }

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void LAW_1_the_period_runs_from_the_last_parcel_and_ends_with_the_14th_day_in_the_store_zone() {
    WithdrawalPolicy.Period p =
        WithdrawalPolicy.period(bothDelivered(), POLICY, GERMAN).orElseThrow();
    assertThat(p.lastDelivery()).isEqualTo(LocalDate.parse("2026-11-12"));
    assertThat(p.lastDay()).isEqualTo(LocalDate.parse("2026-11-26"));
    // the end of 26 Nov in Berlin (UTC+1) is 23:00 UTC
    assertThat(p.closesAt()).isEqualTo(at("2026-11-26T23:00:00Z"));
    assertThat(p.days().source()).contains("2011/83/EU Art. 9");
  }

  @Test
  void LAW_1_on_the_14th_day_a_withdrawal_is_received_and_on_the_15th_it_is_refused() {
    Order o = bothDelivered();
    Decision<ReturnUpdate> last =
        WithdrawalPolicy.withdraw(o, POLICY, GERMAN, ID, null, at("2026-11-26T22:59:59Z"));
    assertThat(last.accepted()).isTrue();
    assertThat(last.ruleIds()).contains("LAW-1", "LAW-2");

    Decision<ReturnUpdate> after =
        WithdrawalPolicy.withdraw(o, POLICY, GERMAN, ID, null, at("2026-11-26T23:00:00Z"));
    assertThat(after.accepted()).isFalse();
    assertThat(after.refusal().code()).isEqualTo(RefusalCode.WITHDRAWAL_PERIOD_ENDED);
    assertThat(after.refusal().message()).contains("2026-11-12").contains("2026-11-26");
    assertThat(after.ruleIds()).containsExactly("LAW-1");
  }

  @Test
  void LAW_1_a_parcel_delivered_later_extends_the_period_of_units_delivered_earlier() {
    Order onlyFirst = delivered(register(TestOrders.twoParcels()), "P1", "2026-11-01T09:00:00Z");
    // 16 days after P1: the period has not started to run out while P2 is on its way
    Instant late = at("2026-11-17T10:00:00Z");
    WithdrawalPolicy.Period open = WithdrawalPolicy.period(onlyFirst, POLICY, GERMAN).orElseThrow();
    assertThat(open.lastDay()).isNull();
    assertThat(open.isOpenAt(late)).isTrue();
    Decision<List<UnitRef>> units =
        WithdrawalPolicy.select(
            onlyFirst, POLICY, GERMAN, List.of(new WithdrawalLine("L1", 2)), late);
    assertThat(units.value()).containsExactly(new UnitRef("L1", 0), new UnitRef("L1", 1));
    // the cable of P2 is not delivered yet: it can not be withdrawn
    Decision<List<UnitRef>> cable =
        WithdrawalPolicy.select(
            onlyFirst, POLICY, GERMAN, List.of(new WithdrawalLine("L2", 1)), late);
    assertThat(cable.refusal().code()).isEqualTo(RefusalCode.NOT_DELIVERED);

    Order both = delivered(onlyFirst, "P2", "2026-11-16T09:00:00Z");
    assertThat(WithdrawalPolicy.period(both, POLICY, GERMAN).orElseThrow().lastDay())
        .isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(WithdrawalPolicy.select(both, POLICY, GERMAN, null, late).value()).hasSize(3);
  }

  @Test
  void LAW_1_no_reason_and_no_condition_test_units_go_back_through_a_withdrawal_return() {
    Order o = bothDelivered();
    ReturnUpdate u =
        WithdrawalPolicy.withdraw(
                o,
                POLICY,
                GERMAN,
                ID,
                List.of(new WithdrawalLine("L1", 2)),
                at("2026-11-20T10:00:00Z"))
            .value();
    assertThat(u.returnCase().status()).isEqualTo(ReturnStatus.AUTHORIZED);
    assertThat(u.returnCase().units()).containsExactly(new UnitRef("L1", 0), new UnitRef("L1", 1));
    assertThat(u.order().statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.RETURN_OPEN);
    assertThat(u.refund()).isNull();
    assertThat(u.returnCase().instructions()).anyMatch(i -> i.contains("We pay the cost"));
    assertThat(WithdrawalPolicy.isWithdrawal(u.returnCase().returnId())).isTrue();
  }

  @Test
  void LAW_1_an_excluded_category_is_refused_naming_it_and_its_article() {
    LineSpec mug =
        new LineSpec("L1", "KW-MUG", "Mug with your name", "custom-made", 1, 1500, 0, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o-x",
            "c-1",
            TestOrders.EUR,
            TestOrders.PLACED,
            TestOrders.SHIP_BY,
            List.of(mug),
            0,
            0,
            1500,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))));
    Order o = delivered(register(spec), "P1", "2026-11-10T09:00:00Z");
    Decision<List<UnitRef>> d =
        WithdrawalPolicy.select(
            o, POLICY, GERMAN, List.of(new WithdrawalLine("L1", 1)), at("2026-11-11T10:00:00Z"));
    assertThat(d.refusal().code()).isEqualTo(RefusalCode.WITHDRAWAL_EXCLUDED_CATEGORY);
    assertThat(d.refusal().message()).contains("custom-made").contains("Art. 16(c)");
    // withdrawing "everything" leaves nothing: the only unit is excluded
    assertThat(
            WithdrawalPolicy.select(o, POLICY, GERMAN, null, at("2026-11-11T10:00:00Z"))
                .refusal()
                .code())
        .isEqualTo(RefusalCode.NOTHING_TO_WITHDRAW);
  }

  /**
   * L1 2 × boxed software (Art. 16(i) once unsealed) at 20.00, L2 1 × cable at 10.00, delivery 3.00
   * (below the cheapest standard delivery, so refunded in full), one parcel delivered 10 Nov.
   */
  static Order sealedGoods() {
    LineSpec software =
        new LineSpec("L1", "SW-BOX", "Photo editor (boxed)", "software", 2, 2000, 0, 0, List.of());
    LineSpec cable = new LineSpec("L2", "CB-1", "USB cable", "cables", 1, 1000, 0, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o-sealed",
            "c-1",
            TestOrders.EUR,
            TestOrders.PLACED,
            TestOrders.SHIP_BY,
            List.of(software, cable),
            0,
            300,
            5300,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 2), new ParcelLine("L2", 1)))));
    return delivered(register(spec), "P1", "2026-11-10T09:00:00Z");
  }

  static InspectionPolicy.UnitInspection seen(UnitRef unit, Boolean sealed) {
    return new InspectionPolicy.UnitInspection(
        unit, InspectedCondition.MINT, List.of(), null, sealed);
  }

  /** The withdrawal of every unit of {@link #sealedGoods}, received with these seal findings. */
  static ReturnUpdate receivedWith(Boolean first, Boolean second) {
    return receivedWith(
        null,
        List.of(
            seen(new UnitRef("L1", 0), first),
            seen(new UnitRef("L1", 1), second),
            seen(new UnitRef("L2", 0), null)));
  }

  /** The withdrawal of {@code lines} of {@link #sealedGoods}, received with {@code findings}. */
  static ReturnUpdate receivedWith(
      List<WithdrawalLine> lines, List<InspectionPolicy.UnitInspection> findings) {
    ReturnUpdate w =
        WithdrawalPolicy.withdraw(
                sealedGoods(), POLICY, GERMAN, ID, lines, at("2026-11-12T10:00:00Z"))
            .value();
    assertThat(WithdrawalPolicy.sealFindingProblems(w.order(), POLICY, findings)).isEmpty();
    return WithdrawalPolicy.receive(
            w.returnCase(),
            w.order(),
            POLICY,
            Map.of(),
            WithdrawalPolicy.unsealed(w.order(), POLICY, findings),
            at("2026-11-18T10:00:00Z"))
        .value();
  }

  @Test
  void
      LAW_1_a_sealed_category_unit_that_came_back_unsealed_is_not_refunded_and_stays_the_customers() {
    ReturnUpdate r = receivedWith(false, true);
    Order o = sealedGoods();
    UnitRef open = new UnitRef("L1", 0);
    // paid 20.00 + 10.00 for the refunded units, plus their delivery shares only: not the whole
    // 3.00, because the unsealed unit is not withdrawn (Art. 13(1) refunds what the withdrawal
    // covers)
    long expected =
        o.pricing().paidPrice(new UnitRef("L1", 1)).amount()
            + o.pricing().deliveryShare(new UnitRef("L1", 1)).amount()
            + o.pricing().paidPrice(new UnitRef("L2", 0)).amount()
            + o.pricing().deliveryShare(new UnitRef("L2", 0)).amount();
    assertThat(r.refund().amount().amount()).isEqualTo(expected).isLessThan(5300);
    assertThat(r.refund().units()).noneMatch(u -> u.unit().equals(open));
    assertThat(r.order().statusOf(open)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(r.order().heldBy(open)).isEmpty();
    assertThat(r.order().statusOf(new UnitRef("L1", 1))).isEqualTo(UnitStatus.RETURNED);
    assertThat(r.returnCase().status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(r.explanation().lines())
        .anyMatch(
            l ->
                l.ruleId().equals("LAW-1")
                    && l.text().contains("unsealed")
                    && l.text().contains("Art. 16(i)")
                    && l.text().contains("not refunded"));
  }

  @Test
  void LAW_1_sealed_category_units_that_came_back_sealed_are_refunded_in_full() {
    ReturnUpdate r = receivedWith(true, true);
    assertThat(r.refund().amount().amount()).isEqualTo(5300); // all paid, whole delivery
    assertThat(r.order().statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.RETURNED);
    assertThat(r.explanation().lines())
        .anyMatch(l -> l.ruleId().equals("LAW-1") && l.text().contains("came back sealed"));
  }

  @Test
  void LAW_1_when_every_withdrawn_unit_came_back_unsealed_there_is_no_refund() {
    ReturnUpdate r =
        receivedWith(
            List.of(new WithdrawalLine("L1", 2)),
            List.of(seen(new UnitRef("L1", 0), false), seen(new UnitRef("L1", 1), false)));
    assertThat(r.refund()).isNull();
    assertThat(r.returnCase().status()).isEqualTo(ReturnStatus.REJECTED);
    assertThat(r.order().refundedTotal().amount()).isZero();
    assertThat(r.order().statusOf(new UnitRef("L1", 1))).isEqualTo(UnitStatus.ACTIVE);
    assertThat(r.explanation().ruleIds()).containsExactly("LAW-1", "LAW-2");
  }

  @Test
  void LAW_1_the_seal_is_required_for_a_sealed_category_and_refused_for_any_other() {
    Order o = sealedGoods();
    ReturnUpdate w =
        WithdrawalPolicy.withdraw(o, POLICY, GERMAN, ID, null, at("2026-11-12T10:00:00Z")).value();
    Map<String, String> problems =
        WithdrawalPolicy.sealFindingProblems(
            w.order(),
            POLICY,
            List.of(
                seen(new UnitRef("L1", 0), null),
                new InspectionPolicy.UnitInspection(
                    new UnitRef("L1", 1),
                    InspectedCondition.MINT,
                    List.of(),
                    new Deduction(100, "scratched case"),
                    false),
                seen(new UnitRef("L2", 0), true)));
    assertThat(problems.keySet())
        .containsExactly("units[0].sealed", "units[1].deduction", "units[2].sealed");
    assertThat(problems.get("units[0].sealed")).contains("required").contains("Art. 16(i)");
    assertThat(problems.get("units[2].sealed")).contains("cables");
  }

  @Test
  void LAW_1_a_business_buyer_or_a_country_outside_the_EU_has_no_withdrawal() {
    Order o = bothDelivered();
    Instant now = at("2026-11-13T10:00:00Z");
    for (ConsumerFacts facts :
        List.of(
            ConsumerFacts.of(Buyer.BUSINESS, "DE"),
            ConsumerFacts.of(Buyer.CONSUMER, "US"),
            ConsumerFacts.UNKNOWN)) {
      Decision<ReturnUpdate> d = WithdrawalPolicy.withdraw(o, POLICY, facts, ID, null, now);
      assertThat(d.refusal().code()).isEqualTo(RefusalCode.WITHDRAWAL_NOT_APPLICABLE);
      assertThat(WithdrawalPolicy.period(o, POLICY, facts)).isEmpty();
    }
  }

  @Test
  void LAW_1_a_parcel_sent_outside_the_EU_is_not_covered_though_the_order_is() {
    Order o = bothDelivered();
    ConsumerFacts p2InSwitzerland = ConsumerFacts.of(Buyer.CONSUMER, "DE", Map.of("P2", "CH"));
    Instant now = at("2026-11-13T10:00:00Z");
    assertThat(WithdrawalPolicy.select(o, POLICY, p2InSwitzerland, null, now).value())
        .containsExactly(new UnitRef("L1", 0), new UnitRef("L1", 1));
    assertThat(
            WithdrawalPolicy.select(
                    o, POLICY, p2InSwitzerland, List.of(new WithdrawalLine("L2", 1)), now)
                .refusal()
                .code())
        .isEqualTo(RefusalCode.WITHDRAWAL_NOT_APPLICABLE);
  }

  @Test
  void LAW_1_units_already_withdrawn_are_refused_and_bad_lines_name_their_field() {
    Order o = bothDelivered();
    Instant now = at("2026-11-13T10:00:00Z");
    Order after =
        WithdrawalPolicy.withdraw(o, POLICY, GERMAN, ID, List.of(new WithdrawalLine("L2", 1)), now)
            .value()
            .order()
            .take(List.of(new UnitRef("L2", 0)), UnitStatus.RETURN_OPEN, ID)
            .orElseThrow();
    assertThat(
            WithdrawalPolicy.select(
                    after, POLICY, GERMAN, List.of(new WithdrawalLine("L2", 1)), now)
                .refusal()
                .code())
        .isEqualTo(RefusalCode.ALREADY_WITHDRAWN);
    Decision<List<UnitRef>> tooMany =
        WithdrawalPolicy.select(after, POLICY, GERMAN, List.of(new WithdrawalLine("L1", 3)), now);
    assertThat(tooMany.refusal().code()).isEqualTo(RefusalCode.INVALID_REQUEST);
    assertThat(tooMany.refusal().field()).isEqualTo("units[0].quantity");
    assertThat(
            WithdrawalPolicy.select(
                    after, POLICY, GERMAN, List.of(new WithdrawalLine("L9", 1)), now)
                .refusal()
                .field())
        .isEqualTo("units[0].lineId");
    assertThat(
            WithdrawalPolicy.select(
                    after,
                    POLICY,
                    GERMAN,
                    List.of(new WithdrawalLine("L1", 1), new WithdrawalLine("L1", 1)),
                    now)
                .refusal()
                .field())
        .isEqualTo("units[1].lineId");
  }

  @Test
  void LAW_2_some_units_refund_their_paid_price_and_delivery_share() {
    Order o = example();
    UnitRef one = new UnitRef("L1", 0);
    WithdrawalPolicy.WithdrawalRefund r =
        WithdrawalPolicy.refund(o, POLICY, List.of(one), Map.of()).value();
    Money expected = o.pricing().paidPrice(one).plus(o.pricing().deliveryShare(one));
    assertThat(r.breakdown().total()).isEqualTo(expected);
    assertThat(r.breakdown().lines())
        .anyMatch(l -> l.label().startsWith("Delivery charges") && l.amount().isPositive());
  }

  @Test
  void LAW_2_every_unit_withdrawn_refunds_the_whole_delivery_charge_and_all_that_was_paid() {
    Order o = example();
    WithdrawalPolicy.WithdrawalRefund r =
        WithdrawalPolicy.refund(o, POLICY, o.spec().units(), Map.of()).value();
    assertThat(r.breakdown().total().amount()).isEqualTo(5997);
  }

  @Test
  void LAW_2_delivery_above_the_cheapest_standard_delivery_is_not_refunded() {
    Order o = bothDelivered(); // delivery 6.00, cheapest standard 4.99
    WithdrawalPolicy.WithdrawalRefund all =
        WithdrawalPolicy.refund(o, POLICY, o.spec().units(), Map.of()).value();
    assertThat(all.breakdown().total().amount()).isEqualTo(o.spec().paidTotal() - 600 + 499);
    assertThat(all.breakdown().lines())
        .anyMatch(l -> l.label().contains("cheapest standard delivery"));
  }

  @Test
  void LAW_2_a_stated_deduction_is_taken_and_one_above_the_paid_price_is_refused() {
    Order o = example();
    UnitRef one = new UnitRef("L1", 0);
    Money paid = o.pricing().paidPrice(one);
    Decision<WithdrawalPolicy.WithdrawalRefund> ok =
        WithdrawalPolicy.refund(
            o, POLICY, List.of(one), Map.of(one, new Deduction(500, "scratched casing")));
    assertThat(ok.value().breakdown().total())
        .isEqualTo(paid.plus(o.pricing().deliveryShare(one)).minus(500));
    assertThat(ok.value().breakdown().lines())
        .anyMatch(l -> l.label().contains("scratched casing"));

    Decision<WithdrawalPolicy.WithdrawalRefund> whole =
        WithdrawalPolicy.refund(
            o, POLICY, List.of(one), Map.of(one, new Deduction(paid.amount(), "broken")));
    assertThat(whole.accepted()).isTrue();
    Decision<WithdrawalPolicy.WithdrawalRefund> above =
        WithdrawalPolicy.refund(
            o, POLICY, List.of(one), Map.of(one, new Deduction(paid.amount() + 1, "broken")));
    assertThat(above.refusal().code()).isEqualTo(RefusalCode.DEDUCTION_ABOVE_PAID_PRICE);
    assertThat(
            WithdrawalPolicy.refund(o, POLICY, List.of(one), Map.of(one, new Deduction(100, " ")))
                .refusal()
                .code())
        .isEqualTo(RefusalCode.INVALID_REQUEST);
  }

  @Test
  void LAW_2_receipt_deductions_name_the_reported_unit_above_its_paid_price() {
    Order o = example();
    UnitRef one = new UnitRef("L1", 0);
    Money paid = o.pricing().paidPrice(one);
    InspectionPolicy.UnitInspection plain =
        new InspectionPolicy.UnitInspection(one, InspectedCondition.MINT, List.of());
    InspectionPolicy.UnitInspection stated =
        new InspectionPolicy.UnitInspection(
            one, InspectedCondition.NOT_MINT, List.of(), new Deduction(300, "dented"));
    assertThat(WithdrawalPolicy.deductions(o, List.of(plain, stated)).value())
        .containsExactly(Map.entry(one, new Deduction(300, "dented")));
    assertThat(WithdrawalPolicy.deductions(o, List.of(plain)).value()).isEmpty();

    Decision<Map<UnitRef, Deduction>> above =
        WithdrawalPolicy.deductions(
            o,
            List.of(
                plain,
                new InspectionPolicy.UnitInspection(
                    one,
                    InspectedCondition.NOT_MINT,
                    List.of(),
                    new Deduction(paid.amount() + 1, "broken"))));
    assertThat(above.refusal().code()).isEqualTo(RefusalCode.DEDUCTION_ABOVE_PAID_PRICE);
    assertThat(above.refusal().field()).isEqualTo("units[1].deduction.amount");
    assertThat(above.refusal().ruleIds()).containsExactly("LAW-2");
    assertThat(above.refusal().message()).contains("Art. 14(2)");

    Decision<Map<UnitRef, Deduction>> blank =
        WithdrawalPolicy.deductions(
            o,
            List.of(
                new InspectionPolicy.UnitInspection(
                    one, InspectedCondition.MINT, List.of(), new Deduction(100, " "))));
    assertThat(blank.refusal().code())
        .as("what refund() would refuse later is refused before the receipt is stored")
        .isEqualTo(RefusalCode.INVALID_REQUEST);
    assertThat(blank.refusal().field()).isEqualTo("units[0].deduction");
  }

  @Test
  void LAW_2_without_waiting_the_refund_is_due_14_days_after_the_withdrawal() {
    assertThat(
            WithdrawalPolicy.dueBy(
                POLICY, at("2026-11-20T10:00:00Z"), at("2026-11-20T10:00:00Z"), false))
        .isEqualTo(LocalDate.parse("2026-12-04"));
  }

  @Test
  void LAW_2_after_waiting_it_is_due_by_the_later_of_14_days_and_GEN_5_from_the_grant() {
    Instant withdrawn = at("2026-11-20T10:00:00Z");
    // received 2 days later: 5 business days from Tue 24 Nov is 1 Dec, before 4 Dec
    assertThat(WithdrawalPolicy.dueBy(POLICY, withdrawn, at("2026-11-24T10:00:00Z"), true))
        .isEqualTo(LocalDate.parse("2026-12-04"));
    // received on 3 Dec: GEN-5 gives 10 Dec, later than 4 Dec
    assertThat(WithdrawalPolicy.dueBy(POLICY, withdrawn, at("2026-12-03T10:00:00Z"), true))
        .isEqualTo(LocalDate.parse("2026-12-10"));
  }

  @Test
  void LAW_2_receipt_grants_the_refund_with_no_condition_test_and_marks_the_units_returned() {
    Order o = example();
    Instant withdrawnAt = at("2026-11-12T10:00:00Z");
    ReturnUpdate w = WithdrawalPolicy.withdraw(o, POLICY, GERMAN, ID, null, withdrawnAt).value();
    ReturnUpdate r =
        WithdrawalPolicy.receive(
                w.returnCase(), w.order(), POLICY, Map.of(), at("2026-11-18T10:00:00Z"))
            .value();
    assertThat(r.returnCase().status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(r.refund().source()).isEqualTo(RefundSource.WITHDRAWAL);
    assertThat(r.refund().amount().amount()).isEqualTo(5997);
    assertThat(r.refund().dueBy()).isEqualTo(LocalDate.parse("2026-11-26"));
    assertThat(r.order().statusOf(new UnitRef("L1", 1))).isEqualTo(UnitStatus.RETURNED);
    assertThat(r.returnCase().refundId()).isEqualTo(r.refund().refundId());
  }

  @Test
  void LAW_2_proof_of_sending_grants_the_waiting_refund_once_and_receipt_adds_none() {
    Order o = example();
    ReturnUpdate w =
        WithdrawalPolicy.withdraw(o, POLICY, GERMAN, ID, null, at("2026-11-12T10:00:00Z")).value();
    ReturnUpdate proof =
        WithdrawalPolicy.proofOfSending(
                w.returnCase(), w.order(), POLICY, "DHL", "JJD01", at("2026-11-13T10:00:00Z"))
            .value();
    assertThat(proof.refund().amount().amount()).isEqualTo(5997);
    assertThat(proof.returnCase().status()).isEqualTo(ReturnStatus.AUTHORIZED);
    assertThat(proof.returnCase().refundId()).isEqualTo(proof.refund().refundId());
    ReturnUpdate again =
        WithdrawalPolicy.proofOfSending(
                proof.returnCase(),
                proof.order(),
                POLICY,
                "DHL",
                "JJD01",
                at("2026-11-14T10:00:00Z"))
            .value();
    assertThat(again.refund()).isNull();
    ReturnUpdate received =
        WithdrawalPolicy.receive(
                proof.returnCase(), proof.order(), POLICY, Map.of(), at("2026-11-16T10:00:00Z"))
            .value();
    assertThat(received.refund()).isNull();
    assertThat(received.order().refundedTotal().amount()).isEqualTo(5997);
    assertThat(received.returnCase().status()).isEqualTo(ReturnStatus.REFUNDED);
  }

  @Test
  void LAW_4_inside_the_period_a_return_request_is_a_withdrawal_when_that_refunds_more() {
    Order o = example();
    Instant now = at("2026-11-15T10:00:00Z");
    List<ReturnPolicy.ReturnLine> opened =
        oneUnwanted(org.aftersales.policy.state.ItemCondition.OPENED);
    // RET-1 refuses an opened item; the withdrawal takes it back
    ReturnUpdate u =
        WithdrawalPolicy.returnOrWithdrawal(o, POLICY, GERMAN, "r-1", opened, now).value();
    assertThat(u.returnCase().returnId()).isEqualTo("wd-r-1");
    assertThat(u.explanation().ruleIds()).contains("LAW-1", "LAW-4");
    assertThat(u.explanation().lines().getLast().text())
        .contains("Judged as a withdrawal")
        .contains("would be refused");

    List<ReturnPolicy.ReturnLine> mint =
        oneUnwanted(org.aftersales.policy.state.ItemCondition.MINT_UNUSED);
    ReturnUpdate m =
        WithdrawalPolicy.returnOrWithdrawal(o, POLICY, GERMAN, "r-2", mint, now).value();
    assertThat(m.returnCase().returnId()).isEqualTo("wd-r-2");
    assertThat(m.explanation().lines().getLast().text()).contains("RET-4 keeps the delivery");
  }

  @Test
  void LAW_4_outside_the_law_or_after_the_period_the_store_return_decides_alone() {
    Order o = example();
    List<ReturnPolicy.ReturnLine> mint =
        oneUnwanted(org.aftersales.policy.state.ItemCondition.MINT_UNUSED);
    ReturnUpdate us =
        WithdrawalPolicy.returnOrWithdrawal(
                o,
                POLICY,
                ConsumerFacts.of(Buyer.CONSUMER, "US"),
                "r-1",
                mint,
                at("2026-11-15T10:00:00Z"))
            .value();
    assertThat(us.returnCase().returnId()).isEqualTo("r-1");
    assertThat(us.explanation().ruleIds()).doesNotContain("LAW-4");
    ReturnUpdate late =
        WithdrawalPolicy.returnOrWithdrawal(
                o, POLICY, GERMAN, "r-1", mint, at("2026-12-01T10:00:00Z"))
            .value();
    assertThat(late.returnCase().returnId()).isEqualTo("r-1");
  }

  /** The API example registered with a buyer and a delivery country. */
  static Order registeredIn(Buyer buyer, String country) {
    OrderSpec e = TestOrders.apiExample();
    OrderSpec spec =
        new OrderSpec(
            e.orderId(),
            e.customerId(),
            e.currency(),
            e.placedAt(),
            e.expectedShipBy(),
            e.lines(),
            e.orderDiscount(),
            e.deliveryCharge(),
            e.paidTotal(),
            e.parcels(),
            null,
            buyer,
            country);
    return delivered(register(spec), "P1", "2026-11-10T09:00:00Z");
  }

  @Test
  void LAW_1_the_order_registered_buyer_and_country_decide_and_the_quote_runs_the_withdrawal() {
    Instant now = at("2026-11-12T10:00:00Z");
    RefundQuotes.WithdrawalQuote everything = new RefundQuotes.WithdrawalQuote(null);
    Decision<RefundQuotes.Quote> german =
        RefundQuotes.quote(registeredIn(Buyer.CONSUMER, "DE"), POLICY, everything, now);
    assertThat(german.value().refund().amount().amount()).isEqualTo(5997);
    assertThat(german.value().refund().source()).isEqualTo(RefundSource.WITHDRAWAL);
    assertThat(german.ruleIds()).contains("LAW-1", "LAW-2");

    assertThat(
            RefundQuotes.quote(registeredIn(Buyer.CONSUMER, "US"), POLICY, everything, now)
                .refusal()
                .code())
        .isEqualTo(RefusalCode.WITHDRAWAL_NOT_APPLICABLE);
    assertThat(
            RefundQuotes.quote(registeredIn(Buyer.BUSINESS, "DE"), POLICY, everything, now)
                .refusal()
                .code())
        .isEqualTo(RefusalCode.WITHDRAWAL_NOT_APPLICABLE);
  }
}
