package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.Order;

/** LAW-2 against GEN-4 and RET-4 over random orders in EUR (capped delivery), JPY and KWD. */
class WithdrawalProperties {

  @Property(tries = 300)
  @Label(
      "LAW-2 a withdrawal never refunds more than was paid and never less than the store's return")
  void LAW_2_a_withdrawal_refund_is_between_the_store_return_and_what_was_paid(@ForAll long seed) {
    Order order = Fixtures.register(RefundProperties.spec(seed));
    for (String parcel : order.spec().unitsByParcel().keySet()) {
      order = Fixtures.delivered(order, parcel, "2026-11-10T09:00:00Z");
    }
    Random r = new Random(seed);
    List<UnitRef> units = new ArrayList<>();
    for (UnitRef u : order.spec().units()) {
      if (r.nextBoolean()) {
        units.add(u);
      }
    }
    if (units.isEmpty()) {
      units.add(order.spec().units().getFirst());
    }
    WithdrawalPolicy.WithdrawalRefund withdrawal =
        WithdrawalPolicy.refund(order, POLICY, units, Map.of()).value();
    Money ret = ReturnPolicy.refund(order, units, Map.of()).breakdown().total();

    assertThat(withdrawal.breakdown().total()).isLessThanOrEqualTo(order.paidTotal());
    assertThat(withdrawal.breakdown().total()).isGreaterThanOrEqualTo(ret);
    for (UnitAmount a : withdrawal.units()) {
      assertThat(a.amount()).isLessThanOrEqualTo(order.pricing().ceiling(a.unit()).amount());
    }
    Decision<WithdrawalPolicy.WithdrawalRefund> all =
        WithdrawalPolicy.refund(order, POLICY, order.spec().units(), Map.of());
    long cap =
        POLICY.law().deliveryCap(order.spec().currency()).orElse(order.spec().deliveryCharge());
    assertThat(all.value().breakdown().total().amount())
        .isEqualTo(
            order.paidTotal().amount()
                - order.spec().deliveryCharge()
                + Math.min(cap, order.spec().deliveryCharge()));
    // the ledger accepts it: GEN-4 holds for the unit ceilings and the order
    Order after =
        order
            .addRefund(
                org.aftersales.policy.refund.Refund.pending(
                    order.orderId(),
                    org.aftersales.policy.refund.RefundSource.WITHDRAWAL,
                    "wd-p",
                    Instant.parse("2026-11-12T09:00:00Z"),
                    java.time.LocalDate.parse("2026-11-26"),
                    withdrawal.breakdown(),
                    withdrawal.units()))
            .order();
    assertThat(after.refundedTotal()).isLessThanOrEqualTo(after.paidTotal());
  }
}
