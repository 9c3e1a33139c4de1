package org.aftersales.refunds;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.testing.TestOrders;

/** Orders in the states the refund tests need, written through the real repository. */
final class TestData {

  static final PolicyBook BOOK = PolicyBook.loadDefault();

  /**
   * The example order of openapi.yaml, placed 2026-11-02: judged by the version in force then
   * (GEN-7).
   */
  static final String POLICY_VERSION =
      BOOK.inForceAt(Instant.parse("2026-11-02T10:00:00Z")).version();

  static final Instant DELIVERED_AT = Instant.parse("2026-11-20T10:00:00Z");

  private TestData() {}

  static PolicyDocument policy() {
    return BOOK.byVersion(POLICY_VERSION).orElseThrow();
  }

  /**
   * The example order of openapi.yaml for customer c-1 (2 × HDMI switch, one per parcel, paid 59.97
   * EUR): parcel P1 (unit L1#0) delivered on 2026-11-20, parcel P2 (unit L1#1) not processed yet.
   */
  static Order halfDelivered(OrderRepository orders, String orderId) {
    Order order = Order.register(TestOrders.hdmiSwitches(orderId, "c-1"), POLICY_VERSION);
    for (FulfilmentType step : FulfilmentType.values()) {
      order =
          order
              .recordFulfilment(
                  "P1",
                  new FulfilmentEvent(
                      step,
                      DELIVERED_AT.minusSeconds(
                          3600L * (FulfilmentType.DELIVERED.ordinal() - step.ordinal())),
                      "TRK-1"))
              .value()
              .order();
    }
    if (!orders.create(order)) {
      throw new IllegalStateException("order " + orderId + " exists");
    }
    return orders.find(orderId).orElseThrow();
  }

  /** A registered order of customer c-1 with nothing shipped. */
  static Order registered(OrderRepository orders, String orderId) {
    Order order = Order.register(TestOrders.hdmiSwitches(orderId, "c-1"), POLICY_VERSION);
    if (!orders.create(order)) {
      throw new IllegalStateException("order " + orderId + " exists");
    }
    return orders.find(orderId).orElseThrow();
  }

  /** A claim refund of {@code amount} taken from unit L1#0, due on {@code dueBy}. */
  static Refund refund(String orderId, String claimId, long amount, LocalDate dueBy) {
    Money money = Money.of(amount, "EUR");
    return Refund.pending(
        orderId,
        RefundSource.CLAIM,
        claimId,
        dueBy.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).minusSeconds(86400L * 7),
        dueBy,
        new Breakdown(
            List.of(
                BreakdownLine.of(
                    "Partial refund for the defective part: power adapter", money, "DOA-4")),
            money),
        List.of(new UnitAmount(new UnitRef("L1", 0), amount)));
  }
}
