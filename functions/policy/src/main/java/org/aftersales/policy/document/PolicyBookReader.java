package org.aftersales.policy.document;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the policy JSON ({@code {"versions": [ {...}, ... ]}}) onto {@link PolicyDocument}s,
 * strictly: every field required, unknown fields refused, errors name the JSON path ({@code
 * versions[1].returnWindowDays}).
 */
final class PolicyBookReader {

  private static final Set<String> VERSION_FIELDS =
      Set.of(
          "version",
          "effectiveFrom",
          "storeZone",
          "holidays",
          "refundDueBusinessDays",
          "autoCancelAfterBusinessDays",
          "returnWindowDays",
          "returnSendByDays",
          "doaWindowDays",
          "evidenceExpiryDays",
          "uploadUrlMinutes",
          "nonReturnableCategories",
          "warrantyMonthsByCategory",
          "defaultWarrantyMonths",
          "returnAddress",
          "evidenceRules",
          "priceDropRefunds");

  private PolicyBookReader() {}

  static PolicyBook read(String jsonText) {
    Map<String, Object> root = object(Json.parse(jsonText), "$");
    allowOnly(root, "$", Set.of("description", "versions"));
    List<Object> versions = list(root, "versions", "$");
    List<PolicyDocument> docs = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      docs.add(document(object(versions.get(i), "versions[" + i + "]"), "versions[" + i + "]"));
    }
    try {
      return new PolicyBook(docs);
    } catch (IllegalArgumentException e) {
      throw new PolicyFormatException("policy book: " + e.getMessage(), e);
    }
  }

  private static PolicyDocument document(Map<String, Object> v, String path) {
    allowOnly(v, path, VERSION_FIELDS);
    String version = string(v, "version", path);
    Instant effectiveFrom =
        parse(path + ".effectiveFrom", () -> Instant.parse(string(v, "effectiveFrom", path)));
    ZoneId zone = parse(path + ".storeZone", () -> ZoneId.of(string(v, "storeZone", path)));
    Set<LocalDate> holidays = new LinkedHashSet<>();
    List<Object> rawHolidays = list(v, "holidays", path);
    for (int i = 0; i < rawHolidays.size(); i++) {
      String p = path + ".holidays[" + i + "]";
      String text = asString(rawHolidays.get(i), p);
      holidays.add(parse(p, () -> LocalDate.parse(text)));
    }
    Set<String> nonReturnable = new LinkedHashSet<>(strings(v, "nonReturnableCategories", path));
    Map<String, Integer> warranty = new LinkedHashMap<>();
    Map<String, Object> rawWarranty =
        object(field(v, "warrantyMonthsByCategory", path), path + ".warrantyMonthsByCategory");
    rawWarranty.forEach(
        (k, val) -> warranty.put(k, asInt(val, path + ".warrantyMonthsByCategory." + k)));
    Map<String, Object> address = object(field(v, "returnAddress", path), path + ".returnAddress");
    String ap = path + ".returnAddress";
    allowOnly(address, ap, Set.of("recipient", "lines", "countryCode"));
    ReturnAddress returnAddress =
        new ReturnAddress(
            string(address, "recipient", ap),
            strings(address, "lines", ap),
            string(address, "countryCode", ap));
    Map<EvidenceKind, EvidenceRule> rules = new EnumMap<>(EvidenceKind.class);
    String rp = path + ".evidenceRules";
    object(field(v, "evidenceRules", path), rp)
        .forEach(
            (k, val) -> {
              EvidenceKind kind = parse(rp + "." + k, () -> EvidenceKind.valueOf(k));
              Map<String, Object> rule = object(val, rp + "." + k);
              allowOnly(rule, rp + "." + k, Set.of("allowedContentTypes", "maxBytes"));
              rules.put(
                  kind,
                  parse(
                      rp + "." + k,
                      () ->
                          new EvidenceRule(
                              strings(rule, "allowedContentTypes", rp + "." + k),
                              asLong(
                                  field(rule, "maxBytes", rp + "." + k),
                                  rp + "." + k + ".maxBytes"))));
            });
    Object priceDrop = field(v, "priceDropRefunds", path);
    if (!(priceDrop instanceof Boolean priceDropRefunds)) {
      throw new PolicyFormatException(path + ".priceDropRefunds: expected true or false");
    }
    return parse(
        path,
        () ->
            new PolicyDocument(
                version,
                effectiveFrom,
                zone,
                holidays,
                integer(v, "refundDueBusinessDays", path),
                integer(v, "autoCancelAfterBusinessDays", path),
                integer(v, "returnWindowDays", path),
                integer(v, "returnSendByDays", path),
                integer(v, "doaWindowDays", path),
                integer(v, "evidenceExpiryDays", path),
                integer(v, "uploadUrlMinutes", path),
                nonReturnable,
                warranty,
                integer(v, "defaultWarrantyMonths", path),
                returnAddress,
                rules,
                priceDropRefunds));
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T parse(String path, Parse<T> parse) {
    try {
      return parse.get();
    } catch (PolicyFormatException e) {
      throw e;
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new PolicyFormatException(path + ": " + e.getMessage(), e);
    }
  }

  private static void allowOnly(Map<String, Object> map, String path, Set<String> allowed) {
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw new PolicyFormatException(path + ": unknown field \"" + key + "\"");
      }
    }
  }

  private static Object field(Map<String, Object> map, String name, String path) {
    Object value = map.get(name);
    if (value == null || value == Json.NULL) {
      throw new PolicyFormatException(path + "." + name + ": is required");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new PolicyFormatException(path + ": expected an object");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> map, String name, String path) {
    Object value = field(map, name, path);
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new PolicyFormatException(path + "." + name + ": expected an array");
  }

  private static List<String> strings(Map<String, Object> map, String name, String path) {
    List<Object> raw = list(map, name, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      out.add(asString(raw.get(i), path + "." + name + "[" + i + "]"));
    }
    return out;
  }

  private static String string(Map<String, Object> map, String name, String path) {
    return asString(field(map, name, path), path + "." + name);
  }

  private static String asString(Object value, String path) {
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new PolicyFormatException(path + ": expected a non-empty string");
  }

  private static int integer(Map<String, Object> map, String name, String path) {
    return asInt(field(map, name, path), path + "." + name);
  }

  private static int asInt(Object value, String path) {
    long l = asLong(value, path);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new PolicyFormatException(path + ": out of range");
    }
    return (int) l;
  }

  private static long asLong(Object value, String path) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof BigDecimal) {
      throw new PolicyFormatException(path + ": expected an integer, got " + value);
    }
    throw new PolicyFormatException(path + ": expected an integer");
  }
}
