package org.aftersales.shared.store.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.shared.events.EmailStates;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link EmailStates} on the one table: a {@code BatchGetItem} of the EMAIL items of the events
 * ({@code EMAIL#{eventId}} / {@code EMAIL}, 100 keys a request), unprocessed keys asked again; one
 * event's alone, a consistent {@code GetItem}. An item without {@code emailStatus} counts as none.
 */
public record DynamoDbEmailStates(DynamoDbClient dynamoDb, String tableName)
    implements EmailStates {

  static final String KIND = "EMAIL";
  private static final int BATCH = 100;
  private static final int ATTEMPTS = 5;

  public DynamoDbEmailStates {
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public Map<String, EmailState> of(List<String> eventIds) {
    Map<String, EmailState> states = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(eventIds));
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
        keys.add(Item.key(KIND, id));
      }
      Map<String, KeysAndAttributes> request =
          Map.of(tableName, KeysAndAttributes.builder().keys(keys).build());
      for (int attempt = 1; !request.isEmpty(); attempt++) {
        Map<String, KeysAndAttributes> asked = request;
        BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
        for (Map<String, AttributeValue> item :
            response.responses().getOrDefault(tableName, List.of())) {
          if (item.containsKey("emailStatus")) {
            states.put(item.get("pk").s().substring(KIND.length() + 1), state(item));
          }
        }
        request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        if (!request.isEmpty() && attempt >= ATTEMPTS) {
          throw new IllegalStateException(
              "DynamoDB left email states unread after " + attempt + " tries");
        }
      }
    }
    return states;
  }

  @Override
  public Optional<EmailState> of(String eventId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(tableName).key(Item.key(KIND, eventId)).consistentRead(true))
            .item();
    return item == null || !item.containsKey("emailStatus")
        ? Optional.empty()
        : Optional.of(state(item));
  }

  private static EmailState state(Map<String, AttributeValue> item) {
    Item.Reader r = Item.Reader.of(item, "email", "pk");
    return new EmailState(
        r.s("emailStatus"),
        r.has("attempts") ? r.i("attempts") : 0,
        r.optInstant("updatedAt"),
        r.optS("lastError"));
  }
}
