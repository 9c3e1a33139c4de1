package org.aftersales.shared.store.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One {@code UpdateItem}'s expression, built attribute by attribute: every name and value goes
 * through a placeholder (so reserved words and names like {@code outbox:ev-…} are fine). An update,
 * unlike a put, leaves the attributes it does not name as they are: the outbox and the request
 * records of an item survive a write of its record.
 */
final class ItemUpdate {

  private final List<String> sets = new ArrayList<>();
  private final List<String> removes = new ArrayList<>();
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();
  private final Map<String, AttributeValue> written = new LinkedHashMap<>();

  /** {@code SET name = value}. */
  ItemUpdate set(String name, AttributeValue value) {
    sets.add(name(name) + " = " + value(value));
    written.put(name, value);
    return this;
  }

  /** {@code SET name = if_not_exists(name, value)}: keeps a value already stored. */
  ItemUpdate setIfAbsent(String name, AttributeValue value) {
    String n = name(name);
    sets.add(n + " = if_not_exists(" + n + ", " + value(value) + ")");
    written.put(name, value);
    return this;
  }

  /** Sets every attribute of {@code item} but its key. */
  ItemUpdate setAll(Map<String, AttributeValue> item) {
    item.forEach(
        (name, value) -> {
          if (!name.equals("pk") && !name.equals("sk")) {
            set(name, value);
          }
        });
    return this;
  }

  /**
   * Every attribute of the record {@code record} builds, but its key, set; those it names without a
   * value removed. What the record does not name (the outbox, request records) stays as stored.
   */
  static ItemUpdate replacing(Item.Builder record) {
    ItemUpdate update = new ItemUpdate().setAll(record.build());
    record.leftOut().forEach(update::remove);
    return update;
  }

  /** {@code REMOVE name}. */
  ItemUpdate remove(String name) {
    removes.add(name(name));
    return this;
  }

  /** A placeholder for a value used in a condition. */
  String value(AttributeValue value) {
    String placeholder = ":v" + values.size();
    values.put(placeholder, value);
    return placeholder;
  }

  /** A placeholder for a name used in a condition. */
  String name(String name) {
    String placeholder = "#n" + names.size();
    names.put(placeholder, name);
    return placeholder;
  }

  boolean isEmpty() {
    return sets.isEmpty() && removes.isEmpty();
  }

  String expression() {
    StringBuilder e = new StringBuilder();
    if (!sets.isEmpty()) {
      e.append("SET ").append(String.join(", ", sets));
    }
    if (!removes.isEmpty()) {
      e.append(e.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
    }
    return e.toString();
  }

  Map<String, String> names() {
    return names;
  }

  Map<String, AttributeValue> values() {
    return values;
  }

  /** What the update sets, by attribute (for the item size guard). */
  Map<String, AttributeValue> written() {
    return written;
  }
}
