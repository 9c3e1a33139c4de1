package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.store.InvalidCursorException;
import org.aftersales.shared.store.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link OutboxStore} on the one table. The outbox attributes and the {@code Outbox} index keys are
 * {@link AlongsideAttributes}'; a published event becomes an item {@code pk = EVENT#{eventId}},
 * {@code sk = EVENT}, in {@code ByOrder} under its order with {@code gsi1sk =
 * EVENT#{occurredAt}#{seq}#{eventId}} (the order's history, oldest first; events of one write in
 * the order they were announced), holding the event JSON as published. Removing from the outbox is
 * one {@code UpdateItem}: conditional on the version read when it empties the outbox (so the index
 * key goes with the last event, never before a newer decision's), unconditional otherwise (a
 * removed attribute that is already gone is no harm).
 */
public record DynamoDbOutboxStore(DynamoDbClient dynamoDb, String tableName)
    implements OutboxStore {

  static final String EVENT_KIND = "EVENT";
  private static final Set<String> OUTBOX_KEY = Set.of("pk", "sk", "gsi4pk", "gsi4sk");
  private static final Set<String> BY_ORDER_KEY = Set.of("pk", "sk", "gsi1pk", "gsi1sk");
  private static final int BATCH = 25;

  public DynamoDbOutboxStore {
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public Page<ItemRef> withUnpublished(String cursor, int limit) {
    Map<String, AttributeValue> start =
        Cursors.decode(cursor, OUTBOX_KEY, "gsi4pk", AlongsideAttributes.OUTBOX_PARTITION);
    QueryResponse page =
        dynamoDb.query(
            q ->
                q.tableName(tableName)
                    .indexName("Outbox")
                    .keyConditionExpression("gsi4pk = :outbox")
                    .expressionAttributeValues(
                        Map.of(
                            ":outbox", AttributeValue.fromS(AlongsideAttributes.OUTBOX_PARTITION)))
                    .exclusiveStartKey(start)
                    .limit(limit));
    return new Page<>(
        page.items().stream()
            .map(item -> new ItemRef(item.get("pk").s(), item.get("sk").s()))
            .toList(),
        Cursors.encode(page.lastEvaluatedKey()));
  }

  @Override
  public Optional<OutboxItem> read(ItemRef ref) {
    GetItemResponse response =
        dynamoDb.getItem(g -> g.tableName(tableName).key(key(ref)).consistentRead(true));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = response.item();
    AttributeValue version = item.get("version");
    return Optional.of(
        new OutboxItem(
            ref,
            version == null ? 0 : Long.parseLong(version.n()),
            AlongsideAttributes.pending(item)));
  }

  @Override
  public void markPublished(OutboxItem item, List<PendingEvent> published, Instant at) {
    if (published.isEmpty()) {
      return;
    }
    List<WriteRequest> puts = new ArrayList<>();
    for (PendingEvent e : published) {
      puts.add(
          WriteRequest.builder()
              .putRequest(PutRequest.builder().item(eventItem(e, at)).build())
              .build());
    }
    for (int from = 0; from < puts.size(); from += BATCH) {
      writeAll(puts.subList(from, Math.min(puts.size(), from + BATCH)));
    }
    ItemUpdate update = new ItemUpdate();
    published.forEach(e -> update.remove(AlongsideAttributes.OUTBOX_PREFIX + e.eventId()));
    boolean all =
        published.stream()
            .map(PendingEvent::eventId)
            .toList()
            .containsAll(item.events().stream().map(PendingEvent::eventId).toList());
    if (all) {
      ItemUpdate emptying = new ItemUpdate();
      published.forEach(e -> emptying.remove(AlongsideAttributes.OUTBOX_PREFIX + e.eventId()));
      emptying.remove("gsi4pk").remove("gsi4sk");
      String condition =
          emptying.name("version")
              + " = "
              + emptying.value(AttributeValue.fromN(Long.toString(item.version())));
      try {
        update(item.ref(), emptying, condition);
        return;
      } catch (ConditionalCheckFailedException newer) {
        // a decision wrote since the read: its events keep the item in the index
      }
    }
    try {
      update(item.ref(), update, "attribute_exists(pk)");
    } catch (ConditionalCheckFailedException gone) {
      // the item was deleted since the read (a void return or claim): nothing left to remove
    }
  }

  @Override
  public boolean published(String eventId) {
    GetItemResponse response =
        dynamoDb.getItem(
            g ->
                g.tableName(tableName)
                    .key(Item.key(EVENT_KIND, eventId))
                    .projectionExpression("pk")
                    .consistentRead(true));
    return response.hasItem() && !response.item().isEmpty();
  }

  @Override
  public Page<PublishedEvent> history(String orderId, String cursor, int limit) {
    Map<String, AttributeValue> start =
        Cursors.decode(cursor, BY_ORDER_KEY, "gsi1pk", "ORDER#" + orderId);
    if (start != null && !start.get("gsi1sk").s().startsWith(EVENT_KIND + "#")) {
      throw new InvalidCursorException("nextToken belongs to another listing");
    }
    QueryResponse page =
        dynamoDb.query(
            q ->
                q.tableName(tableName)
                    .indexName("ByOrder")
                    .keyConditionExpression("gsi1pk = :order AND begins_with(gsi1sk, :events)")
                    .expressionAttributeValues(
                        Map.of(
                            ":order", AttributeValue.fromS("ORDER#" + orderId),
                            ":events", AttributeValue.fromS(EVENT_KIND + "#")))
                    .exclusiveStartKey(start)
                    .limit(limit));
    List<PublishedEvent> events = new ArrayList<>();
    for (Map<String, AttributeValue> values : page.items()) {
      Item.Reader e = Item.Reader.of(values, "event", "eventId");
      events.add(
          new PublishedEvent(
              e.s("eventId"),
              e.s("eventType"),
              e.instant("occurredAt"),
              e.instant("publishedAt"),
              e.s("json")));
    }
    return new Page<>(events, Cursors.encode(page.lastEvaluatedKey()));
  }

  private static Map<String, AttributeValue> eventItem(PendingEvent e, Instant at) {
    return Item.builder()
        .key(EVENT_KIND, e.eventId())
        .s("type", EVENT_KIND)
        .s("eventId", e.eventId())
        .s("eventType", e.type())
        .s("orderId", e.orderId())
        .s("occurredAt", e.occurredAt())
        .s("publishedAt", at)
        .s("json", e.json())
        .s("gsi1pk", "ORDER#" + e.orderId())
        .s("gsi1sk", EVENT_KIND + "#" + e.occurredAt() + "#" + e.seq() + "#" + e.eventId())
        .build();
  }

  private void writeAll(List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      Map<String, List<WriteRequest>> request = pending;
      BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      if (!pending.isEmpty() && attempt >= 5) {
        throw new IllegalStateException(
            "DynamoDB left "
                + pending.size()
                + " event items unwritten after "
                + attempt
                + " tries");
      }
    }
  }

  private void update(ItemRef ref, ItemUpdate update, String condition) {
    dynamoDb.updateItem(
        u -> {
          u.tableName(tableName)
              .key(key(ref))
              .updateExpression(update.expression())
              .expressionAttributeNames(update.names());
          if (!update.values().isEmpty()) {
            u.expressionAttributeValues(update.values());
          }
          u.conditionExpression(condition);
        });
  }

  private static Map<String, AttributeValue> key(ItemRef ref) {
    return Map.of("pk", AttributeValue.fromS(ref.pk()), "sk", AttributeValue.fromS(ref.sk()));
  }
}
