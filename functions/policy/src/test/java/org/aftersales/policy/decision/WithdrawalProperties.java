package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;

/**
 * LAW-2 against GEN-4 and RET-4 over random orders in EUR (capped delivery), JPY and KWD. The
 * generator's lines are all of a category with a right of withdrawal, so the first property
 * compares a withdrawal with the store's return of the same units; the second relabels lines to the
 * categories Art. 16(e), (i) exclude once unsealed and receives them with random seal findings
 * (LAW-1): an unsealed unit is excluded by law, so it is compared with nothing, and the refund of
 * the rest with the store's return of the same refunded units.
 */
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

  @Property(tries = 300)
  @Label(
      "LAW-1 at receipt an unsealed unit of a sealed category is not refunded; the rest is refunded"
          + " between the store return of the same units and what was paid")
  void LAW_1_unsealed_units_get_nothing_and_the_rest_is_refunded_as_LAW_2_says(@ForAll long seed) {
    Random r = new Random(seed);
    OrderSpec random = RefundProperties.spec(seed);
    List<LineSpec> lines = new ArrayList<>();
    for (LineSpec l : random.lines()) {
      String category =
          switch (r.nextInt(3)) {
            case 0 -> "software";
            case 1 -> "personal-care";
            default -> l.category();
          };
      lines.add(
          new LineSpec(
              l.lineId(),
              l.sku(),
              l.name(),
              category,
              l.quantity(),
              l.unitPrice(),
              l.discount(),
              l.tax(),
              l.components()));
    }
    OrderSpec spec =
        new OrderSpec(
            random.orderId(),
            random.customerId(),
            random.currency(),
            random.placedAt(),
            random.expectedShipBy(),
            lines,
            random.orderDiscount(),
            random.deliveryCharge(),
            random.paidTotal(),
            random.parcels());
    Order order = Fixtures.register(spec);
    for (String parcel : order.spec().unitsByParcel().keySet()) {
      order = Fixtures.delivered(order, parcel, "2026-11-10T09:00:00Z");
    }
    ReturnUpdate w =
        WithdrawalPolicy.withdraw(
                order,
                POLICY,
                WithdrawalPolicyTest.GERMAN,
                "wd-p",
                null,
                Instant.parse("2026-11-12T09:00:00Z"))
            .value();
    List<InspectionPolicy.UnitInspection> findings = new ArrayList<>();
    for (UnitRef u : w.returnCase().units()) {
      boolean sealedCategory = WithdrawalPolicy.onceUnsealed(w.order(), POLICY, u).isPresent();
      findings.add(
          new InspectionPolicy.UnitInspection(
              u,
              InspectedCondition.MINT,
              List.of(),
              null,
              sealedCategory ? (Boolean) r.nextBoolean() : null));
    }
    assertThat(WithdrawalPolicy.sealFindingProblems(w.order(), POLICY, findings)).isEmpty();
    Set<UnitRef> unsealed = WithdrawalPolicy.unsealed(w.order(), POLICY, findings);
    ReturnUpdate received =
        WithdrawalPolicy.receive(
                w.returnCase(),
                w.order(),
                POLICY,
                Map.of(),
                unsealed,
                Instant.parse("2026-11-18T09:00:00Z"))
            .value();
    List<UnitRef> refunded =
        w.returnCase().units().stream().filter(u -> !unsealed.contains(u)).toList();

    for (UnitRef u : unsealed) {
      assertThat(received.order().statusOf(u)).isEqualTo(UnitStatus.ACTIVE);
    }
    if (refunded.isEmpty()) {
      assertThat(received.refund()).isNull();
      assertThat(received.order().refundedTotal().amount()).isZero();
      return;
    }
    Money refund = received.refund().amount();
    Money ret = ReturnPolicy.refund(order, refunded, Map.of()).breakdown().total();
    assertThat(received.refund().units()).noneMatch(a -> unsealed.contains(a.unit()));
    assertThat(refund)
        .isEqualTo(
            WithdrawalPolicy.refund(order, POLICY, refunded, Map.of()).value().breakdown().total());
    assertThat(refund).isLessThanOrEqualTo(order.paidTotal());
    assertThat(refund).isGreaterThanOrEqualTo(ret);
    assertThat(received.order().refundedTotal()).isLessThanOrEqualTo(received.order().paidTotal());
  }
}
