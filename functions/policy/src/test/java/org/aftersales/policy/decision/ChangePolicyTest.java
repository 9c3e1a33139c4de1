package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.aftersales.policy.decision.Fixtures.event;
import static org.aftersales.policy.decision.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.decision.ChangePolicy.AddressRequest;
import org.aftersales.policy.decision.ChangePolicy.ChangeOutcome;
import org.aftersales.policy.decision.ChangePolicy.ChangeRequest;
import org.aftersales.policy.decision.ChangePolicy.UnitRequest;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.FieldError;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.UnitStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Changes before processing. The API example: 2 × HDMI switch 29.99 (own price 2999 each), order
 * discount 5.00, delivery 4.99: each unit paid 27.49, delivery shares 2.50 and 2.49.
 */
class ChangePolicyTest {
  static final Instant TUESDAY = Instant.parse("2026-11-03T09:00:00Z");
  static final UnitRef U0 = new UnitRef("L1", 0);
  static final UnitRef U1 = new UnitRef("L1", 1);

  static LineSpec item(String name, long price, ComponentSpec... components) {
    return new LineSpec(
        null,
        "KW-" + name.toUpperCase().replace(' ', '-'),
        name,
        "electronics",
        1,
        price,
        0,
        0,
        List.of(components));
  }

  static final LineSpec MINI = item("HDMI mini", 2499, new ComponentSpec("remote", "remote", 300));
  static final LineSpec PRO = item("HDMI pro", 3499);

  static ChangeRequest replace(UnitRef unit, LineSpec with) {
    return new ChangeRequest(
        List.of(new UnitRequest(unit.lineId(), unit.index(), with)), List.of(), null);
  }

  static Decision<ChangeOutcome> change(
      Order order, String id, ChangeRequest request, Instant now) {
    return ChangePolicy.request(order, POLICY, id, "customer c-1", request, now);
  }

  static Order example() {
    return register(TestOrders.apiExample());
  }

  @Test
  @DisplayName("CHG-1 an unprocessed unit is changed to another item; the history keeps from → to")
  void CHG_1_an_unprocessed_unit_is_changed_to_another_item() {
    ChangeOutcome c = change(example(), "ch-1", replace(U0, MINI), TUESDAY).value();
    assertThat(c.change().status()).isEqualTo(ChangeStatus.APPLIED);
    assertThat(c.order().itemOf(U0).name()).isEqualTo("HDMI mini");
    assertThat(c.order().itemOf(U1).name()).isEqualTo("HDMI switch");
    assertThat(c.order().changes()).hasSize(1);
    assertThat(c.change().units().get(0).from().name()).isEqualTo("HDMI switch");
    assertThat(c.change().requestedBy()).isEqualTo("customer c-1");
    assertThat(c.explanation().ruleIds()).contains("CHG-1", "CHG-2", "CHG-3", "GEN-5");
  }

  @Test
  @DisplayName("CHG-1 a parcel's delivery address is changed while it is not processed")
  void CHG_1_a_parcels_delivery_address_is_changed_while_not_processed() {
    Map<String, String> address = Map.of("street", "Hauptstr. 1", "city", "Berlin");
    ChangeOutcome c =
        change(
                example(),
                "ch-1",
                new ChangeRequest(List.of(), List.of(new AddressRequest("P1", address)), null),
                TUESDAY)
            .value();
    assertThat(c.order().deliveryAddress("P1")).isEqualTo(address);
    assertThat(c.change().difference().isZero()).isTrue();
    assertThat(c.refund()).isNull();
  }

  @Test
  @DisplayName("CHG-1 a processed parcel refuses a change, naming the rule and what is possible")
  void CHG_1_a_processed_parcel_refuses_naming_what_is_still_possible() {
    Order processed = event(example(), "P1", FulfilmentType.PROCESSED, "2026-11-03T08:00:00Z");
    Decision<ChangeOutcome> d = change(processed, "ch-1", replace(U0, MINI), TUESDAY);
    assertThat(d.accepted()).isFalse();
    assertThat(d.refusal().code().code()).isEqualTo("order-already-processed");
    assertThat(d.refusal().code().httpStatus()).isEqualTo(409);
    assertThat(d.ruleIds()).contains("CHG-1", "CAN-3", "RET-1");
    assertThat(d.refusal().message()).contains("2026-11-05").contains("return");
    assertThat(ChangePolicy.check(processed, U0).accepted()).isFalse();
    assertThat(ChangePolicy.check(example(), U0).explanation().lines().get(0).text())
        .contains("until parcel P1 is processed");
  }

  @Test
  @DisplayName("CHG-1 bad input names every offending field")
  void CHG_1_bad_input_names_every_offending_field() {
    LineSpec bad =
        new LineSpec(null, "", "x", "c", 1, -5, 0, 0, List.of(new ComponentSpec("a", "a", -1)));
    ChangeRequest request =
        new ChangeRequest(
            List.of(new UnitRequest("L9", 0, PRO), new UnitRequest("L1", 7, bad)),
            List.of(new AddressRequest("P9", Map.of())),
            "USD");
    List<FieldError> errors = ChangeValidation.validate(example(), request);
    assertThat(errors)
        .extracting(FieldError::field)
        .contains(
            "currency",
            "units[0].lineId",
            "units[1].unitIndex",
            "units[1].replaceWith.sku",
            "units[1].replaceWith.unitPrice",
            "units[1].replaceWith.components[0].price",
            "parcels[0].parcelId",
            "parcels[0].deliveryAddress");
    assertThat(change(example(), "ch-1", request, TUESDAY).refusal().code())
        .isEqualTo(RefusalCode.INVALID_REQUEST);
  }

  @Test
  @DisplayName("CHG-2 the changed unit keeps its order-discount and delivery shares")
  void CHG_2_the_changed_unit_keeps_its_order_discount_and_delivery_shares() {
    Order before = example();
    ChangeOutcome c = change(before, "ch-1", replace(U0, MINI), TUESDAY).value();
    assertThat(before.pricing().paidPrice(U0)).isEqualTo(Money.of(2749, "EUR"));
    assertThat(c.change().difference()).isEqualTo(Money.of(-500, "EUR"));
    assertThat(c.order().pricing().paidPrice(U0)).isEqualTo(Money.of(2249, "EUR"));
    assertThat(c.order().pricing().deliveryShare(U0)).isEqualTo(before.pricing().deliveryShare(U0));
    assertThat(c.order().pricing().paidPrice(U1)).isEqualTo(before.pricing().paidPrice(U1));
  }

  @Test
  @DisplayName("CHG-2 a change below the kept order-discount share is refused")
  void CHG_2_an_item_cheaper_than_the_kept_discount_share_is_refused() {
    Decision<ChangeOutcome> d =
        change(example(), "ch-1", replace(U0, item("sticker", 100)), TUESDAY);
    assertThat(d.refusal().code().code()).isEqualTo("change-below-order-discount");
    assertThat(d.ruleIds()).containsExactly("CHG-2");
  }

  @Test
  @DisplayName("CHG-3 a cheaper item: the difference is refunded on the ledger with its dueBy")
  void CHG_3_a_cheaper_item_refunds_the_difference() {
    ChangeOutcome c = change(example(), "ch-1", replace(U0, MINI), TUESDAY).value();
    assertThat(c.refund().amount()).isEqualTo(Money.of(500, "EUR"));
    assertThat(c.refund().source()).isEqualTo(RefundSource.CHANGE);
    assertThat(c.refund().refundId()).isEqualTo("rf-change-ch-1");
    assertThat(c.refund().dueBy()).isEqualTo(LocalDate.parse("2026-11-10"));
    assertThat(c.refund().breakdown().lines())
        .extracting(BreakdownLine::label, l -> l.amount().amount())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Price of 1 × HDMI mini (new item)", -2499L),
            org.assertj.core.groups.Tuple.tuple("Price of 1 × HDMI switch (replaced item)", 2999L));
    assertThat(c.change().refundId()).isEqualTo(c.refund().refundId());
    assertThat(c.order().refunds()).containsExactly(c.refund());
    assertThat(c.order().paidTotal()).isEqualTo(Money.of(5997, "EUR"));
  }

  @Test
  @DisplayName("CHG-3 a dearer item waits for payment and is applied when it is paid")
  void CHG_3_a_dearer_item_waits_for_payment_then_applies() {
    ChangeOutcome waiting = change(example(), "ch-1", replace(U0, PRO), TUESDAY).value();
    assertThat(waiting.change().status()).isEqualTo(ChangeStatus.AWAITING_PAYMENT);
    assertThat(waiting.change().amountDue()).isEqualTo(Money.of(500, "EUR"));
    assertThat(waiting.change().payBy()).isEqualTo(TUESDAY.plusSeconds(24 * 3600));
    assertThat(waiting.order().itemOf(U0).name()).isEqualTo("HDMI switch");
    assertThat(waiting.order().pricing().paidPrice(U0)).isEqualTo(Money.of(2749, "EUR"));

    Decision<ChangeOutcome> wrong =
        ChangePolicy.pay(waiting.order(), waiting.change(), "pay-1", Money.of(499, "EUR"), TUESDAY);
    assertThat(wrong.refusal().field()).isEqualTo("amount");

    ChangeOutcome paid =
        ChangePolicy.pay(
                waiting.order(),
                waiting.change(),
                "pay-1",
                Money.of(500, "EUR"),
                TUESDAY.plusSeconds(60))
            .value();
    assertThat(paid.change().status()).isEqualTo(ChangeStatus.APPLIED);
    assertThat(paid.change().paymentReference()).isEqualTo("pay-1");
    assertThat(paid.order().itemOf(U0).name()).isEqualTo("HDMI pro");
    assertThat(paid.order().pricing().paidPrice(U0)).isEqualTo(Money.of(3249, "EUR"));
    assertThat(paid.order().paidTotal()).isEqualTo(Money.of(6497, "EUR"));
    // CHG-4: the same confirmation again changes nothing
    ChangeOutcome again =
        ChangePolicy.pay(paid.order(), paid.change(), "pay-1", Money.of(500, "EUR"), TUESDAY)
            .value();
    assertThat(again.changed()).isFalse();
  }

  @Test
  @DisplayName("CHG-3 a dearer change lapses, changing nothing, after payBy or once processed")
  void CHG_3_a_dearer_change_lapses_after_pay_by_or_once_processed() {
    ChangeOutcome waiting = change(example(), "ch-1", replace(U0, PRO), TUESDAY).value();
    Instant late = TUESDAY.plusSeconds(24 * 3600 + 1);
    ChangeOutcome tooLate =
        ChangePolicy.pay(waiting.order(), waiting.change(), "pay-1", Money.of(500, "EUR"), late)
            .value();
    assertThat(tooLate.change().status()).isEqualTo(ChangeStatus.LAPSED);
    assertThat(tooLate.changed()).isTrue();
    assertThat(tooLate.order().itemOf(U0).name()).isEqualTo("HDMI switch");
    assertThat(tooLate.order().paidTotal()).isEqualTo(Money.of(5997, "EUR"));

    Order processed =
        event(waiting.order(), "P1", FulfilmentType.PROCESSED, "2026-11-03T10:00:00Z");
    Order lapsed = ChangePolicy.lapseDue(processed, TUESDAY.plusSeconds(3600));
    assertThat(lapsed.change("ch-1").orElseThrow().status()).isEqualTo(ChangeStatus.LAPSED);
    assertThat(lapsed.change("ch-1").orElseThrow().lapseReason()).contains("processed first");
    assertThat(ChangePolicy.lapseDue(lapsed, TUESDAY.plusSeconds(7200))).isEqualTo(lapsed);
  }

  @Test
  @DisplayName(
      "CHG-4 the same change repeated changes nothing; a second change applies to what it is now")
  void CHG_4_the_same_change_repeated_changes_nothing() {
    ChangeOutcome first = change(example(), "ch-1", replace(U0, MINI), TUESDAY).value();
    ChangeOutcome again = change(first.order(), "ch-2", replace(U0, MINI), TUESDAY).value();
    assertThat(again.changed()).isFalse();
    assertThat(again.change()).isNull();
    assertThat(again.order()).isEqualTo(first.order());

    ChangeOutcome back =
        change(first.order(), "ch-3", replace(U0, TestOrders.hdmiLine(1)), TUESDAY).value();
    assertThat(back.change().units().get(0).from().name()).isEqualTo("HDMI mini");
    assertThat(back.change().difference()).isEqualTo(Money.of(500, "EUR"));
    assertThat(back.change().status()).isEqualTo(ChangeStatus.AWAITING_PAYMENT);

    ChangeOutcome pendingAgain =
        change(back.order(), "ch-4", replace(U0, TestOrders.hdmiLine(1)), TUESDAY).value();
    assertThat(pendingAgain.changed()).isFalse();
    assertThat(pendingAgain.change().changeId()).isEqualTo("ch-3");
  }

  @Test
  @DisplayName("CHG-4 a cancellation wins over a change awaiting payment: the change lapses")
  void CHG_4_a_cancellation_of_the_unit_lapses_the_waiting_change() {
    ChangeOutcome waiting = change(example(), "ch-1", replace(U0, PRO), TUESDAY).value();
    Order cancelled =
        CancellationPolicy.cancel(
                waiting.order(),
                POLICY,
                "cn-1",
                List.of(new CancellationPolicy.LineRequest("L1", 1)),
                TUESDAY)
            .value()
            .order();
    ChangeOutcome paid =
        ChangePolicy.pay(cancelled, waiting.change(), "pay-1", Money.of(500, "EUR"), TUESDAY)
            .value();
    assertThat(paid.change().status()).isEqualTo(ChangeStatus.LAPSED);
    assertThat(paid.order().statusOf(U0)).isEqualTo(UnitStatus.CANCELLED);
  }

  @Test
  @DisplayName("CHG-5 cancelling a changed unit refunds its new paid price and its delivery share")
  void CHG_5_cancelling_a_changed_unit_refunds_the_new_paid_price() {
    ChangeOutcome c = change(example(), "ch-1", replace(U0, MINI), TUESDAY).value();
    CancellationPolicy.Cancellation all =
        CancellationPolicy.cancel(c.order(), POLICY, "cn-1", null, TUESDAY).value();
    assertThat(all.refund().amount()).isEqualTo(Money.of(5997 - 500, "EUR"));
    assertThat(all.refund().breakdown().lines())
        .extracting(BreakdownLine::label)
        .contains("Paid price of 1 × HDMI mini", "Paid price of 1 × HDMI switch");
    assertThat(all.order().refundedTotal()).isEqualTo(all.order().paidTotal());
  }

  @Test
  @DisplayName("CHG-5 a return prices the unit as changed and charges its new components (RET-5)")
  void CHG_5_a_return_uses_the_new_paid_price_and_components() {
    ChangeOutcome c = change(example(), "ch-1", replace(U0, MINI), TUESDAY).value();
    ReturnPolicy.ReturnRefund refund =
        ReturnPolicy.refund(c.order(), List.of(U0), Map.of(U0, List.of("remote")));
    assertThat(refund.breakdown().total()).isEqualTo(Money.of(2249 - 250 - 300, "EUR"));
    assertThatThrownBy(
            () -> ReturnPolicy.refund(c.order(), List.of(U0), Map.of(U0, List.of("psu"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(c.order().itemOf(U0).component("remote")).isPresent();
  }

  @Test
  @DisplayName("CHG-5 a DOA claim is about the new item: its components are the new ones")
  void CHG_5_a_doa_claim_is_about_the_new_item() {
    Order changed = change(example(), "ch-1", replace(U0, MINI), TUESDAY).value().order();
    Order delivered = Fixtures.delivered(changed, "P1", "2026-11-04T10:00:00Z");
    Instant now = Instant.parse("2026-11-06T10:00:00Z");
    ClaimUpdate opened =
        DoaPolicy.open(delivered, POLICY, "cl-1", "L1", ProblemType.NOT_WORKING, null, now).value();
    assertThat(opened.claim().unit()).isEqualTo(U0);
    ClaimCase claim = opened.claim();
    for (EvidenceKind kind : EvidenceKind.values()) {
      claim = DoaPolicy.evidenceAccepted(claim, kind, now).value();
    }
    ClaimUpdate decided =
        ClaimOutcomePolicy.decide(
                claim,
                opened.order(),
                POLICY,
                ClaimOutcome.PARTIAL_REFUND,
                "remote",
                null,
                "m",
                now)
            .value();
    assertThat(decided.refund().amount()).isEqualTo(Money.of(300, "EUR"));
    assertThat(
            ClaimOutcomePolicy.decide(
                    claim,
                    opened.order(),
                    POLICY,
                    ClaimOutcome.PARTIAL_REFUND,
                    "psu",
                    null,
                    "m",
                    now)
                .accepted())
        .as("the replaced item's power adapter is not part of the new item")
        .isFalse();
  }

  @Test
  @DisplayName("CHG-5 the GEN-4 ceiling counts paid differences and change refunds")
  void CHG_5_the_ceiling_counts_paid_differences() {
    ChangeOutcome waiting = change(example(), "ch-1", replace(U0, PRO), TUESDAY).value();
    Order paid =
        ChangePolicy.pay(waiting.order(), waiting.change(), "p", Money.of(500, "EUR"), TUESDAY)
            .value()
            .order();
    Order cheaper = change(paid, "ch-2", replace(U1, MINI), TUESDAY).value().order();
    CancellationPolicy.Cancellation all =
        CancellationPolicy.cancel(cheaper, POLICY, "cn-1", null, TUESDAY).value();
    assertThat(all.order().paidTotal()).isEqualTo(Money.of(6497, "EUR"));
    assertThat(all.order().refundedTotal()).isEqualTo(all.order().paidTotal());
    assertThat(all.order().ledger().remaining().isZero()).isTrue();
  }

  @Test
  @DisplayName("CHG-6 a billing address change is answered with the rule and where to change it")
  void CHG_6_billing_address_is_not_held() {
    Refusal r = ChangePolicy.billingAddress(POLICY);
    assertThat(r.code().code()).isEqualTo("billing-address-not-held");
    assertThat(r.code().httpStatus()).isEqualTo(422);
    assertThat(r.ruleIds()).containsExactly("CHG-6");
    assertThat(r.message()).contains(POLICY.changeTerms().billingAddressUrl());
  }

  @Test
  @DisplayName("CHG-1 order actions say whether each unit can be changed and until when")
  void CHG_1_order_actions_say_whether_a_unit_can_be_changed() {
    Order changed = change(example(), "ch-1", replace(U0, MINI), TUESDAY).value().order();
    List<OrderActions.UnitGroupActions> groups = OrderActions.of(changed, POLICY, TUESDAY);
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).change().allowed()).isTrue();
    assertThat(groups.get(0).change().message()).contains("until parcel P1 is processed");
  }
}
