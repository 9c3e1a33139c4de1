package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.state.Order;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderActionsTest {

  @Test
  @DisplayName(
      "CAN-1 RET-1 DOA-1 the order view says per unit group what is possible now and until when")
  void CAN_1_RET_1_DOA_1_actions_per_unit_group() {
    Order order =
        Fixtures.delivered(
            Fixtures.register(TestOrders.twoParcels()), "P1", "2026-11-04T10:00:00Z");
    List<OrderActions.UnitGroupActions> groups =
        OrderActions.of(order, POLICY, Instant.parse("2026-11-05T10:00:00Z"));
    assertThat(groups).hasSize(2);
    OrderActions.UnitGroupActions p1 = groups.get(0);
    assertThat(p1.lineId()).isEqualTo("L1");
    assertThat(p1.quantity()).isEqualTo(2);
    assertThat(p1.cancel().allowed()).isFalse();
    assertThat(p1.cancel().code()).isEqualTo("nothing-to-cancel");
    assertThat(p1.returnItem().allowed()).isTrue();
    assertThat(p1.returnItem().until()).isEqualTo(LocalDate.parse("2027-01-03")); // 4 Nov + 60 days
    assertThat(p1.claim().allowed()).isTrue();
    assertThat(p1.claim().until()).isEqualTo(LocalDate.parse("2026-11-18"));
    OrderActions.UnitGroupActions p2 = groups.get(1);
    assertThat(p2.parcelId()).isEqualTo("P2");
    assertThat(p2.cancel().allowed()).isTrue();
    assertThat(p2.cancel().ruleIds()).containsExactly("CAN-1");
    assertThat(p2.returnItem().code()).isEqualTo("not-delivered");
    assertThat(p2.claim().allowed()).isFalse();
  }

  @Test
  @DisplayName(
      "CAN-8 a cancelled unit offers no cancellation: the group offers exactly what can go now")
  void CAN_8_a_cancelled_unit_offers_no_cancellation() {
    Order order = Fixtures.register(TestOrders.twoParcels());
    Instant now = Instant.parse("2026-11-03T10:00:00Z");
    Order after =
        CancellationPolicy.cancel(
                order, POLICY, "cn-1", List.of(new CancellationPolicy.LineRequest("L1", 1)), now)
            .value()
            .order();
    List<OrderActions.UnitGroupActions> groups = OrderActions.of(after, POLICY, now);
    OrderActions.UnitGroupActions cancelled =
        groups.stream()
            .filter(g -> g.status() == org.aftersales.policy.state.UnitStatus.CANCELLED)
            .findFirst()
            .orElseThrow();
    assertThat(cancelled.quantity()).isEqualTo(1);
    assertThat(cancelled.cancel().allowed()).isFalse();
    assertThat(cancelled.cancel().code()).isEqualTo("nothing-to-cancel");
    assertThat(cancelled.cancel().ruleIds()).containsExactly("CAN-8");
    assertThat(
            groups.stream()
                .filter(g -> g.cancel().allowed())
                .mapToInt(OrderActions.UnitGroupActions::quantity)
                .sum())
        .as("every unit not cancelled is still cancellable before processing (CAN-1)")
        .isEqualTo(after.units().size() - 1);
  }
}
