package org.aftersales.policy.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RefundLedgerTest {
  static final UnitRef U0 = new UnitRef("L1", 0);
  static final UnitRef U1 = new UnitRef("L1", 1);
  static final Instant NOW = Instant.parse("2026-11-03T09:00:00Z");

  static Refund refund(String sourceId, UnitRef unit, long amount) {
    Breakdown b =
        Breakdown.of(
            TestOrders.EUR,
            List.of(BreakdownLine.of("test amount", Money.of(amount, "EUR"), "GEN-4")));
    return Refund.pending(
        "o-1",
        RefundSource.CLAIM,
        sourceId,
        NOW,
        LocalDate.parse("2026-11-10"),
        b,
        List.of(new UnitAmount(unit, amount)));
  }

  @Test
  @DisplayName("GEN-4 unit refunds never exceed paid price plus delivery share")
  void GEN_4_unit_refunds_never_exceed_paid_price_plus_delivery_share() {
    RefundLedger ledger = new RefundLedger(OrderPricing.of(TestOrders.apiExample()), List.of());
    assertThat(ledger.remainingFor(U0)).isEqualTo(Money.of(2999, "EUR")); // 2749 + 250
    RefundLedger after = ledger.add(refund("cl-1", U0, 2000)).ledger();
    assertThat(after.remainingFor(U0)).isEqualTo(Money.of(999, "EUR"));
    assertThat(after.violations(refund("cl-2", U0, 1000)))
        .singleElement()
        .asString()
        .contains("only 999");
    assertThatThrownBy(() -> after.add(refund("cl-2", U0, 1000)))
        .isInstanceOf(RefundCeilingExceededException.class)
        .hasMessageContaining("GEN-4");
    assertThat(after.add(refund("cl-2", U0, 999)).ledger().remaining())
        .isEqualTo(Money.of(2998, "EUR"));
  }

  @Test
  @DisplayName("GEN-4 total refunds never exceed paid total")
  void GEN_4_total_refunds_never_exceed_paid_total() {
    RefundLedger ledger = new RefundLedger(OrderPricing.of(TestOrders.apiExample()), List.of());
    RefundLedger full =
        ledger.add(refund("a", U0, 2999)).ledger().add(refund("b", U1, 2998)).ledger();
    assertThat(full.refundedTotal()).isEqualTo(Money.of(5997, "EUR"));
    assertThat(full.remaining().isZero()).isTrue();
    assertThatThrownBy(() -> full.add(refund("c", U1, 1)))
        .isInstanceOf(RefundCeilingExceededException.class);
  }

  @Test
  @DisplayName("GEN-4 adding a refund with an existing id returns the existing one")
  void GEN_4_adding_a_refund_with_an_existing_id_returns_the_existing_one() {
    RefundLedger ledger = new RefundLedger(OrderPricing.of(TestOrders.apiExample()), List.of());
    RefundLedger.Entry first = ledger.add(refund("cl-1", U0, 2000));
    RefundLedger.Entry replay = first.ledger().add(refund("cl-1", U0, 2500));
    assertThat(replay.added()).isFalse();
    assertThat(replay.refund().amount()).isEqualTo(Money.of(2000, "EUR"));
    assertThat(replay.ledger().refunds()).hasSize(1);
  }

  @Test
  @DisplayName("GEN-4 refunds for unknown units or other currencies are refused")
  void GEN_4_refunds_for_unknown_units_or_other_currencies_are_refused() {
    RefundLedger ledger = new RefundLedger(OrderPricing.of(TestOrders.apiExample()), List.of());
    assertThat(ledger.violations(refund("x", new UnitRef("L9", 0), 1)))
        .singleElement()
        .asString()
        .contains("not part");
    Breakdown yen =
        Breakdown.of(TestOrders.JPY, List.of(BreakdownLine.of("x", Money.of(1, "JPY"))));
    Refund jpy =
        Refund.pending(
            "o-1",
            RefundSource.CLAIM,
            "y",
            NOW,
            LocalDate.parse("2026-11-10"),
            yen,
            List.of(new UnitAmount(U0, 1)));
    assertThat(ledger.violations(jpy)).isNotEmpty();
  }

  @Test
  void refund_ids_are_derived_from_their_cause() {
    assertThat(RefundIds.of(RefundSource.CANCELLATION, "cn-42")).isEqualTo("rf-cancellation-cn-42");
    assertThat(RefundIds.of(RefundSource.RETURN, "weird id/with:chars"))
        .isEqualTo(RefundIds.of(RefundSource.RETURN, "weird id/with:chars"))
        .startsWith("rf-return-h")
        .hasSize("rf-return-h".length() + 32);
    assertThat(RefundIds.of(RefundSource.RETURN, "a"))
        .isNotEqualTo(RefundIds.of(RefundSource.CLAIM, "a"));
  }

  @Test
  @DisplayName("GEN-8 breakdown total is the sum of its lines and refund amount matches")
  void GEN_8_breakdown_total_is_the_sum_of_its_lines_and_refund_amount_matches() {
    assertThatThrownBy(
            () ->
                new Breakdown(
                    List.of(BreakdownLine.of("a", Money.of(5, "EUR"))), Money.of(6, "EUR")))
        .isInstanceOf(IllegalArgumentException.class);
    Breakdown b =
        Breakdown.of(
            TestOrders.EUR,
            List.of(
                BreakdownLine.of("a", Money.of(5, "EUR")),
                BreakdownLine.of("b", Money.of(-2, "EUR"))));
    assertThat(b.total()).isEqualTo(Money.of(3, "EUR"));
    assertThatThrownBy(
            () ->
                Refund.pending(
                    "o",
                    RefundSource.CLAIM,
                    "s",
                    NOW,
                    LocalDate.parse("2026-11-10"),
                    b,
                    List.of(new UnitAmount(U0, 4))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GEN-4");
  }

  @Test
  @DisplayName("GEN-5 a pending refund is past due after its due day")
  void GEN_5_a_pending_refund_is_past_due_after_its_due_day() {
    Refund r = refund("s", U0, 10);
    assertThat(r.isPastDue(LocalDate.parse("2026-11-10"))).isFalse();
    assertThat(r.isPastDue(LocalDate.parse("2026-11-11"))).isTrue();
    assertThat(r.settled(NOW, "pay-1").isPastDue(LocalDate.parse("2026-11-11"))).isFalse();
  }
}
