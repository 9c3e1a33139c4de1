package org.aftersales.cancellation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;

/**
 * The order of the sample events ({@code events/OrdersFunction/put-order.json}) for customer {@code
 * c-1}: P1 carries 2 × HDMI switch (L1), P2 1 × HDMI cable (L2); paid 6996 EUR. Unit paid price +
 * delivery share (GEN-2, GEN-3): L1 units 2785 + 214 = 2999 each, L2 928 + 71 = 999.
 */
final class TestOrders {

  static final PolicyBook POLICIES = PolicyBook.loadDefault();
  static final long PAID_TOTAL = 6996;
  static final long L1_UNIT_REFUND = 2999;
  static final long L2_UNIT_REFUND = 999;

  private final OrderRepository orders;
  private final OrderUpdates updates;

  TestOrders(OrderRepository orders) {
    this.orders = orders;
    this.updates = new OrderUpdates(orders);
  }

  static final Instant PLACED_AT = Instant.parse("2026-11-02T10:00:00Z");

  static OrderSpec spec(String orderId, LocalDate expectedShipBy) {
    return spec(orderId, PLACED_AT, expectedShipBy);
  }

  static OrderSpec spec(String orderId, Instant placedAt, LocalDate expectedShipBy) {
    return new OrderSpec(
        orderId,
        "c-1",
        Currency.getInstance("EUR"),
        placedAt,
        expectedShipBy,
        List.of(
            new LineSpec(
                "L1",
                "KW-HDMI-01",
                "HDMI switch",
                "electronics",
                2,
                2999,
                0,
                0,
                List.of(new ComponentSpec("psu", "power adapter", 800))),
            new LineSpec(
                "L2", "KW-CBL-02", "HDMI cable 2 m", "accessories", 1, 999, 0, 0, List.of())),
        500,
        499,
        PAID_TOTAL,
        List.of(
            new ParcelSpec("P1", List.of(new ParcelLine("L1", 2))),
            new ParcelSpec("P2", List.of(new ParcelLine("L2", 1)))));
  }

  /** Registers the order (policy in force at placedAt, GEN-7). */
  Order register(String orderId, LocalDate expectedShipBy) {
    return register(spec(orderId, expectedShipBy));
  }

  Order register(OrderSpec spec) {
    String orderId = spec.orderId();
    Order order = Order.register(spec, POLICIES.inForceAt(spec.placedAt()).version());
    if (!orders.create(order)) {
      throw new IllegalStateException("order " + orderId + " exists");
    }
    return order;
  }

  /** A warehouse event, as the orders function records it (one conditional write). */
  boolean fulfil(String orderId, String parcelId, FulfilmentType type, Instant at) {
    return updates.apply(
        orderId,
        order -> {
          var d = order.recordFulfilment(parcelId, new FulfilmentEvent(type, at, null));
          return d.accepted() && d.value().changed()
              ? OrderUpdates.Change.of(d.value().order(), true)
              : OrderUpdates.Change.none(d.accepted());
        });
  }

  Order find(String orderId) {
    return orders.find(orderId).orElseThrow();
  }
}
