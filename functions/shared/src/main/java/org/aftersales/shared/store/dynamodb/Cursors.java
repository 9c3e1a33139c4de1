package org.aftersales.shared.store.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.aftersales.shared.store.InvalidCursorException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pagination cursors ({@code nextToken}): a query's {@code LastEvaluatedKey} (string key attributes
 * only) as URL-safe base64 of {@code name\u0000value} pairs. Decoding accepts only the key
 * attributes of the index being queried, so a cursor can't smuggle other conditions in.
 */
public final class Cursors {

  private static final char SEPARATOR = '\u0000';

  private Cursors() {}

  public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
    if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(lastEvaluatedKey)
        .forEach(
            (name, value) -> {
              if (value.s() == null) {
                throw new IllegalStateException(
                    "cursor key attribute " + name + " is not a string");
              }
              text.append(name).append(SEPARATOR).append(value.s()).append(SEPARATOR);
            });
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The exclusive start key of a query of partition {@code partitionValue} of an index, or null for
   * a null cursor. A cursor of another partition, or with an empty key value, would make DynamoDB
   * refuse the query: it is refused here as not issued by this listing.
   */
  public static Map<String, AttributeValue> decode(
      String cursor, Set<String> keyAttributes, String partitionAttribute, String partitionValue) {
    if (cursor == null) {
      return null;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("nextToken is not a token this service issued");
    }
    String[] parts = text.split(String.valueOf(SEPARATOR), -1);
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (int i = 0; i + 1 < parts.length; i += 2) {
      key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
    }
    if (parts.length % 2 != 1
        || !parts[parts.length - 1].isEmpty()
        || !key.keySet().equals(keyAttributes)
        || key.values().stream().anyMatch(value -> value.s().isEmpty())) {
      throw new InvalidCursorException("nextToken is not a token this service issued");
    }
    if (!partitionValue.equals(key.get(partitionAttribute).s())) {
      throw new InvalidCursorException("nextToken belongs to another listing");
    }
    return key;
  }
}
