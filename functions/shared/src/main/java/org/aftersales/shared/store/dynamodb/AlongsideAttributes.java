package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.idempotency.IdempotencyStore.StoredResponse;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.RequestRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place for what an item keeps beside its record, written in the record's own conditional
 * update (docs/design.md "Events"):
 *
 * <ul>
 *   <li>the outbox: one attribute {@code outbox:{eventId}} per unpublished event ({@code seq},
 *       {@code type}, {@code orderId}, {@code occurredAt}, {@code json}), and while there is one,
 *       the sparse {@code Outbox} index key {@code gsi4pk = OUTBOX}, {@code gsi4sk = {occurredAt of
 *       the oldest}#{pk}} (kept by {@code if_not_exists}, so the oldest stays);
 *   <li>request records: one attribute {@code request:{caller scope}#{key}} per {@code
 *       Idempotency-Key} that changed the item ({@code requestHash}, {@code status}, {@code
 *       headers}, {@code body}, {@code expiresAt});
 *   <li>{@code writes}: the ids of the item's latest writes, oldest first (a list of strings).
 * </ul>
 *
 * Top-level attributes (not one map) so that a write never needs to know whether a map exists yet
 * and the publisher removes exactly what it published.
 */
final class AlongsideAttributes {

  static final String OUTBOX_PREFIX = "outbox:";
  static final String REQUEST_PREFIX = "request:";
  static final String OUTBOX_PARTITION = "OUTBOX";
  static final String WRITES = "writes";

  private AlongsideAttributes() {}

  /** Adds {@code alongside} to {@code update} of the item {@code pk} written at {@code version}. */
  static ItemUpdate add(ItemUpdate update, String pk, Alongside alongside, long version) {
    addEvents(update, pk, alongside.events(), version);
    if (alongside.requestKey() != null) {
      RequestRecord record = alongside.request();
      update.set(
          REQUEST_PREFIX + alongside.requestKey(),
          AttributeValue.fromM(
              Item.builder()
                  .s("requestHash", record.requestHash())
                  .n("status", record.response().status())
                  .strings("headers", record.response().headers())
                  .s("body", record.response().body() == null ? "" : record.response().body())
                  .n("expiresAt", record.expiresAt().getEpochSecond())
                  .build()));
    }
    alongside.expiredRequests().forEach(key -> update.remove(REQUEST_PREFIX + key));
    if (!alongside.writes().isEmpty()) {
      update.set(
          WRITES,
          AttributeValue.fromL(alongside.writes().stream().map(AttributeValue::fromS).toList()));
    }
    return update;
  }

  static void addEvents(ItemUpdate update, String pk, List<Event> events, long version) {
    if (events.isEmpty()) {
      return;
    }
    Instant oldest = events.getFirst().occurredAt();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      update.set(
          OUTBOX_PREFIX + e.eventId(),
          AttributeValue.fromM(
              Item.builder()
                  .s("seq", seq(version, i))
                  .s("type", e.type())
                  .s("orderId", e.orderId())
                  .s("occurredAt", e.occurredAt())
                  .s("json", Json.write(e.toJson()))
                  .build()));
      if (e.occurredAt().isBefore(oldest)) {
        oldest = e.occurredAt();
      }
    }
    update.set("gsi4pk", AttributeValue.fromS(OUTBOX_PARTITION));
    update.setIfAbsent("gsi4sk", AttributeValue.fromS(oldest + "#" + pk));
  }

  /** {@code {version, 12 digits}#{index, 3 digits}}: sorts as the decisions were written. */
  static String seq(long version, int index) {
    return String.format("%012d#%03d", version, index);
  }

  /** The item's unpublished events, in the order of their decisions. */
  static List<PendingEvent> pending(Map<String, AttributeValue> item) {
    List<PendingEvent> events = new ArrayList<>();
    item.forEach(
        (name, value) -> {
          if (name.startsWith(OUTBOX_PREFIX)) {
            Item.Reader e = new Item.Reader(value.m(), name);
            events.add(
                new PendingEvent(
                    name.substring(OUTBOX_PREFIX.length()),
                    e.s("type"),
                    e.s("orderId"),
                    e.instant("occurredAt"),
                    e.s("seq"),
                    e.s("json")));
          }
        });
    events.sort(Comparator.comparing(PendingEvent::seq));
    return events;
  }

  /** The item's request records by caller-scoped key, expired ones included. */
  static Map<String, RequestRecord> requests(Map<String, AttributeValue> item) {
    Map<String, RequestRecord> records = new LinkedHashMap<>();
    item.forEach(
        (name, value) -> {
          if (name.startsWith(REQUEST_PREFIX)) {
            Item.Reader r = new Item.Reader(value.m(), name);
            records.put(
                name.substring(REQUEST_PREFIX.length()),
                new RequestRecord(
                    r.s("requestHash"),
                    new StoredResponse(r.i("status"), r.stringMap("headers"), r.s("body")),
                    Instant.ofEpochSecond(r.n("expiresAt"))));
          }
        });
    return records;
  }

  /** The ids of the item's latest writes, oldest first; empty for an item written before them. */
  static List<String> writes(Map<String, AttributeValue> item) {
    AttributeValue writes = item.get(WRITES);
    return writes == null || !writes.hasL()
        ? List.of()
        : writes.l().stream().map(AttributeValue::s).toList();
  }
}
