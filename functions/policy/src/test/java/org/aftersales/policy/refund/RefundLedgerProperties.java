package org.aftersales.policy.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;

class RefundLedgerProperties {

  @Property(tries = 300)
  @Label("GEN-4 any sequence of partial refunds never exceeds what was paid")
  void GEN_4_any_sequence_of_partial_refunds_never_exceeds_what_was_paid(@ForAll long seed) {
    Currency currency =
        List.of(TestOrders.EUR, TestOrders.JPY, TestOrders.KWD).get((int) Math.floorMod(seed, 3L));
    OrderSpec spec = TestOrders.random(seed, currency);
    OrderPricing pricing = OrderPricing.of(spec);
    RefundLedger ledger = new RefundLedger(pricing, List.of());
    Random r = new Random(seed ^ 0x5DEECE66DL);
    List<UnitRef> units = pricing.units();
    for (int i = 0; i < 40; i++) {
      UnitRef unit = units.get(r.nextInt(units.size()));
      long ceiling = pricing.ceiling(unit).amount();
      long amount = ceiling == 0 ? r.nextInt(3) : (long) (r.nextDouble() * ceiling * 0.7);
      Breakdown b =
          Breakdown.of(currency, List.of(BreakdownLine.of("part", Money.of(amount, currency))));
      Refund refund =
          Refund.pending(
              spec.orderId(),
              RefundSource.CLAIM,
              "c" + i,
              Instant.EPOCH,
              LocalDate.EPOCH,
              b,
              List.of(new UnitAmount(unit, amount)));
      boolean fits = ledger.refundedFor(unit).amount() + amount <= ceiling;
      try {
        ledger = ledger.add(refund).ledger();
        assertThat(fits).as("accepted only when it fits").isTrue();
      } catch (RefundCeilingExceededException e) {
        assertThat(fits).as("refused only when it does not fit").isFalse();
      }
      assertThat(ledger.refundedTotal().amount()).isLessThanOrEqualTo(spec.paidTotal());
      for (UnitRef u : units) {
        assertThat(ledger.refundedFor(u)).isLessThanOrEqualTo(pricing.ceiling(u));
      }
    }
  }
}
