package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ParcelStatus;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.UnitStatus;

/** Money properties of changes before processing over random orders in EUR, JPY and KWD. */
class ChangeProperties {
  static final Instant TUESDAY = Instant.parse("2026-11-03T09:00:00Z");

  @Property(tries = 300)
  @Label(
      "CHG-5 GEN-4 any changes, payments, cancellations and returns keep refunds within what was"
          + " paid, paid differences included")
  void CHG_5_any_sequence_keeps_the_ledger_within_what_was_paid(@ForAll long seed) {
    Random r = new Random(seed);
    OrderSpec spec = RefundProperties.spec(seed);
    Order order = Fixtures.register(spec);
    Instant now = TUESDAY;
    int steps = r.nextInt(12);
    for (int s = 0; s < steps; s++) {
      List<UnitRef> units = new ArrayList<>(order.units().keySet());
      UnitRef unit = units.get(r.nextInt(units.size()));
      now = now.plusSeconds(60);
      if (r.nextInt(4) == 0) {
        Order before = order;
        long inAll =
            before.unitsOfLine(unit.lineId()).stream()
                    .filter(u -> before.statusOf(u) == UnitStatus.CANCELLED)
                    .count()
                + 1;
        Decision<CancellationPolicy.Cancellation> c =
            CancellationPolicy.cancel(
                order,
                POLICY,
                "cn-" + s,
                List.of(new CancellationPolicy.LineRequest(unit.lineId(), (int) inAll)),
                now);
        if (c.accepted()) {
          order = c.value().order();
        }
      } else {
        LineSpec from = order.itemOf(unit);
        long price = r.nextLong(2 * from.unitPrice() + 2);
        LineSpec to =
            new LineSpec(
                null,
                "SKU-" + s,
                "item " + s,
                from.category(),
                1,
                price,
                r.nextLong(price + 1) / 4,
                r.nextLong(50),
                List.of(new ComponentSpec("part", "part", r.nextLong(price + 1))));
        Decision<ChangePolicy.ChangeOutcome> d =
            ChangePolicy.request(
                order,
                POLICY,
                "ch-" + s,
                "customer",
                new ChangePolicy.ChangeRequest(
                    List.of(new ChangePolicy.UnitRequest(unit.lineId(), unit.index(), to)),
                    List.of(),
                    null),
                now);
        if (d.accepted()) {
          order = d.value().order();
          var change = d.value().change();
          if (change != null
              && change.status() == ChangeStatus.AWAITING_PAYMENT
              && r.nextInt(3) > 0) {
            order =
                ChangePolicy.pay(order, change, "pay-" + s, change.amountDue(), now)
                    .value()
                    .order();
          }
        }
      }
      assertWithinPaid(order);
    }
    Order atDelivery = order;
    String parcelId =
        spec.parcels().stream()
            .map(p -> p.parcelId())
            .filter(p -> atDelivery.parcel(p).status() != ParcelStatus.CANCELLED)
            .findFirst()
            .orElse(null);
    boolean returns = r.nextBoolean() && parcelId != null;
    if (returns) {
      order = Fixtures.delivered(order, parcelId, "2026-11-04T10:00:00Z");
      now = Instant.parse("2026-11-06T10:00:00Z");
      Map<String, Integer> activePerLine = new LinkedHashMap<>();
      for (UnitRef u : order.unitsOf(parcelId)) {
        if (order.statusOf(u) == UnitStatus.ACTIVE
            && POLICY.isReturnable(order.itemOf(u).category())) {
          activePerLine.merge(u.lineId(), 1, Integer::sum);
        }
      }
      int n = 0;
      for (Map.Entry<String, Integer> line : activePerLine.entrySet()) {
        Decision<ReturnUpdate> asked =
            ReturnPolicy.authorize(
                order,
                POLICY,
                "r" + n++,
                List.of(
                    new ReturnPolicy.ReturnLine(
                        line.getKey(),
                        line.getValue(),
                        ReturnReason.UNWANTED,
                        ItemCondition.MINT_UNUSED)),
                now);
        if (!asked.accepted()) {
          continue;
        }
        ReturnUpdate authorised = asked.value();
        List<InspectionPolicy.UnitInspection> inspections = new ArrayList<>();
        for (UnitRef u : authorised.returnCase().units()) {
          List<String> missing =
              authorised.order().itemOf(u).components().stream()
                  .filter(c -> r.nextBoolean())
                  .map(ComponentSpec::componentId)
                  .toList();
          inspections.add(new InspectionPolicy.UnitInspection(u, InspectedCondition.MINT, missing));
        }
        order =
            InspectionPolicy.receive(
                    authorised.returnCase(), authorised.order(), POLICY, inspections, null, now)
                .value()
                .order();
        assertWithinPaid(order);
      }
    }
    Decision<CancellationPolicy.Cancellation> rest =
        CancellationPolicy.cancel(order, POLICY, "cn-rest", null, now);
    if (rest.accepted()) {
      order = rest.value().order();
    }
    assertWithinPaid(order);
    if (!returns
        && order.units().values().stream().allMatch(s -> s.status() == UnitStatus.CANCELLED)) {
      // everything cancelled, nothing kept back: exactly what was paid, differences included
      assertThat(order.refundedTotal()).isEqualTo(order.paidTotal());
    }
  }

  private static void assertWithinPaid(Order order) {
    assertThat(order.refundedTotal().amount()).isLessThanOrEqualTo(order.paidTotal().amount());
    for (UnitRef u : order.units().keySet()) {
      assertThat(order.pricing().paidPrice(u).amount()).isNotNegative();
      assertThat(order.ledger().remainingFor(u).amount()).isNotNegative();
    }
  }
}
