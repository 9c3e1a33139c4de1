package org.aftersales.policy.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.RefusalCode;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderStateTest {
  static final Instant T1 = Instant.parse("2026-11-03T09:00:00Z");

  @Test
  void a_registered_order_has_new_parcels_active_units_and_nothing_refunded() {
    Order order = Order.register(TestOrders.twoParcels(), "2026-01");
    assertThat(order.parcels()).containsOnlyKeys("P1", "P2");
    assertThat(order.parcels().values()).allMatch(p -> p.status() == ParcelStatus.NEW);
    assertThat(order.units()).hasSize(3).containsValues(UnitState.free(UnitStatus.ACTIVE));
    assertThat(order.paidTotal()).isEqualTo(Money.of(7248, "EUR"));
    assertThat(order.refundedTotal()).isEqualTo(Money.of(0, "EUR"));
    assertThat(order.version()).isZero();
    assertThat(order.hasUnshippedParcels()).isTrue();
    assertThat(order.parcelOf(new UnitRef("L2", 0)).parcelId()).isEqualTo("P2");
  }

  @Test
  void fulfilment_progress_only_moves_forward() {
    Order order = Order.register(TestOrders.twoParcels(), "2026-01");
    Order shipped =
        order
            .recordFulfilment("P1", new FulfilmentEvent(FulfilmentType.SHIPPED, T1, "TRK1"))
            .value()
            .order();
    assertThat(shipped.parcel("P1").status()).isEqualTo(ParcelStatus.SHIPPED);
    assertThat(shipped.parcel("P1").shippedAt()).isEqualTo(T1);
    assertThat(shipped.parcel("P1").trackingNumber()).isEqualTo("TRK1");
    Decision<Order.FulfilmentResult> late =
        shipped.recordFulfilment(
            "P1", new FulfilmentEvent(FulfilmentType.PROCESSED, T1.plusSeconds(60), null));
    assertThat(late.value().changed()).isFalse();
    assertThat(late.value().order()).isEqualTo(shipped);
    Instant delivered = Instant.parse("2026-11-06T23:30:00Z");
    Order done =
        shipped
            .recordFulfilment("P1", new FulfilmentEvent(FulfilmentType.DELIVERED, delivered, null))
            .value()
            .order();
    assertThat(done.parcel("P1").deliveredOn(ZoneId.of("Europe/Berlin")))
        .contains(LocalDate.parse("2026-11-07"));
    assertThat(done.parcel("P1").trackingNumber()).isEqualTo("TRK1");
  }

  @Test
  @DisplayName("CAN-7 a cancelled parcel refuses fulfilment events")
  void CAN_7_a_cancelled_parcel_refuses_fulfilment_events() {
    Order order =
        Order.register(TestOrders.twoParcels(), "2026-01")
            .withUnitStatuses(Map.of(new UnitRef("L2", 0), UnitStatus.CANCELLED));
    assertThat(order.parcel("P2").status()).isEqualTo(ParcelStatus.CANCELLED);
    assertThat(order.parcel("P1").status()).isEqualTo(ParcelStatus.NEW);
    Decision<Order.FulfilmentResult> d =
        order.recordFulfilment("P2", new FulfilmentEvent(FulfilmentType.PROCESSED, T1, null));
    assertThat(d.accepted()).isFalse();
    assertThat(d.refusal().code()).isEqualTo(RefusalCode.PARCEL_CANCELLED);
    assertThat(d.refusal().code().code()).isEqualTo("parcel-cancelled");
    assertThat(d.refusal().code().httpStatus()).isEqualTo(409);
    assertThat(d.ruleIds()).containsExactly("CAN-7");
  }

  @Test
  void a_parcel_is_cancelled_only_when_all_its_units_are() {
    Order order =
        Order.register(TestOrders.twoParcels(), "2026-01")
            .withUnitStatuses(Map.of(new UnitRef("L1", 0), UnitStatus.CANCELLED));
    assertThat(order.parcel("P1").status()).isEqualTo(ParcelStatus.NEW);
    order = order.withUnitStatuses(Map.of(new UnitRef("L1", 1), UnitStatus.CANCELLED));
    assertThat(order.parcel("P1").status()).isEqualTo(ParcelStatus.CANCELLED);
  }

  @Test
  void RET_2_a_unit_is_taken_by_one_holder_and_a_retry_by_the_same_holder_changes_nothing() {
    Order order = Order.register(TestOrders.twoParcels(), "2026-01");
    List<UnitRef> both = List.of(new UnitRef("L1", 0), new UnitRef("L1", 1));

    Order taken = order.take(both, UnitStatus.RETURN_OPEN, "ret-a").orElseThrow();

    assertThat(taken.statusOf(both.get(0))).isEqualTo(UnitStatus.RETURN_OPEN);
    assertThat(taken.heldBy(both.get(1))).contains("ret-a");
    assertThat(taken.holds(both, "ret-a")).isTrue();
    assertThat(taken.take(both, UnitStatus.RETURN_OPEN, "ret-a")).containsSame(taken);
    assertThat(taken.take(both.subList(1, 2), UnitStatus.CLAIM_OPEN, "cl-b")).isEmpty();
    assertThat(taken.take(both, UnitStatus.RETURN_OPEN, "ret-b")).isEmpty();
  }

  @Test
  void DOA_7_only_the_holder_releases_a_unit_and_a_finished_unit_stays_finished() {
    UnitRef unit = new UnitRef("L1", 0);
    Order held =
        Order.register(TestOrders.twoParcels(), "2026-01")
            .take(List.of(unit), UnitStatus.CLAIM_OPEN, "cl-a")
            .orElseThrow();

    assertThat(held.release(List.of(unit), "cl-other")).isSameAs(held);
    Order released = held.release(List.of(unit), "cl-a");
    assertThat(released.statusOf(unit)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(released.heldBy(unit)).isEmpty();

    Order refunded = held.withUnitStatuses(Map.of(unit, UnitStatus.REFUNDED_BY_CLAIM));
    assertThat(refunded.heldBy(unit)).as("records who finished it").contains("cl-a");
    assertThat(refunded.release(List.of(unit), "cl-a")).isSameAs(refunded);
  }

  @Test
  void a_unit_taken_before_holders_were_recorded_is_taken_over_by_the_record_asking_for_it() {
    UnitRef unit = new UnitRef("L1", 0);
    Map<UnitRef, UnitState> units =
        new java.util.LinkedHashMap<>(Order.register(TestOrders.twoParcels(), "2026-01").units());
    units.put(unit, UnitState.free(UnitStatus.RETURN_OPEN));
    Order legacy = Order.register(TestOrders.twoParcels(), "2026-01");
    legacy = new Order(legacy.spec(), "2026-01", legacy.parcels(), units, List.of(), 3);

    assertThat(legacy.take(List.of(unit), UnitStatus.CLAIM_OPEN, "cl-a")).isEmpty();
    assertThat(
            legacy.take(List.of(unit), UnitStatus.RETURN_OPEN, "ret-a").orElseThrow().heldBy(unit))
        .contains("ret-a");
  }
}
