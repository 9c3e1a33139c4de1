package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.aftersales.policy.decision.Fixtures.event;
import static org.aftersales.policy.decision.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.decision.CancellationPolicy.CancelledGroup;
import org.aftersales.policy.decision.CancellationPolicy.LineRequest;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.RefundStatus;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.UnitState;
import org.aftersales.policy.state.UnitStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CancellationPolicyTest {
  // expected ship date of the test orders: Thu 2026-11-05 (store zone Europe/Berlin)
  static final Instant TUESDAY = Instant.parse("2026-11-03T09:00:00Z");

  @Test
  @DisplayName("CAN-1 CAN-5 an unprocessed order is cancelled and refunded in full")
  void CAN_1_CAN_5_an_unprocessed_order_is_cancelled_and_refunded_in_full() {
    Order order = register(TestOrders.apiExample());
    Decision<CancellationPolicy.Cancellation> d =
        CancellationPolicy.cancel(order, POLICY, "cn-1", null, TUESDAY);
    CancellationPolicy.Cancellation c = d.value();
    assertThat(c.cancelled()).containsExactly(new CancelledGroup("L1", 2, "P1"));
    assertThat(c.refund().amount()).isEqualTo(Money.of(5997, "EUR"));
    assertThat(c.refund().refundId()).isEqualTo("rf-cancellation-cn-1");
    assertThat(c.refund().source()).isEqualTo(RefundSource.CANCELLATION);
    assertThat(c.refund().status()).isEqualTo(RefundStatus.PENDING);
    assertThat(c.refund().dueBy())
        .isEqualTo(LocalDate.parse("2026-11-10")); // GEN-5: Tue + 5 business days
    assertThat(c.refund().breakdown().lines())
        .extracting(BreakdownLine::label, l -> l.amount().amount())
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("Paid price of 2 × HDMI switch", 5498L),
            org.assertj.core.groups.Tuple.tuple("Delivery charge share for 2 × HDMI switch", 499L));
    assertThat(c.order().parcel("P1").status()).isEqualTo(ParcelStatus.CANCELLED);
    assertThat(c.order().units().values())
        .extracting(UnitState::status)
        .containsOnly(UnitStatus.CANCELLED);
    assertThat(c.order().refundedTotal()).isEqualTo(c.order().paidTotal());
    assertThat(d.ruleIds()).contains("CAN-1", "CAN-5", "GEN-5");
    assertThat(c.order().hasUnshippedParcels()).isFalse();
  }

  @Test
  @DisplayName("CAN-2 a processed parcel can not be cancelled")
  void CAN_2_a_processed_parcel_can_not_be_cancelled() {
    Order order =
        event(
            register(TestOrders.apiExample()),
            "P1",
            FulfilmentType.PROCESSED,
            "2026-11-03T08:00:00Z");
    Decision<CancellationPolicy.Cancellation> d =
        CancellationPolicy.cancel(order, POLICY, "cn-1", null, TUESDAY);
    assertThat(d.accepted()).isFalse();
    assertThat(d.refusal().code().code()).isEqualTo("order-already-processed");
    assertThat(d.refusal().code().httpStatus()).isEqualTo(409);
    assertThat(d.ruleIds()).contains("CAN-2", "CAN-4");
    assertThat(d.refusal().message()).contains("2026-11-05");
  }

  @Test
  @DisplayName("CAN-3 overdue unshipped processed parcel can be cancelled")
  void CAN_3_overdue_unshipped_processed_parcel_can_be_cancelled() {
    Order order =
        event(
            register(TestOrders.apiExample()),
            "P1",
            FulfilmentType.PROCESSED,
            "2026-11-03T08:00:00Z");
    // last minute of the expected ship date in Berlin: not passed yet
    assertThat(
            CancellationPolicy.cancel(
                    order, POLICY, "cn-1", null, Instant.parse("2026-11-05T22:59:59Z"))
                .accepted())
        .isFalse();
    Decision<CancellationPolicy.Cancellation> d =
        CancellationPolicy.cancel(
            order, POLICY, "cn-1", null, Instant.parse("2026-11-05T23:00:00Z"));
    assertThat(d.value().refund().amount()).isEqualTo(Money.of(5997, "EUR"));
    assertThat(d.ruleIds()).contains("CAN-3", "CAN-5");
  }

  @Test
  @DisplayName("CAN-4 nothing cancellable is refused with the alternative")
  void CAN_4_nothing_cancellable_is_refused_with_the_alternative() {
    Order order =
        event(
            register(TestOrders.apiExample()),
            "P1",
            FulfilmentType.SHIPPED,
            "2026-11-04T08:00:00Z");
    Decision<CancellationPolicy.Cancellation> d =
        CancellationPolicy.cancel(
            order, POLICY, "cn-1", null, Instant.parse("2026-11-10T09:00:00Z"));
    assertThat(d.refusal().code()).isEqualTo(RefusalCode.NOTHING_TO_CANCEL);
    assertThat(d.ruleIds()).containsExactly("CAN-4", "RET-1");
    assertThat(d.refusal().message()).contains("return");
  }

  @Test
  @DisplayName(
      "CAN-5 partial cancellations refund paid price plus delivery share and add up to the paid total")
  void
      CAN_5_partial_cancellations_refund_paid_price_plus_delivery_share_and_add_up_to_the_paid_total() {
    Order order = register(TestOrders.apiExample());
    CancellationPolicy.Cancellation first =
        CancellationPolicy.cancel(order, POLICY, "cn-1", List.of(new LineRequest("L1", 1)), TUESDAY)
            .value();
    assertThat(first.units()).containsExactly(new UnitRef("L1", 0));
    assertThat(first.refund().amount()).isEqualTo(Money.of(2749 + 250, "EUR"));
    assertThat(first.order().parcel("P1").status()).isEqualTo(ParcelStatus.NEW);
    CancellationPolicy.Cancellation second =
        CancellationPolicy.cancel(
                first.order(), POLICY, "cn-2", List.of(new LineRequest("L1", 2)), TUESDAY)
            .value();
    assertThat(second.refund().amount()).isEqualTo(Money.of(2749 + 249, "EUR"));
    assertThat(second.order().refundedTotal()).isEqualTo(Money.of(5997, "EUR"));
    assertThat(second.order().parcel("P1").status()).isEqualTo(ParcelStatus.CANCELLED);
  }

  @Test
  @DisplayName("CAN-5 cancelling one parcel of two refunds its units only")
  void CAN_5_cancelling_one_parcel_of_two_refunds_its_units_only() {
    Order order = register(TestOrders.twoParcels());
    CancellationPolicy.Cancellation c =
        CancellationPolicy.cancel(order, POLICY, "cn-1", List.of(new LineRequest("L2", 1)), TUESDAY)
            .value();
    assertThat(c.cancelled()).containsExactly(new CancelledGroup("L2", 1, "P2"));
    assertThat(c.refund().amount()).isEqualTo(Money.of(911 + 82, "EUR"));
    assertThat(c.order().parcel("P2").status()).isEqualTo(ParcelStatus.CANCELLED);
    assertThat(c.order().parcel("P1").status()).isEqualTo(ParcelStatus.NEW);
  }

  @Test
  @DisplayName(
      "CAN-5 cancelling everything left refunds the cancelled units only; return deductions stay (RET-4)")
  void CAN_5_cancelling_everything_left_refunds_the_cancelled_units_only() {
    Order order =
        Fixtures.delivered(register(TestOrders.twoParcels()), "P1", "2026-11-04T10:00:00Z");
    Instant later = Instant.parse("2026-11-05T10:00:00Z");
    ReturnUpdate returned =
        ReturnPolicy.authorize(
                order,
                POLICY,
                "r-1",
                List.of(
                    new ReturnPolicy.ReturnLine(
                        "L1",
                        2,
                        org.aftersales.policy.state.ReturnReason.UNWANTED,
                        org.aftersales.policy.state.ItemCondition.MINT_UNUSED)),
                later)
            .value();
    ReturnUpdate refunded =
        InspectionPolicy.receive(
                returned.returnCase(),
                returned.order(),
                POLICY,
                returned.returnCase().units().stream()
                    .map(
                        u ->
                            new InspectionPolicy.UnitInspection(
                                u, org.aftersales.policy.state.InspectedCondition.MINT, List.of()))
                    .toList(),
                null,
                later)
            .value();
    assertThat(refunded.refund().amount()).isEqualTo(Money.of(5737 - 518, "EUR"));
    CancellationPolicy.Cancellation c =
        CancellationPolicy.cancel(refunded.order(), POLICY, "cn-1", null, later).value();
    // L2's paid price and delivery share (911 + 82); the delivery shares the return kept back
    // of L1 (2 × 518, RET-4) are not given back by cancelling something else.
    assertThat(c.refund().amount()).isEqualTo(Money.of(993, "EUR"));
    assertThat(c.order().refundedTotal()).isEqualTo(c.order().paidTotal().minus(2 * 518));
    assertThat(c.explanation().ruleIds()).contains("CAN-5");
  }

  @Test
  @DisplayName(
      "CAN-8 repeating a partial cancellation (a retry, a double click) cancels nothing more")
  void CAN_8_repeating_a_partial_cancellation_cancels_nothing_more() {
    Order once =
        CancellationPolicy.cancel(
                register(TestOrders.apiExample()),
                POLICY,
                "cn-1",
                List.of(new LineRequest("L1", 1)),
                TUESDAY)
            .value()
            .order();

    CancellationPolicy.Cancellation again =
        CancellationPolicy.cancel(once, POLICY, "cn-2", List.of(new LineRequest("L1", 1)), TUESDAY)
            .value();

    assertThat(again.units()).isEmpty();
    assertThat(again.refund()).isNull();
    assertThat(again.order().refunds()).hasSize(1);
    assertThat(again.explanation().ruleIds()).contains("CAN-8");
  }

  @Test
  @DisplayName("CAN-8 cancelling an already cancelled unit changes nothing")
  void CAN_8_cancelling_an_already_cancelled_unit_changes_nothing() {
    Order order =
        CancellationPolicy.cancel(register(TestOrders.apiExample()), POLICY, "cn-1", null, TUESDAY)
            .value()
            .order();
    Decision<CancellationPolicy.Cancellation> again =
        CancellationPolicy.cancel(order, POLICY, "cn-2", null, TUESDAY);
    assertThat(again.accepted()).isTrue();
    assertThat(again.value().cancelled()).isEmpty();
    assertThat(again.value().refund()).isNull();
    assertThat(again.value().order()).isEqualTo(order);
    assertThat(again.ruleIds()).containsExactly("CAN-8");
    Decision<CancellationPolicy.Cancellation> byLine =
        CancellationPolicy.cancel(
            order, POLICY, "cn-3", List.of(new LineRequest("L1", 2)), TUESDAY);
    assertThat(byLine.value().cancelled()).isEmpty();
    assertThat(byLine.ruleIds()).containsExactly("CAN-8");
  }

  @Test
  @DisplayName("CAN-7 after cancellation the warehouse is refused")
  void CAN_7_after_cancellation_the_warehouse_is_refused() {
    Order order =
        CancellationPolicy.cancel(register(TestOrders.apiExample()), POLICY, "cn-1", null, TUESDAY)
            .value()
            .order();
    Decision<Order.FulfilmentResult> d =
        order.recordFulfilment(
            "P1", new FulfilmentEvent(FulfilmentType.SHIPPED, TUESDAY.plusSeconds(1), "TRK"));
    assertThat(d.refusal().code().code()).isEqualTo("parcel-cancelled");
    assertThat(d.ruleIds()).containsExactly("CAN-7");
  }

  @Test
  void invalid_line_requests_are_bad_requests() {
    Order order = register(TestOrders.apiExample());
    Decision<CancellationPolicy.Cancellation> unknown =
        CancellationPolicy.cancel(
            order, POLICY, "cn-1", List.of(new LineRequest("L9", 1)), TUESDAY);
    assertThat(unknown.refusal().code().httpStatus()).isEqualTo(400);
    Decision<CancellationPolicy.Cancellation> tooMany =
        CancellationPolicy.cancel(
            order, POLICY, "cn-1", List.of(new LineRequest("L1", 3)), TUESDAY);
    assertThat(tooMany.refusal().code()).isEqualTo(RefusalCode.INVALID_REQUEST);
    assertThat(tooMany.refusal().message()).contains("has 2 units");
    assertThat(
            CancellationPolicy.cancel(order, POLICY, "cn-1", List.of(), TUESDAY).refusal().code())
        .isEqualTo(RefusalCode.INVALID_REQUEST);
  }

  @Test
  void a_line_request_touching_a_processed_parcel_is_refused_as_a_whole() {
    Order order =
        event(
            register(TestOrders.twoParcels()),
            "P1",
            FulfilmentType.PROCESSED,
            "2026-11-03T08:00:00Z");
    Decision<CancellationPolicy.Cancellation> d =
        CancellationPolicy.cancel(
            order,
            POLICY,
            "cn-1",
            List.of(new LineRequest("L1", 1), new LineRequest("L2", 1)),
            TUESDAY);
    assertThat(d.refusal().code()).isEqualTo(RefusalCode.ORDER_ALREADY_PROCESSED);
    // "everything" cancels what can be cancelled: the unprocessed P2
    CancellationPolicy.Cancellation all =
        CancellationPolicy.cancel(order, POLICY, "cn-2", null, TUESDAY).value();
    assertThat(all.cancelled()).containsExactly(new CancelledGroup("L2", 1, "P2"));
  }

  @Test
  @DisplayName("CAN-1 check tells the order view whether a unit can be cancelled")
  void CAN_1_check_tells_the_order_view_whether_a_unit_can_be_cancelled() {
    Order order =
        event(
            register(TestOrders.twoParcels()),
            "P1",
            FulfilmentType.PROCESSED,
            "2026-11-03T08:00:00Z");
    assertThat(CancellationPolicy.check(order, POLICY, new UnitRef("L2", 0), TUESDAY).ruleIds())
        .containsExactly("CAN-1");
    assertThat(CancellationPolicy.check(order, POLICY, new UnitRef("L1", 0), TUESDAY).accepted())
        .isFalse();
  }
}
