package org.aftersales.emails;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.order.Contact;
import org.aftersales.shared.store.dynamodb.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The EMAIL items of the table (docs/design.md "Data") and the order's contact, read alone. An
 * EMAIL item: {@code pk = EMAIL#{eventId}}, {@code sk = EMAIL}, in index {@code ByOrder} under its
 * order ({@code gsi1pk = ORDER#{orderId}}, {@code gsi1sk = EMAIL#{eventId}}), with {@code
 * emailStatus} (SENDING | SENT | FAILED), {@code attempts}, {@code updatedAt}, {@code lastError}
 * (never an address), {@code eventType} and, once sent, {@code sesMessageId}. Every write is one
 * conditional request; failures propagate.
 */
record DynamoDbEmailLedger(DynamoDbClient dynamoDb, String table)
    implements EmailLedger, OrderContacts {

  static final String KIND = "EMAIL";

  @Override
  public Optional<Entry> claim(String eventId, String orderId, String eventType, Instant now) {
    Map<String, AttributeValue> item =
        Item.builder()
            .key(KIND, eventId)
            .byOrder(orderId, KIND, eventId)
            .s("type", KIND)
            .s("eventId", eventId)
            .s("orderId", orderId)
            .s("eventType", eventType)
            .s("emailStatus", Status.SENDING)
            .n("attempts", 0)
            .s("updatedAt", now)
            .build();
    try {
      dynamoDb.putItem(
          r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> found =
          dynamoDb
              .getItem(r -> r.tableName(table).key(Item.key(KIND, eventId)).consistentRead(true))
              .item();
      Item.Reader reader = Item.Reader.of(found, KIND, "eventId");
      return Optional.of(
          new Entry(
              Status.valueOf(reader.s("emailStatus")),
              reader.i("attempts"),
              reader.instant("updatedAt"),
              reader.optS("lastError")));
    }
  }

  @Override
  public void attempt(String eventId, int attempts, Instant now) {
    update(
        eventId,
        "SET attempts = :a, updatedAt = :u",
        "emailStatus = :sending",
        Map.of(
            ":a", AttributeValue.fromN(Integer.toString(attempts)),
            ":u", AttributeValue.fromS(now.toString()),
            ":sending", AttributeValue.fromS(Status.SENDING.name())));
  }

  /**
   * Unconditional but for the item's existence: an email that went out is SENT, whatever was said.
   */
  @Override
  public void sent(String eventId, int attempts, String messageId, Instant now) {
    update(
        eventId,
        "SET emailStatus = :s, attempts = :a, updatedAt = :u, sesMessageId = :m REMOVE lastError",
        "attribute_exists(pk)",
        Map.of(
            ":s", AttributeValue.fromS(Status.SENT.name()),
            ":a", AttributeValue.fromN(Integer.toString(attempts)),
            ":u", AttributeValue.fromS(now.toString()),
            ":m", AttributeValue.fromS(messageId == null ? "" : messageId)));
  }

  @Override
  public void failed(String eventId, int attempts, String error, Instant now, Instant expected) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":f", AttributeValue.fromS(Status.FAILED.name()));
    values.put(":a", AttributeValue.fromN(Integer.toString(attempts)));
    values.put(":e", AttributeValue.fromS(error));
    values.put(":u", AttributeValue.fromS(now.toString()));
    values.put(":sending", AttributeValue.fromS(Status.SENDING.name()));
    String condition = "emailStatus = :sending";
    if (expected != null) {
      values.put(":expected", AttributeValue.fromS(expected.toString()));
      condition += " AND updatedAt = :expected";
    }
    update(
        eventId,
        "SET emailStatus = :f, attempts = :a, lastError = :e, updatedAt = :u",
        condition,
        values);
  }

  private void update(
      String eventId, String update, String condition, Map<String, AttributeValue> values) {
    dynamoDb.updateItem(
        r ->
            r.tableName(table)
                .key(Item.key(KIND, eventId))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeValues(values));
  }

  /** One GetItem of the order item, projected on its {@code contact}. */
  @Override
  public Optional<Contact> contactOf(String orderId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Item.key("ORDER", orderId))
                        .projectionExpression("#c")
                        .expressionAttributeNames(Map.of("#c", "contact"))
                        .consistentRead(true))
            .item();
    if (item == null || !item.containsKey("contact")) {
      return Optional.empty();
    }
    Map<String, AttributeValue> contact = item.get("contact").m();
    return Optional.of(
        new Contact(
            contact.containsKey("email") ? contact.get("email").s() : null,
            contact.containsKey("language") ? contact.get("language").s() : null));
  }
}
