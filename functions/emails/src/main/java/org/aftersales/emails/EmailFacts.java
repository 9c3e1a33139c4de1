package org.aftersales.emails;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts of one event as an email states them (MSG-1, MSG-3), each already worded for the
 * reader's locale: amounts from minor units in the currency's format ({@code €12.34}, {@code 12,34
 * €}; GEN-1), dates in words ({@code December 5, 2026}, {@code 5. Dezember 2026}; instants as the
 * day in the store's zone), codes through the language's dictionaries (an evidence kind, a claim
 * outcome), and the {@code link} to the page where the customer can act. A fact the event does not
 * carry is absent, and the template leaves out every line that needs it.
 *
 * <p>Where each fact is read in the event's {@code data} (the first path present wins), so an event
 * may carry its subject whole ({@code data.claim}, {@code data.return}, {@code data.refund}, {@code
 * data.change}, {@code data.withdrawal}, as the API shows them) or the fact alone:
 *
 * <ul>
 *   <li>{@code refundAmount} {@code /refund/amount}; {@code refundDueBy} {@code /refund/dueBy},
 *       {@code /dueBy}; {@code settledAt} {@code /refund/settledAt}
 *   <li>{@code cancelledUnits} Σ {@code /cancelled[].quantity}
 *   <li>{@code difference}, {@code amountDue}, {@code payBy}: {@code /change/…}
 *   <li>{@code rmaNumber}, {@code sendBy}, {@code returnAddress}: {@code /return/…}, or at the top
 *   <li>{@code message} (the agent's): {@code /claim/message}, {@code /claim/decision/message},
 *       {@code /message}
 *   <li>{@code outcome}: {@code /claim/decision/outcome}, {@code /outcome}; {@code missing}: {@code
 *       /claim/evidence/missing}, {@code /missing}; {@code reason}: {@code /refused/reason}
 *       (EvidenceRefused), {@code /reason}, {@code /rejection/reason}
 *   <li>{@code repairStatus}: {@code /repair/status}, {@code /status}
 *   <li>{@code refundEstimate}, {@code receivedAt}: {@code /withdrawal/…}, or at the top; {@code
 *       receivedAt} with the time of day and the zone (LAW-3: the date and time received); {@code
 *       statement}: {@code /withdrawal/statement} (the content as stored)
 * </ul>
 */
record EmailFacts(
    Locale locale,
    ZoneId storeZone,
    Map<String, Map<String, String>> dictionaries,
    String pagesOrigin) {

  Map<String, String> of(CustomerEvent event) {
    JsonNode data = event.data();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("orderId", event.orderId());
    if (event.subjectId() != null) {
      facts.put("subjectId", event.subjectId());
    }
    facts.put("link", link(event));
    put(facts, "refundAmount", money(first(data, "/refund/amount")));
    put(facts, "refundDueBy", date(first(data, "/refund/dueBy", "/dueBy")));
    put(facts, "settledAt", date(first(data, "/refund/settledAt", "/settledAt")));
    put(facts, "cancelledUnits", cancelledUnits(data));
    put(facts, "difference", money(first(data, "/change/difference", "/difference")));
    put(facts, "amountDue", money(first(data, "/change/amountDue", "/amountDue")));
    put(facts, "payBy", date(first(data, "/change/payBy", "/payBy")));
    put(facts, "rmaNumber", text(first(data, "/return/rmaNumber", "/rmaNumber")));
    put(facts, "sendBy", date(first(data, "/return/sendBy", "/sendBy")));
    put(facts, "returnAddress", address(first(data, "/return/returnAddress", "/returnAddress")));
    put(
        facts,
        "message",
        text(first(data, "/claim/message", "/claim/decision/message", "/message")));
    put(facts, "outcome", word("outcomes", first(data, "/claim/decision/outcome", "/outcome")));
    put(
        facts,
        "missing",
        words("evidenceKinds", first(data, "/claim/evidence/missing", "/missing")));
    put(facts, "reason", text(first(data, "/refused/reason", "/reason", "/rejection/reason")));
    put(facts, "repairStatus", word("repairStatuses", first(data, "/repair/status", "/status")));
    put(
        facts,
        "refundEstimate",
        money(first(data, "/withdrawal/refundEstimate", "/refundEstimate")));
    put(facts, "receivedAt", dateTime(first(data, "/withdrawal/receivedAt", "/receivedAt")));
    put(facts, "statement", text(first(data, "/withdrawal/statement")));
    return facts;
  }

  /**
   * The customer page, opened on the order and, where there is one, the subject: {@code
   * {PagesOrigin}/app/#order=…&claim=…} (the storefront adds its sign-in; web/README.md).
   */
  String link(CustomerEvent event) {
    StringBuilder link =
        new StringBuilder(pagesOrigin).append("/app/#order=").append(encode(event.orderId()));
    String parameter =
        event.subjectKind() == null
            ? null
            : switch (event.subjectKind()) {
              case "CLAIM" -> "claim";
              case "RETURN" -> "return";
              case "CHANGE" -> "change";
              case "REFUND" -> "refund";
              case "WITHDRAWAL" -> "withdrawal";
              default -> null;
            };
    if (parameter != null && event.subjectId() != null) {
      link.append('&').append(parameter).append('=').append(encode(event.subjectId()));
    }
    return link.toString();
  }

  private static void put(Map<String, String> facts, String name, String value) {
    if (value != null && !value.isBlank()) {
      facts.put(name, value);
    }
  }

  private static JsonNode first(JsonNode data, String... pointers) {
    for (String pointer : pointers) {
      JsonNode value = data.at(pointer);
      if (!value.isMissingNode() && !value.isNull()) {
        return value;
      }
    }
    return null;
  }

  private static String text(JsonNode value) {
    return value != null && value.isValueNode() ? value.asText() : null;
  }

  /** A Money object {@code {"amount": minor units, "currency"}} in the locale's currency format. */
  String money(JsonNode value) {
    if (value == null || !value.path("amount").isIntegralNumber()) {
      return null;
    }
    Currency currency;
    try {
      currency = Currency.getInstance(value.path("currency").asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(currency);
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format.format(BigDecimal.valueOf(value.path("amount").asLong(), digits));
  }

  /** A date ({@code YYYY-MM-DD}) or an instant (its day in the store's zone), in words. */
  String date(JsonNode value) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    LocalDate day;
    try {
      day =
          text.length() == 10
              ? LocalDate.parse(text)
              : Instant.parse(text).atZone(storeZone).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(day);
  }

  /** An instant as date and time of day in the store's zone, with the zone, in words. */
  String dateTime(JsonNode value) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG)
          .withLocale(locale)
          .format(Instant.parse(text).atZone(storeZone));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String cancelledUnits(JsonNode data) {
    JsonNode cancelled = data.path("cancelled");
    if (!cancelled.isArray() || cancelled.isEmpty()) {
      return null;
    }
    long units = 0;
    for (JsonNode group : cancelled) {
      units += group.path("quantity").asLong();
    }
    return Long.toString(units);
  }

  private static String address(JsonNode value) {
    if (value == null || !value.isObject()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    parts.add(value.path("recipient").asText());
    value.path("lines").forEach(line -> parts.add(line.asText()));
    parts.add(value.path("countryCode").asText());
    parts.removeIf(String::isBlank);
    return String.join(", ", parts);
  }

  /** A code through the language's dictionary; an unknown code as it is. */
  private String word(String dictionary, JsonNode value) {
    String code = text(value);
    return code == null
        ? null
        : dictionaries.getOrDefault(dictionary, Map.of()).getOrDefault(code, code);
  }

  private String words(String dictionary, JsonNode value) {
    if (value == null || !value.isArray() || value.isEmpty()) {
      return null;
    }
    List<String> words = new ArrayList<>();
    value.forEach(code -> words.add(word(dictionary, code)));
    return String.join(", ", words);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
