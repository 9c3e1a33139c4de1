package org.aftersales.shared.store.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Page;

/**
 * The order store a priming twin sees (SnapStart priming, {@code ApiPriming}): every read goes to
 * the real store, and the id {@link #SAMPLE_ORDER_ID}, which the store never holds, reads as a
 * sample order (customer {@code c-1}, placed a day ago, two parcels), round-tripped through the
 * item mapper — so priming takes the whole path of a found order: mapping, policy decisions, view.
 * Writes are answered as if done and never sent: priming writes nothing.
 */
public record PrimingOrderRepository(OrderRepository store, PolicyBook book, Clock clock)
    implements OrderRepository {

  /** The order id priming events use for a found order. */
  public static final String SAMPLE_ORDER_ID = "priming-sample-order";

  @Override
  public Optional<Order> find(String orderId) {
    Optional<Order> stored = store.find(orderId);
    if (stored.isPresent() || !SAMPLE_ORDER_ID.equals(orderId)) {
      return stored;
    }
    return Optional.of(OrderItemMapper.fromItem(OrderItemMapper.toItem(sample(), 1)));
  }

  /** Not sent: answered as created. */
  @Override
  public boolean create(Order order) {
    return true;
  }

  /** Not sent: answered as stored at the next version. */
  @Override
  public Order replace(Order changed, Alongside alongside) {
    return OrderItemMapper.fromItem(OrderItemMapper.toItem(changed, changed.version() + 1));
  }

  @Override
  public Page<String> unshippedDueBy(LocalDate lastExpectedShipBy, String cursor, int limit) {
    return store.unshippedDueBy(lastExpectedShipBy, cursor, limit);
  }

  @Override
  public Page<String> withChangesUnpaidAt(Instant at, String cursor, int limit) {
    return store.withChangesUnpaidAt(at, cursor, limit);
  }

  @Override
  public Page<Order> withPendingRefunds(String cursor, int limit) {
    return store.withPendingRefunds(cursor, limit);
  }

  private Order sample() {
    Instant placedAt = clock.instant().minus(Duration.ofDays(1));
    return Order.register(
        new OrderSpec(
            SAMPLE_ORDER_ID,
            "c-1",
            Currency.getInstance("EUR"),
            placedAt,
            LocalDate.ofInstant(placedAt, ZoneOffset.UTC).plusDays(3),
            List.of(
                new LineSpec(
                    "L1",
                    "SKU-1",
                    "Sample item",
                    "electronics",
                    2,
                    2999,
                    0,
                    0,
                    List.of(new ComponentSpec("psu", "power adapter", 800)))),
            500,
            499,
            5997,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 1))),
                new ParcelSpec("P2", List.of(new ParcelLine("L1", 1))))),
        book.current(placedAt).version());
  }
}
