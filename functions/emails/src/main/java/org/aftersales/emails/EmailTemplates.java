package org.aftersales.emails;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersales.policy.document.StorePolicies;
import org.aftersales.shared.json.Json;

/**
 * The texts of the emails (MSG-3 <i>(config: languages, the texts of each message)</i>), kept as
 * data: one file per language, {@code emails/<language>.json} on the class path ({@code en}, {@code
 * de}), like the pages' {@code web/common/messages.en.js}. A store translates a file; adding {@code
 * fr.json} adds French.
 *
 * <p>A file holds, per event type, a {@code subject}, the {@code lines} of the body and the {@code
 * action} that labels the link; plus the greeting, signature, the label of the rules line, an
 * optional {@code why} (the heading of the decision's plain-language explanation, GEN-8: the engine
 * words it in English, so only an English file shows it) and the dictionaries of codes ({@code
 * evidenceKinds}, {@code outcomes}, {@code repairStatuses}). {@code {name}} stands for a fact of
 * {@link EmailFacts}; a line that names a fact the event lacks is left out.
 *
 * <p>The language of an order (a BCP 47 tag) is matched by its whole tag, then its primary language
 * ({@code de-AT} → {@code de}), then the store's ({@link StorePolicies#LANGUAGE}).
 */
final class EmailTemplates {

  /** An email ready to send: which language's texts it used, its subject and plain-text body. */
  record Rendered(String language, String subject, String text) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final String pagesOrigin;
  private final ZoneId storeZone;
  private final Map<String, JsonNode> files = new ConcurrentHashMap<>();

  EmailTemplates(String pagesOrigin, ZoneId storeZone) {
    this.pagesOrigin = pagesOrigin;
    this.storeZone = storeZone;
  }

  /** The store's: its time zone says which day an instant is. */
  static EmailTemplates forStore(String pagesOrigin) {
    return new EmailTemplates(pagesOrigin, StorePolicies.book().versions().getLast().storeZone());
  }

  Rendered render(CustomerEvent event, String languageTag) {
    String language = resolve(languageTag);
    JsonNode texts = file(language);
    JsonNode type = texts.path("events").path(event.type());
    if (type.isMissingNode()) {
      throw new IllegalArgumentException(
          "no text for event type " + event.type() + " in " + language);
    }
    Map<String, String> facts =
        new EmailFacts(Locale.forLanguageTag(language), storeZone, dictionaries(texts), pagesOrigin)
            .of(event);
    facts.put("ruleIds", String.join(", ", event.ruleIds()));

    List<String> body = new ArrayList<>();
    body.add(texts.path("greeting").asText());
    body.add("");
    type.path("lines").forEach(line -> fill(line.asText(), facts).ifPresent(body::add));
    body.add("");
    body.add(type.path("action").asText() + ": " + facts.get("link"));
    if (texts.has("why") && !event.explanation().isEmpty()) {
      body.add("");
      body.add(texts.path("why").asText());
      event.explanation().forEach(line -> body.add("- " + line));
    }
    if (!event.ruleIds().isEmpty()) {
      body.add("");
      fill(texts.path("rules").asText(), facts).ifPresent(body::add);
    }
    body.add("");
    body.add(texts.path("signature").asText());
    String subject =
        fill(type.path("subject").asText(), facts)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        event.type() + "'s subject in " + language + " names a missing fact"));
    return new Rendered(language, subject, String.join("\n", body) + "\n");
  }

  /** The language whose texts serve {@code tag}. */
  String resolve(String tag) {
    if (tag != null) {
      String whole = tag.toLowerCase(Locale.ROOT);
      if (exists(whole)) {
        return whole;
      }
      String primary = Locale.forLanguageTag(tag).getLanguage();
      if (!primary.isEmpty() && exists(primary)) {
        return primary;
      }
    }
    return StorePolicies.LANGUAGE;
  }

  private boolean exists(String language) {
    return language.matches("[a-z0-9-]{2,35}")
        && EmailTemplates.class.getResource("/emails/" + language + ".json") != null;
  }

  private JsonNode file(String language) {
    return files.computeIfAbsent(
        language,
        l -> {
          try (InputStream in =
              EmailTemplates.class.getResourceAsStream("/emails/" + l + ".json")) {
            if (in == null) {
              throw new IllegalStateException("no emails/" + l + ".json on the class path");
            }
            return Json.MAPPER.readTree(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read emails/" + l + ".json", e);
          }
        });
  }

  private static Map<String, Map<String, String>> dictionaries(JsonNode texts) {
    Map<String, Map<String, String>> dictionaries = new LinkedHashMap<>();
    for (String name : List.of("evidenceKinds", "outcomes", "repairStatuses")) {
      Map<String, String> words = new LinkedHashMap<>();
      texts.path(name).properties().forEach(e -> words.put(e.getKey(), e.getValue().asText()));
      dictionaries.put(name, words);
    }
    return dictionaries;
  }

  /** The line with its facts filled in, or empty when it names a fact that is absent. */
  private static java.util.Optional<String> fill(String line, Map<String, String> facts) {
    Matcher m = PLACEHOLDER.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = facts.get(m.group(1));
      if (value == null) {
        return java.util.Optional.empty();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return java.util.Optional.of(out.toString());
  }
}
