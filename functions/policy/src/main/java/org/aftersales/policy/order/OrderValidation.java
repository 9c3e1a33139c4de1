package org.aftersales.policy.order;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an {@link OrderSpec} before it is registered and reports every offending field (API {@code
 * 400}): ids present and unique, quantities {@code >= 1}, amounts {@code >= 0}, discounts not above
 * what they discount, {@code paidTotal} equal to lines − discounts + tax + delivery (GEN-2), and
 * every unit in exactly one parcel; the optional contact (MSG-3: an email address by {@link
 * EmailSyntax}, a BCP 47 language tag), buyer and delivery countries (ISO 3166-1 alpha-2, the
 * order's and each parcel address's {@code country}). Pure function.
 *
 * <p>Size caps: the order item holds the spec, one state per unit and every refund (each refund
 * repeats its units and its breakdown labels, which quote line and component names), and a DynamoDB
 * item can not exceed 400 KB. With at most {@value #MAX_LINES} lines, {@value #MAX_UNITS} units,
 * {@value #MAX_PARCELS} parcels, {@value #MAX_COMPONENTS_PER_LINE} components per line and free
 * texts of at most {@value #MAX_TEXT_BYTES} bytes (UTF-8, what DynamoDB counts), the largest order
 * with every unit refunded separately (the heaviest refund shape) and settled measures 333,799
 * bytes, 81 % of the limit ({@code OrderItemSizeIT} in the orders module, local DynamoDB), leaving
 * room for a few more refunds than one per unit.
 */
public final class OrderValidation {

  /** Longest id accepted (ids end up in keys and URLs). */
  public static final int MAX_ID_LENGTH = 64;

  /** Most lines of one order (item size, see the class comment). */
  public static final int MAX_LINES = 50;

  /**
   * Most units (Σ quantity) of one order: each gets a state and at least one refund on the item.
   */
  public static final int MAX_UNITS = 100;

  /** Most parcels of one order. */
  public static final int MAX_PARCELS = 20;

  /** Most components of one line: a return refund names each missing one (RET-5). */
  public static final int MAX_COMPONENTS_PER_LINE = 5;

  /**
   * Longest free text (sku, name, category, component name) in UTF-8 bytes: refund labels quote
   * names.
   */
  public static final int MAX_TEXT_BYTES = 100;

  /** Most fields of an address (a parcel's at registration, or a change of it, CHG-1). */
  public static final int MAX_ADDRESS_FIELDS = 12;

  /** Longest value of an address field, in UTF-8 bytes. */
  public static final int MAX_ADDRESS_BYTES = 200;

  /** Longest language tag accepted (RFC 5646 section 4.4.1 asks that 35 be supported). */
  public static final int MAX_LANGUAGE_TAG_LENGTH = 35;

  /**
   * RFC 5646 {@code langtag} (no grandfathered or bare private-use tags): language (with up to
   * three extended subtags), script, region, variants, extensions, private use.
   */
  private static final Pattern LANGUAGE_TAG =
      Pattern.compile(
          "(?i)[a-z]{2,3}(-[a-z]{3}){0,3}"
              + "(-[a-z]{4})?"
              + "(-([a-z]{2}|[0-9]{3}))?"
              + "(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
              + "(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*"
              + "(-x(-[a-z0-9]{1,8})+)?");

  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  private OrderValidation() {}

  public static List<FieldError> validate(OrderSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(new FieldError("", "the order is required"));
      return errors;
    }
    requireId(errors, "orderId", spec.orderId());
    requireId(errors, "customerId", spec.customerId());
    if (spec.currency() == null) {
      errors.add(new FieldError("currency", "is required (ISO 4217 code)"));
    } else if (spec.currency().getDefaultFractionDigits() < 0) {
      errors.add(
          new FieldError("currency", "has no minor unit: " + spec.currency().getCurrencyCode()));
    }
    if (spec.placedAt() == null) {
      errors.add(new FieldError("placedAt", "is required"));
    }
    if (spec.expectedShipBy() == null) {
      errors.add(new FieldError("expectedShipBy", "is required"));
    }
    nonNegative(errors, "orderDiscount", spec.orderDiscount());
    nonNegative(errors, "deliveryCharge", spec.deliveryCharge());
    nonNegative(errors, "paidTotal", spec.paidTotal());

    boolean amountsUsable = validateLines(spec, errors);
    if (amountsUsable) {
      validateTotals(spec, errors);
    }
    validateParcels(spec, errors);
    validateCustomerFacts(spec, errors);
    return errors;
  }

  /** The optional facts of MSG-3 and LAW-*: contact, buyer, delivery countries. */
  private static void validateCustomerFacts(OrderSpec spec, List<FieldError> errors) {
    spec.contact()
        .ifPresent(
            contact -> {
              if (contact.email() != null) {
                String problem = EmailSyntax.problem(contact.email());
                if (problem != null) {
                  errors.add(
                      new FieldError("contact.email", "is not an email address: it " + problem));
                }
              }
              if (contact.language() != null && !isLanguageTag(contact.language())) {
                errors.add(
                    new FieldError(
                        "contact.language", "must be a BCP 47 language tag such as en or de-AT"));
              }
            });
    if (spec.buyer() == null) {
      errors.add(new FieldError("buyer", "must be one of CONSUMER, BUSINESS"));
    }
    if (spec.deliveryCountry() != null) {
      checkCountry(errors, "deliveryCountry", spec.deliveryCountry());
    }
    for (int p = 0; p < spec.parcels().size(); p++) {
      ParcelSpec parcel = spec.parcels().get(p);
      if (parcel != null && !parcel.deliveryAddress().isEmpty()) {
        String path = "parcels[" + p + "].deliveryAddress";
        validateAddress(errors, path, parcel.deliveryAddress());
        parcel
            .country()
            .ifPresent(country -> checkCountry(errors, path + "." + ParcelSpec.COUNTRY, country));
      }
    }
  }

  /**
   * Whether {@code tag} is a well-formed BCP 47 language tag that {@link Locale} reads back as the
   * same tag (case aside): {@code en}, {@code de-AT}, {@code zh-Hant-TW}; not {@code en_US}, {@code
   * english}, {@code x-private}.
   */
  public static boolean isLanguageTag(String tag) {
    return tag != null
        && tag.length() <= MAX_LANGUAGE_TAG_LENGTH
        && LANGUAGE_TAG.matcher(tag).matches()
        && Locale.forLanguageTag(tag).toLanguageTag().equalsIgnoreCase(tag);
  }

  /** Whether {@code code} is an ISO 3166-1 alpha-2 country code, upper case ({@code DE}). */
  public static boolean isCountryCode(String code) {
    return code != null && ISO_COUNTRIES.contains(code);
  }

  private static void checkCountry(List<FieldError> errors, String field, String code) {
    if (!isCountryCode(code)) {
      errors.add(
          new FieldError(field, "must be an ISO 3166-1 alpha-2 country code such as DE or AT"));
    }
  }

  /**
   * Checks an address's shape (a parcel's at registration, or a change of it, CHG-1): 1..{@value
   * #MAX_ADDRESS_FIELDS} named string fields of at most {@value #MAX_ADDRESS_BYTES} bytes each.
   */
  public static void validateAddress(
      List<FieldError> errors, String path, Map<String, String> address) {
    if (address == null || address.isEmpty()) {
      errors.add(new FieldError(path, "is required (an object of address fields)"));
      return;
    }
    if (address.size() > MAX_ADDRESS_FIELDS) {
      errors.add(new FieldError(path, "at most " + MAX_ADDRESS_FIELDS + " fields"));
    }
    address.forEach(
        (k, v) -> {
          if (k == null || k.isBlank() || k.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(path, "field names are 1.." + MAX_ID_LENGTH + " characters"));
          } else if (v == null || v.isBlank()) {
            errors.add(new FieldError(path + "." + k, "is required (a non-empty string)"));
          } else if (v.getBytes(StandardCharsets.UTF_8).length > MAX_ADDRESS_BYTES) {
            errors.add(
                new FieldError(
                    path + "." + k, "is longer than " + MAX_ADDRESS_BYTES + " bytes in UTF-8"));
          }
        });
  }

  /**
   * @return whether the line amounts are sound enough to check the totals
   */
  private static boolean validateLines(OrderSpec spec, List<FieldError> errors) {
    if (spec.lines().isEmpty()) {
      errors.add(new FieldError("lines", "at least one line is required"));
      return false;
    }
    boolean usable = true;
    if (spec.lines().size() > MAX_LINES) {
      errors.add(
          new FieldError(
              "lines", "at most " + MAX_LINES + " lines per order, got " + spec.lines().size()));
    }
    long totalUnits = 0;
    Set<String> lineIds = new HashSet<>();
    for (int i = 0; i < spec.lines().size(); i++) {
      String path = "lines[" + i + "]";
      LineSpec line = spec.lines().get(i);
      if (line == null) {
        errors.add(new FieldError(path, "is required"));
        usable = false;
        continue;
      }
      if (requireId(errors, path + ".lineId", line.lineId()) && !lineIds.add(line.lineId())) {
        errors.add(new FieldError(path + ".lineId", "duplicate line id " + line.lineId()));
      }
      requireText(errors, path + ".sku", line.sku());
      requireText(errors, path + ".name", line.name());
      requireText(errors, path + ".category", line.category());
      if (line.quantity() < 1) {
        errors.add(new FieldError(path + ".quantity", "must be at least 1"));
        usable = false;
      } else {
        totalUnits += line.quantity();
      }
      usable &= nonNegative(errors, path + ".unitPrice", line.unitPrice());
      usable &= nonNegative(errors, path + ".discount", line.discount());
      usable &= nonNegative(errors, path + ".tax", line.tax());
      if (usable && line.quantity() >= 1) {
        try {
          long value = line.value();
          if (line.discount() > value) {
            errors.add(
                new FieldError(
                    path + ".discount",
                    "must not exceed the line value unitPrice × quantity = " + value));
            usable = false;
          }
        } catch (ArithmeticException e) {
          errors.add(new FieldError(path + ".unitPrice", "unitPrice × quantity is too large"));
          usable = false;
        }
      }
      validateComponents(errors, path, line);
    }
    if (totalUnits > MAX_UNITS) {
      errors.add(
          new FieldError(
              "lines",
              "at most " + MAX_UNITS + " units (sum of quantities) per order, got " + totalUnits));
    }
    return usable;
  }

  /**
   * Checks one unit's replacement item of a change before processing (CHG-1, API {@code
   * replaceWith}): texts present and short, amounts {@code >= 0}, the discount not above the unit
   * price, components within the caps. Reports every offending field under {@code path}.
   */
  public static List<FieldError> validateItem(String path, LineSpec item) {
    List<FieldError> errors = new ArrayList<>();
    if (item == null) {
      errors.add(new FieldError(path, "is required"));
      return errors;
    }
    requireText(errors, path + ".sku", item.sku());
    requireText(errors, path + ".name", item.name());
    requireText(errors, path + ".category", item.category());
    boolean priced = nonNegative(errors, path + ".unitPrice", item.unitPrice());
    priced &= nonNegative(errors, path + ".discount", item.discount());
    nonNegative(errors, path + ".tax", item.tax());
    if (priced && item.discount() > item.unitPrice()) {
      errors.add(
          new FieldError(path + ".discount", "must not exceed unitPrice " + item.unitPrice()));
    }
    validateComponents(errors, path, item);
    return errors;
  }

  private static void validateComponents(List<FieldError> errors, String linePath, LineSpec line) {
    Set<String> ids = new HashSet<>();
    if (line.components().size() > MAX_COMPONENTS_PER_LINE) {
      errors.add(
          new FieldError(
              linePath + ".components",
              "at most "
                  + MAX_COMPONENTS_PER_LINE
                  + " components per line, got "
                  + line.components().size()));
    }
    for (int c = 0; c < line.components().size(); c++) {
      String path = linePath + ".components[" + c + "]";
      ComponentSpec component = line.components().get(c);
      if (component == null) {
        errors.add(new FieldError(path, "is required"));
        continue;
      }
      if (requireId(errors, path + ".componentId", component.componentId())
          && !ids.add(component.componentId())) {
        errors.add(
            new FieldError(
                path + ".componentId", "duplicate component id " + component.componentId()));
      }
      requireText(errors, path + ".name", component.name());
      nonNegative(errors, path + ".price", component.price());
    }
  }

  private static void validateTotals(OrderSpec spec, List<FieldError> errors) {
    try {
      long afterLineDiscounts = 0;
      for (LineSpec line : spec.lines()) {
        afterLineDiscounts = Math.addExact(afterLineDiscounts, line.valueAfterLineDiscount());
      }
      if (spec.orderDiscount() > afterLineDiscounts) {
        errors.add(
            new FieldError(
                "orderDiscount",
                "must not exceed the lines' value after line discounts = " + afterLineDiscounts));
        return;
      }
      long expected = spec.expectedPaidTotal();
      if (spec.paidTotal() != expected) {
        errors.add(
            new FieldError(
                "paidTotal",
                "must equal Σ(unitPrice × quantity − discount + tax)"
                    + " − orderDiscount + deliveryCharge = "
                    + expected
                    + " (GEN-2), got "
                    + spec.paidTotal()));
      }
    } catch (ArithmeticException e) {
      errors.add(new FieldError("paidTotal", "the order's amounts are too large"));
    }
  }

  private static void validateParcels(OrderSpec spec, List<FieldError> errors) {
    if (spec.parcels().isEmpty()) {
      errors.add(
          new FieldError(
              "parcels",
              "at least one parcel is required: every unit must be in exactly one parcel"));
      return;
    }
    if (spec.parcels().size() > MAX_PARCELS) {
      errors.add(
          new FieldError(
              "parcels",
              "at most " + MAX_PARCELS + " parcels per order, got " + spec.parcels().size()));
    }
    Map<String, Integer> ordered = new LinkedHashMap<>();
    for (LineSpec line : spec.lines()) {
      if (line != null && line.lineId() != null) {
        ordered.putIfAbsent(line.lineId(), line.quantity());
      }
    }
    Map<String, Long> assigned = new LinkedHashMap<>();
    Set<String> parcelIds = new HashSet<>();
    for (int p = 0; p < spec.parcels().size(); p++) {
      String path = "parcels[" + p + "]";
      ParcelSpec parcel = spec.parcels().get(p);
      if (parcel == null) {
        errors.add(new FieldError(path, "is required"));
        continue;
      }
      if (requireId(errors, path + ".parcelId", parcel.parcelId())
          && !parcelIds.add(parcel.parcelId())) {
        errors.add(new FieldError(path + ".parcelId", "duplicate parcel id " + parcel.parcelId()));
      }
      if (parcel.lines().isEmpty()) {
        errors.add(new FieldError(path + ".lines", "a parcel carries at least one unit"));
      }
      for (int l = 0; l < parcel.lines().size(); l++) {
        String linePath = path + ".lines[" + l + "]";
        ParcelLine pl = parcel.lines().get(l);
        if (pl == null) {
          errors.add(new FieldError(linePath, "is required"));
          continue;
        }
        if (pl.lineId() == null || !ordered.containsKey(pl.lineId())) {
          errors.add(new FieldError(linePath + ".lineId", "unknown line " + pl.lineId()));
          continue;
        }
        if (pl.quantity() < 1) {
          errors.add(new FieldError(linePath + ".quantity", "must be at least 1"));
          continue;
        }
        long total = assigned.merge(pl.lineId(), (long) pl.quantity(), Long::sum);
        if (total > ordered.get(pl.lineId())) {
          errors.add(
              new FieldError(
                  linePath + ".quantity",
                  "line "
                      + pl.lineId()
                      + " has "
                      + ordered.get(pl.lineId())
                      + " units but parcels carry "
                      + total
                      + " of them"));
        }
      }
    }
    int i = 0;
    for (LineSpec line : spec.lines()) {
      if (line != null && line.lineId() != null && line.quantity() >= 1) {
        long carried = assigned.getOrDefault(line.lineId(), 0L);
        if (carried < line.quantity()) {
          errors.add(
              new FieldError(
                  "lines[" + i + "].quantity",
                  (line.quantity() - carried)
                      + " of "
                      + line.quantity()
                      + " units of line "
                      + line.lineId()
                      + " are in no parcel"));
        }
      }
      i++;
    }
  }

  private static boolean requireId(List<FieldError> errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return false;
    }
    if (value.length() > MAX_ID_LENGTH) {
      errors.add(new FieldError(field, "is longer than " + MAX_ID_LENGTH + " characters"));
      return false;
    }
    return true;
  }

  private static void requireText(List<FieldError> errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (value.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
      errors.add(new FieldError(field, "is longer than " + MAX_TEXT_BYTES + " bytes in UTF-8"));
    }
  }

  private static boolean nonNegative(List<FieldError> errors, String field, long value) {
    if (value < 0) {
      errors.add(new FieldError(field, "must be >= 0 (minor units), got " + value));
      return false;
    }
    return true;
  }
}
