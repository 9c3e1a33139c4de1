package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.BreakdownLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place for how the hand-written mappers write and read attributes (cold start rule: no
 * bean schemas): a builder that leaves out null values, a strict reader whose errors name the
 * attribute, the key scheme of the one table and the value types every record uses (a unit, a
 * breakdown line, a map of strings; amounts in minor units, GEN-1).
 */
public final class Item {

  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Item() {}

  /** {@code at} as a {@code ByStatus} sort key writes it (fixed width, so it sorts by time). */
  static String sortable(Instant at) {
    return SORTABLE.format(at);
  }

  /** The key of a record of {@code kind} (ORDER, RETURN, CLAIM…): {@code {kind}#{id}} / kind. */
  public static Map<String, AttributeValue> key(String kind, String id) {
    return builder().key(kind, id).build();
  }

  /**
   * Builds an attribute map in insertion order; null values are left out, and their names kept
   * ({@link #leftOut}) so that a replace can remove what the record no longer has.
   */
  public static final class Builder {
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final Set<String> leftOut = new LinkedHashSet<>();

    /** {@code pk = {kind}#{id}}, {@code sk = {kind}}. */
    public Builder key(String kind, String id) {
      return s("pk", kind + "#" + id).s("sk", kind);
    }

    /** In index {@code ByOrder} under the order (when it names one): {@code {kind}#{id}}. */
    public Builder byOrder(String orderId, String kind, String id) {
      return orderId == null
          ? s("gsi1pk", (String) null).s("gsi1sk", (String) null)
          : s("gsi1pk", "ORDER#" + orderId).s("gsi1sk", kind + "#" + id);
    }

    /** In index {@code ByStatus} partition {@code partition}, sorted by {@code since} then id. */
    public Builder byStatus(String partition, Object since, String id) {
      return s("gsi2pk", partition).s("gsi2sk", since + "#" + id);
    }

    public Builder unit(UnitRef unit) {
      return s("lineId", unit.lineId()).n("index", unit.index());
    }

    public Builder breakdown(String name, List<BreakdownLine> lines) {
      return list(
          name,
          lines,
          line ->
              builder()
                  .s("label", line.label())
                  .n("amount", line.amount().amount())
                  .strings("ruleIds", line.ruleIds())
                  .build());
    }

    public Builder strings(String name, Map<String, String> value) {
      Map<String, AttributeValue> m = new LinkedHashMap<>();
      value.forEach((k, v) -> m.put(k, AttributeValue.fromS(v)));
      return map(name, m);
    }

    public Builder s(String name, String value) {
      if (value != null) {
        values.put(name, AttributeValue.fromS(value));
      } else {
        leftOut.add(name);
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
      } else {
        leftOut.add(name);
      }
      return this;
    }

    public Map<String, AttributeValue> build() {
      return Map.copyOf(values);
    }

    /** The attributes named with a null value: absent from {@link #build}. */
    public Set<String> leftOut() {
      Set<String> absent = new LinkedHashSet<>(leftOut);
      absent.removeAll(values.keySet());
      return absent;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a stored map; a missing required attribute is a corrupt item (an error, not a default).
   */
  public record Reader(Map<String, AttributeValue> values, String where) {

    /** A stored record of {@code kind}, named in errors by its {@code idAttribute}. */
    public static Reader of(Map<String, AttributeValue> values, String kind, String idAttribute) {
      AttributeValue id = values.get(idAttribute);
      return new Reader(values, kind + " " + (id == null ? "?" : id.s()));
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
      return required(name).bool();
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

    /** A map of strings, or an empty one when absent; keys in order. */
    public Map<String, String> stringMap(String name) {
      Map<String, String> m = new TreeMap<>();
      if (has(name)) {
        values.get(name).m().forEach((k, v) -> m.put(k, v.s()));
      }
      return m;
    }

    public UnitRef unit() {
      return new UnitRef(s("lineId"), i("index"));
    }

    public Money money(String name, Currency currency) {
      return Money.of(n(name), currency);
    }

    public List<BreakdownLine> breakdown(String name, Currency currency) {
      return list(
          name,
          line ->
              new BreakdownLine(
                  line.s("label"), line.money("amount", currency), line.strings("ruleIds")));
    }
  }
}
