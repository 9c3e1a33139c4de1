package org.aftersales.emails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.testing.LambdaRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MSG-3: every customer-facing event type renders from the texts of {@code emails/en.json} and
 * {@code emails/de.json} exactly as its committed golden file ({@code
 * src/test/resources/golden/<case>.<language>.txt}: subject, blank line, body), from the sample
 * events of {@code events/EmailFunction/}. After a deliberate change of the texts, rewrite them
 * with {@code -Demails.golden.write=true} and review the diff.
 */
class EmailTemplatesTest {

  static final String ORIGIN = "https://care.example.com";
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final EmailTemplates TEMPLATES =
      new EmailTemplates(ORIGIN, ZoneId.of("Europe/Berlin"));

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(LambdaRun.eventFile("EmailFunction", "x").getParent())) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString().replace(".json", "");
        for (String language : List.of("en", "de")) {
          cases.add(Arguments.of(name, language));
        }
      }
    }
    return cases.stream();
  }

  private static CustomerEvent sample(String name) {
    return CustomerEvent.of(LambdaRun.event("EmailFunction", name));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("cases")
  void MSG_3_each_event_type_renders_as_its_golden_file(String name, String language)
      throws IOException {
    EmailTemplates.Rendered email = TEMPLATES.render(sample(name), language);
    String rendered = email.subject() + "\n\n" + email.text();
    Path golden = GOLDEN.resolve(name + "." + language + ".txt");
    if (Boolean.getBoolean("emails.golden.write")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file (write with -Demails.golden.write=true)").exists();
    assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    assertThat(email.language()).isEqualTo(language);
    assertThat(rendered).doesNotContain("{").contains(ORIGIN + "/app/#order=o-1003");
  }

  @Test
  void MSG_3_every_event_type_has_a_sample_and_a_text_in_each_language() throws IOException {
    List<String> types = new ArrayList<>();
    cases().map(a -> (String) a.get()[0]).distinct().forEach(n -> types.add(sample(n).type()));
    assertThat(types).containsExactlyInAnyOrderElementsOf(CustomerEvent.CUSTOMER_FACING);
    for (String language : List.of("en", "de")) {
      var texts =
          Json.MAPPER.readTree(
              EmailTemplates.class.getResourceAsStream("/emails/" + language + ".json"));
      for (String type : CustomerEvent.CUSTOMER_FACING) {
        assertThat(texts.path("events").has(type)).as(language + " " + type).isTrue();
      }
    }
  }

  @Test
  void MSG_3_facts_are_worded_for_the_reader_amounts_from_minor_units_and_dates_in_words() {
    String en = TEMPLATES.render(sample("refund-past-due"), "en").text();
    String de = TEMPLATES.render(sample("refund-past-due"), "de").text();

    assertThat(en).contains("€29.99").contains("November 27, 2026");
    assertThat(de).contains("29,99\u00a0€").contains("27. November 2026");
  }

  @Test
  void MSG_5_a_late_refund_tells_the_customer_it_is_late_and_when_it_was_due() {
    EmailTemplates.Rendered email = TEMPLATES.render(sample("refund-past-due"), "en");
    assertThat(email.subject()).contains("late");
    assertThat(email.text()).contains("is late").contains("It was due by November 27, 2026");
  }

  @Test
  void MSG_3_the_links_lead_to_where_the_customer_acts() {
    assertThat(TEMPLATES.render(sample("claim-needs-info"), "en").text())
        .contains("Upload more evidence: " + ORIGIN + "/app/#order=o-1003&claim=cl-77")
        .contains("Please send a photo of the serial number");
    assertThat(TEMPLATES.render(sample("change-awaiting-payment"), "en").text())
        .contains("Pay the difference: " + ORIGIN + "/app/#order=o-1003&change=ch-9")
        .contains("€15.00");
    assertThat(TEMPLATES.render(sample("return-authorized"), "en").text())
        .contains("Print the return address: " + ORIGIN + "/app/#order=o-1003&return=rt-5")
        .contains("KWOKING Returns, Returns Centre, Gate 4, Lagerstrasse 12, 20457 Hamburg, DE");
  }

  @Test
  void MSG_3_a_language_without_texts_falls_back_to_its_primary_then_the_stores() {
    assertThat(TEMPLATES.resolve("de-AT")).isEqualTo("de");
    assertThat(TEMPLATES.resolve("DE")).isEqualTo("de");
    assertThat(TEMPLATES.resolve("fr-FR")).isEqualTo("en");
    assertThat(TEMPLATES.resolve(null)).isEqualTo("en");
    assertThat(TEMPLATES.resolve("../../etc/passwd")).isEqualTo("en");
  }

  @Test
  void a_line_whose_fact_is_missing_is_left_out() {
    var event = Json.MAPPER.createObjectNode();
    event.put("eventId", "ev-1").put("type", "OrderUnitsCancelled").put("orderId", "o-9");
    event.putObject("data").putArray("cancelled").addObject().put("quantity", 1);
    String text = TEMPLATES.render(CustomerEvent.of(event), "en").text();
    assertThat(text)
        .contains("1 item(s) of your order o-9 are cancelled.")
        .doesNotContain("refund");
  }

  @Test
  void an_event_without_id_type_or_order_is_refused() {
    assertThatThrownBy(() -> CustomerEvent.of(Json.MAPPER.createObjectNode().put("type", "X")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
