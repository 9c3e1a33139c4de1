package org.aftersales.refunds;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.Production;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.EventFunction;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;

/**
 * {@code RefundBreachFunction}, triggered by an EventBridge schedule ({@code Scheduled Event}):
 * counts the refunds still PENDING after their {@code dueBy} (GEN-5) as of the event's {@code time}
 * (not the wall clock, so a late or repeated delivery counts the same way) and emits the EMF metric
 * {@code RefundsPastDue} (namespace {@code METRICS_NAMESPACE}; 0 when none, so the alarm always has
 * data), and announces each past-due refund once as {@code RefundPastDue} (MSG-5, {@link
 * AnnouncePastDue}). Returns {@code {"at", "asOf", "pastDue", "orders", "oldestDueBy",
 * "announced"}}. Reads the {@code ByStatus} index; side effects: the announcements' order writes
 * (outbox only), one log line and one EMF line.
 */
public final class RefundBreachHandler extends EventFunction {

  public static final String METRIC = "RefundsPastDue";

  private final RefundBreachCounter counter;
  private final AnnouncePastDue announcer;
  private final Clock clock;

  public RefundBreachHandler() {
    this(
        Production.orders(),
        Production.outbox(),
        PolicyBook.loadDefault(),
        JsonLog.fromEnvironment(),
        EmfMetrics.fromEnvironment(),
        Clock.systemUTC());
  }

  public RefundBreachHandler(
      OrderRepository orders,
      OutboxStore outbox,
      PolicyBook book,
      JsonLog log,
      EmfMetrics metrics,
      Clock clock) {
    super("Scheduled Event", log, metrics);
    this.counter = new RefundBreachCounter(orders, book);
    this.announcer = new AnnouncePastDue(new OrderUpdates(orders, clock), outbox);
    this.clock = clock;
  }

  @Override
  protected ObjectNode handle(JsonNode event, Context context) {
    Instant at = timeOf(event);
    int[] announced = {0};
    RefundBreachCounter.BreachCount count =
        counter.count(at, (order, today) -> announced[0] += announcer.announce(order, today, at));
    metrics.property("asOf", count.today().toString());
    metrics.put(METRIC, count.pastDue(), EmfMetrics.Unit.COUNT);

    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("at", at.toString());
    fields.put("asOf", count.today().toString());
    fields.put("pastDue", count.pastDue());
    fields.put("orders", count.orders());
    fields.put("oldestDueBy", count.oldestDueBy() == null ? null : count.oldestDueBy().toString());
    fields.put("announced", announced[0]);
    if (count.pastDue() > 0) {
      log.warn("GEN-5: refunds past their due date", fields);
    } else {
      log.info("GEN-5: no refund past its due date", fields);
    }
    ObjectNode result = Json.object();
    fields.forEach(
        (name, value) -> {
          if (value instanceof Integer n) {
            result.put(name, n);
          } else {
            result.put(name, (String) value);
          }
        });
    return result;
  }

  /** The event's {@code time}; the clock only when the event has none (a manual invoke). */
  private Instant timeOf(JsonNode event) {
    String time = event.path("time").asText(null);
    if (time != null) {
      try {
        return Instant.parse(time);
      } catch (DateTimeParseException e) {
        log.warn("scheduled event time is not an instant; using the clock", Map.of());
      }
    }
    return clock.instant();
  }
}
