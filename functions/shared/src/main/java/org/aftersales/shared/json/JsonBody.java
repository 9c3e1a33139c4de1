package org.aftersales.shared.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aftersales.policy.money.Money;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.FieldError;

/**
 * A JSON request body read field by field, collecting EVERY offending field (missing, wrong type,
 * out of range, unknown enum value, too long, not an RFC 3339 instant / ISO date, money amount not
 * an integer) so one {@code 400} lists them all (openapi.yaml "Conventions").
 *
 * <p>Usage: read all fields, then call {@link #throwIfInvalid()} before using any value. Until then
 * a reader returns a placeholder ({@code null}, {@code 0}, empty) for an invalid field. Unknown
 * fields are ignored (forward-compatible clients). A view of an array item or nested object shares
 * its root's error list, and its errors carry the full path ({@code lines[0].quantity}). Not
 * thread-safe; one per request.
 */
public final class JsonBody {

  /** Length limit of strings when a reader names none. */
  public static final int DEFAULT_MAX_LENGTH = 200;

  private static final String MUST_BE_AN_INTEGER = "must be an integer";

  /** Item limit of arrays when a reader names none. */
  public static final int DEFAULT_MAX_ITEMS = 500;

  /**
   * Largest money amount accepted, in minor units (GEN-1): far above any order, far below overflow.
   */
  public static final long MAX_AMOUNT = 1_000_000_000_000L;

  private static final Pattern INSTANT =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** Earliest instant or date a request may carry: nothing in this business is older. */
  public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  /** Latest instant or date a request may carry: far beyond any window, far below year 9999. */
  public static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

  /** Reads one JSON value and refuses anything after it ({@code {} x}, {@code {}{}}). */
  private static final ObjectReader WHOLE_DOCUMENT =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Reads one array item; {@code path} is the item's path, e.g. {@code lines[2]}. */
  @FunctionalInterface
  public interface ItemReader<T> {
    T read(JsonBody item, String path);
  }

  private final JsonNode node;
  private final String path;
  private final List<FieldError> errors;
  private boolean notAnObjectReported;

  private JsonBody(JsonNode node, String path, List<FieldError> errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  /**
   * Parses a request body that must be a JSON object; otherwise throws a {@code 400} on field
   * {@code body}. The error names the location, never the content.
   */
  public static JsonBody parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiProblem.badRequest("body", "is required: a JSON object");
    }
    JsonNode tree;
    try {
      tree = WHOLE_DOCUMENT.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw ApiProblem.badRequest("body", "is not valid JSON" + where);
    }
    if (tree == null || !tree.isObject()) {
      throw ApiProblem.badRequest("body", "must be a JSON object");
    }
    return of(tree);
  }

  /** A body over an already parsed tree. */
  public static JsonBody of(JsonNode tree) {
    return new JsonBody(tree, "", new ArrayList<>());
  }

  /** The node this view reads (the whole body, an array item or a nested object). */
  public JsonNode node() {
    return node;
  }

  /** The path of a field of this view, as it appears in errors. */
  public String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  // ---- strings -------------------------------------------------------------------------------

  public String requiredString(String field) {
    return requiredString(field, DEFAULT_MAX_LENGTH);
  }

  public String requiredString(String field, int maxLength) {
    return required(field, (value, at) -> string(value, at, maxLength));
  }

  public Optional<String> optionalString(String field) {
    return optionalString(field, DEFAULT_MAX_LENGTH);
  }

  public Optional<String> optionalString(String field, int maxLength) {
    return optional(field, (value, at) -> string(value, at, maxLength));
  }

  /** An id ({@link Ids}: openapi.yaml's {@code Id} schema). */
  public String requiredId(String field) {
    return required(field, this::id);
  }

  public Optional<String> optionalId(String field) {
    return optional(field, this::id);
  }

  /** This view's own value as an id, for arrays of ids ({@code "missingComponents": ["psu"]}). */
  public String asId() {
    if (absent(node)) {
      reject(path, "is required");
      return null;
    }
    return id(node, path);
  }

  /**
   * This view's own value as a string, for arrays of strings ({@code "missingComponents":
   * ["psu"]}).
   */
  public String asString(int maxLength) {
    if (absent(node)) {
      reject(path, "is required");
      return null;
    }
    return string(node, path, maxLength);
  }

  // ---- numbers -------------------------------------------------------------------------------

  public int requiredInt(String field, int min, int max) {
    Long number = required(field, (value, at) -> integer(value, at, min, max, MUST_BE_AN_INTEGER));
    return number == null ? 0 : number.intValue();
  }

  public Optional<Integer> optionalInt(String field, int min, int max) {
    return optional(field, (value, at) -> integer(value, at, min, max, MUST_BE_AN_INTEGER))
        .map(Long::intValue);
  }

  /** A money amount in minor units: a non-negative JSON integer, never a fraction (GEN-1). */
  public long requiredAmount(String field) {
    Long amount = required(field, this::amount);
    return amount == null ? 0 : amount;
  }

  public Optional<Long> optionalAmount(String field) {
    return optional(field, this::amount);
  }

  /** An ISO 4217 currency code such as {@code EUR}. */
  public String requiredCurrency(String field) {
    return required(field, this::currency);
  }

  /**
   * openapi.yaml Money {@code {"amount": 1999, "currency": "EUR"}}: both required, the amount a
   * non-negative integer in minor units (GEN-1). A bare number is a {@code 400}.
   */
  public Optional<Money> optionalMoney(String field) {
    return optional(field, this::money);
  }

  // ---- booleans and enums --------------------------------------------------------------------

  public boolean requiredBoolean(String field) {
    return Boolean.TRUE.equals(required(field, this::bool));
  }

  public Optional<Boolean> optionalBoolean(String field) {
    return optional(field, this::bool);
  }

  public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
    return required(field, (value, at) -> enumValue(value, at, type));
  }

  public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
    return optional(field, (value, at) -> enumValue(value, at, type));
  }

  // ---- time ----------------------------------------------------------------------------------

  /** An RFC 3339 instant with an offset, e.g. {@code 2026-11-02T10:00:00Z}. */
  public Instant requiredInstant(String field) {
    return required(field, this::instant);
  }

  /** An ISO calendar date {@code YYYY-MM-DD}. */
  public LocalDate requiredDate(String field) {
    return required(field, this::date);
  }

  // ---- arrays and objects --------------------------------------------------------------------

  /** A required array of 1 to {@link #DEFAULT_MAX_ITEMS} items, each read by {@code reader}. */
  public <T> List<T> array(String field, ItemReader<T> reader) {
    return array(field, 1, DEFAULT_MAX_ITEMS, reader);
  }

  public <T> List<T> array(String field, int minItems, int maxItems, ItemReader<T> reader) {
    List<T> items = required(field, (value, at) -> items(value, at, minItems, maxItems, reader));
    return items == null ? List.of() : items;
  }

  /** An optional array of 0 to {@link #DEFAULT_MAX_ITEMS} items. */
  public <T> Optional<List<T>> optionalArray(String field, ItemReader<T> reader) {
    return optional(field, (value, at) -> items(value, at, 0, DEFAULT_MAX_ITEMS, reader));
  }

  public <T> T requiredObject(String field, Function<JsonBody, T> reader) {
    return required(
        field, (value, at) -> nested(() -> reader.apply(new JsonBody(value, at, errors))));
  }

  public <T> Optional<T> optionalObject(String field, Function<JsonBody, T> reader) {
    return optional(
        field, (value, at) -> nested(() -> reader.apply(new JsonBody(value, at, errors))));
  }

  /**
   * An object of string fields ({@code {"street": "…", "country": "DE"}}), keys in their order;
   * empty when absent. A field that is not a string is reported under its own path.
   */
  public Optional<Map<String, String>> optionalStringMap(String field) {
    return optionalObject(field, object -> object.asStringMap(path(field)));
  }

  /** As {@link #optionalStringMap}, but required. */
  public Map<String, String> requiredStringMap(String field) {
    return requiredObject(field, object -> object.asStringMap(path(field)));
  }

  private Map<String, String> asStringMap(String at) {
    if (!node.isObject()) {
      return reject(at, "must be an object of string fields");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
              if (e.getValue().isTextual()) {
                fields.put(e.getKey(), e.getValue().asText());
              } else {
                rejectField(e.getKey(), "must be a string");
              }
            });
    return fields;
  }

  // ---- errors --------------------------------------------------------------------------------

  /**
   * Records an error at a full path ({@code lines[0]}, {@code body}). Returns {@code null} so a
   * reader can {@code return} it. For a field of this view use {@link #rejectField}.
   */
  public <T> T reject(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }

  /**
   * Records an error the handler found itself (a cross-field rule, say {@code paidTotal} not
   * matching the lines) on a field of this view.
   */
  public <T> T rejectField(String field, String message) {
    return reject(path(field), message);
  }

  public List<FieldError> errors() {
    return Collections.unmodifiableList(errors);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /** Throws one {@code 400} listing every error recorded so far, if there is any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(List.copyOf(errors));
    }
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Reads a present value at its path; {@code null} once the value's error is recorded. */
  @FunctionalInterface
  private interface ValueReader<T> {
    T read(JsonNode value, String at);
  }

  /** The field read by {@code reader}; {@code "is required"} recorded (and null) when absent. */
  private <T> T required(String field, ValueReader<T> reader) {
    JsonNode value = field(field);
    return absent(value) ? missing(field) : reader.read(value, path(field));
  }

  /** The field read by {@code reader}; empty when absent or when its error was recorded. */
  private <T> Optional<T> optional(String field, ValueReader<T> reader) {
    JsonNode value = field(field);
    return absent(value) ? Optional.empty() : Optional.ofNullable(reader.read(value, path(field)));
  }

  private String currency(JsonNode value, String at) {
    String code = string(value, at, DEFAULT_MAX_LENGTH);
    if (code == null) {
      return null;
    }
    if (!CURRENCY.matcher(code).matches() || !isIsoCurrency(code)) {
      return reject(at, "must be an ISO 4217 code of a currency with minor units, such as EUR");
    }
    return code;
  }

  private Money money(JsonNode value, String at) {
    if (!value.isObject()) {
      return reject(at, "must be Money {\"amount\": 1999, \"currency\": \"EUR\"} (GEN-1)");
    }
    int before = errors.size();
    JsonBody money = new JsonBody(value, at, errors);
    long amount = money.requiredAmount("amount");
    String currency = money.requiredCurrency("currency");
    return errors.size() > before ? null : Money.of(amount, currency);
  }

  private JsonNode field(String field) {
    if (!node.isObject()) {
      if (!notAnObjectReported) {
        notAnObjectReported = true;
        reject(path.isEmpty() ? "body" : path, "must be a JSON object");
      }
      return null;
    }
    return node.get(field);
  }

  private boolean absent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  private <T> T missing(String field) {
    if (!node.isObject()) {
      return null; // already reported as "must be a JSON object"
    }
    return rejectField(field, "is required");
  }

  private String string(JsonNode value, String at, int maxLength) {
    if (!value.isTextual()) {
      return reject(at, "must be a string");
    }
    String text = value.textValue();
    if (text.isBlank()) {
      return reject(at, "must not be blank");
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      return reject(at, "must be at most " + maxLength + " characters");
    }
    String unsafe = unsafeCharacter(text);
    if (unsafe != null) {
      return reject(at, "must not contain " + unsafe);
    }
    return text;
  }

  private String id(JsonNode value, String at) {
    if (!value.isTextual()) {
      return reject(at, "must be a string");
    }
    String problem = Ids.problem(value.textValue());
    return problem == null ? value.textValue() : reject(at, problem);
  }

  /**
   * What makes a text unsafe to store and show again, or {@code null}: control characters (other
   * than tab and line breaks), bidirectional overrides and isolates (which make a text read
   * differently from what it is) and unpaired surrogates (not UTF-8).
   */
  static String unsafeCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "an unpaired surrogate";
      } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return "control characters";
      } else if (c == '\u061C'
          || c == '\u200E'
          || c == '\u200F'
          || (c >= '\u202A' && c <= '\u202E')
          || (c >= '\u2066' && c <= '\u2069')) {
        return "bidirectional control characters";
      }
    }
    return null;
  }

  private Long integer(JsonNode value, String at, long min, long max, String typeMessage) {
    if (!value.isIntegralNumber()) {
      return reject(at, typeMessage);
    }
    BigInteger number = value.bigIntegerValue();
    if (number.compareTo(BigInteger.valueOf(min)) < 0
        || number.compareTo(BigInteger.valueOf(max)) > 0) {
      return reject(at, "must be between " + min + " and " + max);
    }
    return number.longValueExact();
  }

  private Long amount(JsonNode value, String at) {
    if (!value.isIntegralNumber()) {
      return reject(at, "must be an integer amount in minor units, e.g. 1999 for 19.99 (GEN-1)");
    }
    return integer(value, at, 0, MAX_AMOUNT, MUST_BE_AN_INTEGER);
  }

  private Boolean bool(JsonNode value, String at) {
    return value.isBoolean() ? value.booleanValue() : reject(at, "must be true or false");
  }

  private <E extends Enum<E>> E enumValue(JsonNode value, String at, Class<E> type) {
    E[] constants = type.getEnumConstants();
    if (value.isTextual()) {
      for (E constant : constants) {
        if (constant.name().equals(value.textValue())) {
          return constant;
        }
      }
    }
    return reject(
        at,
        "must be one of "
            + Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", ")));
  }

  private Instant instant(JsonNode value, String at) {
    if (value.isTextual() && INSTANT.matcher(value.textValue()).matches()) {
      try {
        Instant instant =
            OffsetDateTime.parse(
                    value.textValue().toUpperCase(java.util.Locale.ROOT),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
        return inRange(instant.atOffset(java.time.ZoneOffset.UTC).toLocalDate(), at)
            ? instant
            : null;
      } catch (DateTimeParseException e) {
        // falls through: a well-formed but impossible date such as 2026-02-30
      }
    }
    return reject(at, "must be an RFC 3339 instant such as 2026-11-02T10:00:00Z");
  }

  private LocalDate date(JsonNode value, String at) {
    if (value.isTextual() && DATE.matcher(value.textValue()).matches()) {
      try {
        LocalDate date = LocalDate.parse(value.textValue());
        return inRange(date, at) ? date : null;
      } catch (DateTimeParseException e) {
        // falls through: 2026-13-01, 2026-02-30
      }
    }
    return reject(at, "must be a date YYYY-MM-DD");
  }

  private boolean inRange(LocalDate date, String at) {
    if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
      reject(at, "must be between " + EARLIEST + " and " + LATEST);
      return false;
    }
    return true;
  }

  /**
   * Runs a reader of a nested value. A reader builds its value from placeholders once a field is
   * bad, and a value's constructor may refuse them: that is the bad field already reported, not a
   * bug, so the value is dropped ({@code null}). An exception with no error recorded is a bug and
   * propagates.
   */
  private <T> T nested(java.util.function.Supplier<T> reader) {
    int before = errors.size();
    try {
      return reader.get();
    } catch (RuntimeException e) {
      if (errors.size() > before && !(e instanceof ApiProblem)) {
        return null;
      }
      throw e;
    }
  }

  private <T> List<T> items(
      JsonNode value, String at, int minItems, int maxItems, ItemReader<T> reader) {
    if (!value.isArray()) {
      reject(at, "must be an array");
      return List.of();
    }
    if (value.size() < minItems) {
      reject(at, minItems == 1 ? "must not be empty" : "must have at least " + minItems + " items");
      return List.of();
    }
    if (value.size() > maxItems) {
      reject(at, "must have at most " + maxItems + " items");
      return List.of();
    }
    List<T> results = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      String itemPath = at + "[" + i + "]";
      JsonBody item = new JsonBody(value.get(i), itemPath, errors);
      T result = nested(() -> reader.read(item, itemPath));
      if (result != null) {
        results.add(result); // a bad item is reported, never handed on as null
      }
    }
    return Collections.unmodifiableList(results);
  }

  /**
   * An ISO 4217 code of a currency with minor units (GEN-1): {@code XXX}, {@code XAU} and the other
   * codes without a minor unit cannot carry an amount in minor units.
   */
  private static boolean isIsoCurrency(String code) {
    try {
      return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
