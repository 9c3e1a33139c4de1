package org.aftersales.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.aftersales.shared.Production;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.OutboxStore.ItemRef;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.EventFunction;
import org.aftersales.shared.observability.JsonLog;

/**
 * {@code EventPublisherFunction}: puts the events the items' outboxes hold on the stack's bus
 * (MSG-2, {@link EventPublisher}).
 *
 * <ul>
 *   <li>Triggered by the table's stream (AWS; records filtered to items carrying the {@code Outbox}
 *       index key): publishes the items of the batch's records, each once, in the batch's order; a
 *       failure fails the invocation after the others are done, and the stream retries the batch.
 *   <li>Triggered by its schedule ({@code Scheduled Event}; the only trigger locally, where
 *       dynalite has no stream): sweeps the {@code Outbox} index, oldest first, until it is empty
 *       or the invocation's time runs short.
 * </ul>
 *
 * Returns {@code {"trigger", "items", "events", "failures", "complete"}}. Side effects: EventBridge
 * {@code PutEvents}; EVENT items and outbox removals in the table; log lines; EMF {@code
 * EventsPublished}, {@code EventPublishFailures}.
 */
public final class PublisherHandler extends EventFunction {

  static final int SWEEP_PAGE = 25;

  /** Time kept back at the end of an invocation: a sweep stops before it. */
  static final long MARGIN_MILLIS = 10_000;

  private final EventPublisher publisher;

  /** Lambda's entry point: the table of {@code TABLE_NAME}, the bus of {@code EVENT_BUS_NAME}. */
  public PublisherHandler() {
    this(
        Production.outbox(),
        EventBridgeBus.fromEnvironment(),
        JsonLog.fromEnvironment(),
        EmfMetrics.fromEnvironment(),
        Clock.systemUTC());
  }

  public PublisherHandler(
      OutboxStore outbox, EventBus bus, JsonLog log, EmfMetrics metrics, Clock clock) {
    super("outbox", log, metrics);
    this.publisher = new EventPublisher(outbox, bus, clock);
  }

  @Override
  protected JsonNode handle(JsonNode event, Context context) {
    LongSupplier remaining =
        context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis();
    ObjectNode result = Json.object();
    EventPublisher.Sweep done;
    if (event.has("Records")) {
      result.put("trigger", "stream");
      done = fromStream(event);
    } else {
      result.put("trigger", "sweep");
      done =
          publisher.sweep(
              SWEEP_PAGE,
              remaining,
              MARGIN_MILLIS,
              (ref, e) -> log.error("MSG-2: an item's events could not be published", key(ref), e));
    }
    metrics.put("EventsPublished", done.events(), EmfMetrics.Unit.COUNT);
    metrics.put("EventPublishFailures", done.failures(), EmfMetrics.Unit.COUNT);
    result.put("items", done.items());
    result.put("events", done.events());
    result.put("failures", done.failures());
    result.put("complete", done.complete());
    Map<String, Object> fields = new LinkedHashMap<>();
    result.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
    log.info("MSG-2: outbox published", fields);
    if (event.has("Records") && done.failures() > 0) {
      throw new IllegalStateException(
          done.failures() + " items of the stream batch could not be published; retried");
    }
    return result;
  }

  private EventPublisher.Sweep fromStream(JsonNode event) {
    Set<ItemRef> refs = new LinkedHashSet<>();
    for (JsonNode record : event.path("Records")) {
      JsonNode keys = record.path("dynamodb").path("Keys");
      String pk = keys.path("pk").path("S").asText(null);
      String sk = keys.path("sk").path("S").asText(null);
      if (pk != null && sk != null) {
        refs.add(new ItemRef(pk, sk));
      }
    }
    int items = 0;
    int events = 0;
    List<ItemRef> failed = new ArrayList<>();
    for (ItemRef ref : refs) {
      try {
        events += publisher.publish(ref).events();
        items++;
      } catch (RuntimeException e) {
        failed.add(ref);
        log.error("MSG-2: an item's events could not be published", key(ref), e);
      }
    }
    return new EventPublisher.Sweep(items, events, failed.size(), failed.isEmpty());
  }

  private static Map<String, Object> key(ItemRef ref) {
    return Map.of("pk", ref.pk(), "sk", ref.sk());
  }
}
