package org.aftersales.refunds;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Page;

/**
 * GEN-5 breaches: refunds still PENDING after the end of their {@code dueBy} day, as of an instant
 * (the scheduled event's {@code time}) in the store's zone. Pages through the {@code ByStatus}
 * index, whose orders come by earliest pending {@code dueBy}, and stops at the first order whose
 * earliest pending refund is not yet past due: the cost grows with the breaches, not with the
 * pending refunds or the orders. Reads only; the caller may act on each breached order.
 */
record RefundBreachCounter(OrderRepository orders, PolicyBook book) {

  static final int PAGE_SIZE = 100;

  /**
   * How many refunds were past due at {@code at}, on how many orders, and the oldest {@code dueBy}.
   */
  record BreachCount(Instant at, LocalDate today, int pastDue, int orders, LocalDate oldestDueBy) {}

  BreachCount count(Instant at) {
    return count(at, (order, today) -> {});
  }

  /**
   * Like {@link #count(Instant)}, handing each order with a refund past due to {@code breached}.
   */
  BreachCount count(Instant at, java.util.function.BiConsumer<Order, LocalDate> breached) {
    LocalDate today = policyAt(at).calendar().dateOf(at);
    int pastDue = 0;
    int breachedOrders = 0;
    LocalDate oldest = null;
    String cursor = null;
    boolean more = true;
    while (more) {
      Page<Order> page = orders.withPendingRefunds(cursor, PAGE_SIZE);
      for (Order order : page.items()) {
        Optional<LocalDate> earliest = order.earliestPendingDueBy();
        if (earliest.isEmpty()) {
          continue; // settled since the index copy was taken
        }
        if (!today.isAfter(earliest.get())) {
          more = false; // every later order is due later still
          break;
        }
        breachedOrders++;
        breached.accept(order, today);
        for (Refund refund : order.refunds()) {
          if (refund.isPastDue(today)) {
            pastDue++;
            oldest = oldest == null || refund.dueBy().isBefore(oldest) ? refund.dueBy() : oldest;
          }
        }
      }
      cursor = page.nextCursor();
      more &= cursor != null;
    }
    return new BreachCount(at, today, pastDue, breachedOrders, oldest);
  }

  /** The version in force at {@code at} (its store zone decides what "today" is). */
  private PolicyDocument policyAt(Instant at) {
    return at.isBefore(book.versions().getFirst().effectiveFrom())
        ? book.versions().getFirst()
        : book.current(at);
  }
}
