package org.aftersales.refunds;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.events.OrderEvents;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.store.OrderUpdates;

/**
 * MSG-5: each refund still PENDING after its {@code dueBy} (GEN-5) is announced once, as {@code
 * RefundPastDue}, in a write of its order (its outbox; the order itself unchanged). Its id derives
 * from the refund alone, and a refund whose event was already published is skipped, so the hourly
 * breach schedule announces it once; a run that meets it again before publication writes the same
 * outbox entry again (the same id). Side effects: order writes (outbox only).
 */
record AnnouncePastDue(OrderUpdates updates, OutboxStore outbox) {

  /** Announces the past-due refunds of {@code order} not announced yet; how many it announced. */
  int announce(Order order, LocalDate today, Instant at) {
    int announced = 0;
    for (Refund refund : order.refunds()) {
      if (!refund.isPastDue(today)) {
        continue;
      }
      String eventId = OrderEvents.refundPastDue(order, refund, at).eventId();
      if (outbox.published(eventId)) {
        continue;
      }
      boolean written =
          updates.apply(
              order.orderId(),
              current -> {
                List<Refund> still =
                    current.refund(refund.refundId()).filter(r -> r.isPastDue(today)).stream()
                        .toList();
                if (still.isEmpty()) {
                  return OrderUpdates.Change.none(false);
                }
                Event event = OrderEvents.refundPastDue(current, still.getFirst(), at);
                return OrderUpdates.Change.of(current, true).announcing(event);
              });
      if (written) {
        announced++;
      }
    }
    return announced;
  }
}
