package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.aftersales.policy.decision.Fixtures.event;
import static org.aftersales.policy.decision.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AutoCancelPolicyTest {
  // expected ship date Thu 2026-11-05; + 2 business days = Mon 2026-11-09; due from Tue 10 Nov
  // (Berlin)
  static final Instant MONDAY_LAST_MINUTE = Instant.parse("2026-11-09T22:59:59Z");
  static final Instant TUESDAY_MIDNIGHT = Instant.parse("2026-11-09T23:00:00Z");

  @Test
  @DisplayName("CAN-6 due only more than two business days after the expected ship date")
  void CAN_6_due_only_more_than_two_business_days_after_the_expected_ship_date() {
    Order order = register(TestOrders.twoParcels());
    assertThat(AutoCancelPolicy.isOverdue(order, POLICY, MONDAY_LAST_MINUTE)).isFalse();
    assertThat(AutoCancelPolicy.isOverdue(order, POLICY, TUESDAY_MIDNIGHT)).isTrue();
    assertThat(AutoCancelPolicy.latestDueShipBy(POLICY, TUESDAY_MIDNIGHT))
        .isEqualTo(LocalDate.parse("2026-11-05"));
    assertThat(AutoCancelPolicy.latestDueShipBy(POLICY, MONDAY_LAST_MINUTE))
        .isEqualTo(LocalDate.parse("2026-11-04"));
  }

  @Test
  @DisplayName("CAN-6 cancels unshipped parcels once and refunds them")
  void CAN_6_cancels_unshipped_parcels_once_and_refunds_them() {
    Order order =
        event(
            register(TestOrders.twoParcels()),
            "P1",
            FulfilmentType.SHIPPED,
            "2026-11-04T08:00:00Z");
    order = event(order, "P2", FulfilmentType.PROCESSED, "2026-11-04T08:00:00Z");
    assertThat(AutoCancelPolicy.dueParcels(order, POLICY, TUESDAY_MIDNIGHT)).containsExactly("P2");
    Decision<CancellationPolicy.Cancellation> first =
        AutoCancelPolicy.run(order, POLICY, TUESDAY_MIDNIGHT);
    assertThat(first.value().refund().amount()).isEqualTo(Money.of(993, "EUR"));
    assertThat(first.value().refund().refundId()).isEqualTo("rf-cancellation-auto-o-2-P2");
    assertThat(first.value().order().parcel("P2").status()).isEqualTo(ParcelStatus.CANCELLED);
    assertThat(first.value().order().parcel("P1").status()).isEqualTo(ParcelStatus.SHIPPED);
    assertThat(first.ruleIds()).contains("CAN-6", "CAN-5", "GEN-5");
    assertThat(first.value().order().hasUnshippedParcels()).isFalse();

    Decision<CancellationPolicy.Cancellation> second =
        AutoCancelPolicy.run(first.value().order(), POLICY, TUESDAY_MIDNIGHT.plusSeconds(900));
    assertThat(second.value().cancelled()).isEmpty();
    assertThat(second.value().refund()).isNull();
    assertThat(second.value().order().refunds()).hasSize(1);
  }

  @Test
  @DisplayName("CAN-6 two copies computing from the same read produce the same refund id")
  void CAN_6_two_copies_computing_from_the_same_read_produce_the_same_refund_id() {
    Order order = register(TestOrders.twoParcels());
    var a = AutoCancelPolicy.run(order, POLICY, TUESDAY_MIDNIGHT).value();
    var b = AutoCancelPolicy.run(order, POLICY, TUESDAY_MIDNIGHT.plusSeconds(5)).value();
    assertThat(a.refund().refundId()).isEqualTo(b.refund().refundId());
    // the loser of the conditional write re-reads the winner's order and finds it on the ledger
    assertThat(a.order().addRefund(b.refund()).added()).isFalse();
  }
}
