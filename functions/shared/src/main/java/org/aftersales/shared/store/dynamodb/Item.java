package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Small helpers for hand-written attribute mappers (cold start rule: no bean schemas): a builder
 * that leaves out null values, and a strict reader whose errors name the attribute.
 */
public final class Item {

  private Item() {}

  /** Builds an attribute map in insertion order; null values are left out. */
  public static final class Builder {
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    public Builder s(String name, String value) {
      if (value != null) {
        values.put(name, AttributeValue.fromS(value));
      }
      return this;
    }

    public Builder s(String name, Object value) {
      return s(name, value == null ? null : value.toString());
    }

    public Builder n(String name, long value) {
      values.put(name, AttributeValue.fromN(Long.toString(value)));
      return this;
    }

    public Builder bool(String name, boolean value) {
      values.put(name, AttributeValue.fromBool(value));
      return this;
    }

    public Builder strings(String name, List<String> value) {
      values.put(name, AttributeValue.fromL(value.stream().map(AttributeValue::fromS).toList()));
      return this;
    }

    public <T> Builder list(
        String name, List<T> items, Function<T, Map<String, AttributeValue>> mapper) {
      values.put(
          name,
          AttributeValue.fromL(
              items.stream().map(i -> AttributeValue.fromM(mapper.apply(i))).toList()));
      return this;
    }

    public Builder map(String name, Map<String, AttributeValue> value) {
      if (value != null) {
        values.put(name, AttributeValue.fromM(value));
      }
      return this;
    }

    public Map<String, AttributeValue> build() {
      return Map.copyOf(values);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a stored map; a missing required attribute is a corrupt item (an error, not a default).
   */
  public record Reader(Map<String, AttributeValue> values, String where) {

    public static Reader of(Map<String, AttributeValue> values, String where) {
      return new Reader(values, where);
    }

    private AttributeValue required(String name) {
      AttributeValue value = values.get(name);
      if (value == null) {
        throw new IllegalStateException("stored item " + where + " has no attribute " + name);
      }
      return value;
    }

    public String s(String name) {
      return required(name).s();
    }

    public String optS(String name) {
      AttributeValue value = values.get(name);
      return value == null ? null : value.s();
    }

    public long n(String name) {
      return Long.parseLong(required(name).n());
    }

    public int i(String name) {
      return Math.toIntExact(n(name));
    }

    public boolean bool(String name) {
      return Boolean.TRUE.equals(required(name).bool());
    }

    public boolean has(String name) {
      return values.containsKey(name);
    }

    public Instant instant(String name) {
      return Instant.parse(s(name));
    }

    public Instant optInstant(String name) {
      String value = optS(name);
      return value == null ? null : Instant.parse(value);
    }

    public LocalDate date(String name) {
      return LocalDate.parse(s(name));
    }

    public LocalDate optDate(String name) {
      String value = optS(name);
      return value == null ? null : LocalDate.parse(value);
    }

    public List<String> strings(String name) {
      return required(name).l().stream().map(AttributeValue::s).toList();
    }

    public <T> List<T> list(String name, Function<Reader, T> mapper) {
      List<AttributeValue> items = required(name).l();
      List<T> result = new ArrayList<>(items.size());
      for (int index = 0; index < items.size(); index++) {
        result.add(
            mapper.apply(new Reader(items.get(index).m(), where + "." + name + "[" + index + "]")));
      }
      return result;
    }

    public Reader map(String name) {
      return new Reader(required(name).m(), where + "." + name);
    }
  }
}
