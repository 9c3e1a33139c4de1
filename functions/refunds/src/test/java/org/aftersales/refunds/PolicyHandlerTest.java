package org.aftersales.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LambdaRun.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /policy} on {@code events/PolicyFunction/get-policy-anonymous.json}: no token needed.
 */
class PolicyHandlerTest {

  private final LambdaRun stdout = new LambdaRun();

  private Response get(Instant now) {
    PolicyHandler handler =
        new PolicyHandler(
            PolicyBook.loadDefault(),
            stdout.log(Fixtures.CLOCK, "TestFunction"),
            stdout.metrics(Fixtures.CLOCK),
            Clock.fixed(now, ZoneOffset.UTC));
    return LambdaRun.http(handler, LambdaRun.eventText("PolicyFunction", "get-policy-anonymous"));
  }

  @Test
  void anyone_gets_the_version_in_force_with_every_configured_value() {
    Response response = get(Fixtures.NOW);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("cache-control")).isEqualTo("public, max-age=300");
    JsonNode policy = response.body();
    PolicyDocument expected = PolicyBook.loadDefault().current(Fixtures.NOW);
    assertThat(policy.get("version").asText()).isEqualTo(expected.version()).isEqualTo("2026-06");
    assertThat(policy.get("storeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(policy.at("/windows/returnDays").asInt()).isEqualTo(60);
    assertThat(policy.at("/windows/doaDays").asInt()).isEqualTo(14);
    assertThat(policy.at("/windows/returnSendByDays").asInt()).isEqualTo(14);
    assertThat(policy.at("/refundDeadline/businessDays").asInt()).isEqualTo(5);
    assertThat(policy.at("/refundDeadline/ruleIds/0").asText()).isEqualTo("GEN-5");
    assertThat(policy.at("/refundDeadline/priceDropRefunds").asBoolean()).isFalse();
    assertThat(policy.get("holidays")).hasSize(expected.holidays().size());
    assertThat(policy.at("/holidays/0").asText()).isEqualTo("2026-01-01");
    assertThat(policy.at("/nonReturnableCategories/categories").toString())
        .isEqualTo("[\"gift-cards\",\"personal-care\",\"software\"]");
    assertThat(policy.at("/warranty/monthsByCategory/electronics").asInt()).isEqualTo(24);
    assertThat(policy.at("/warranty/defaultMonths").asInt()).isEqualTo(12);
    assertThat(policy.at("/returnAddress/recipient").asText()).isEqualTo("KWOKING Returns");
    assertThat(policy.at("/returnAddress/lines/2").asText()).isEqualTo("20457 Hamburg");
    assertThat(policy.at("/evidence/required").toString())
        .isEqualTo("[\"PROBLEM\",\"SHIPPING_LABEL\",\"PACKAGING\"]");
    assertThat(policy.at("/evidence/rules/SHIPPING_LABEL/maxBytes").asLong()).isEqualTo(10485760L);
    assertThat(policy.at("/evidence/rules/PROBLEM/allowedContentTypes").toString())
        .contains("video/mp4");
  }

  @Test
  void GEN_7_before_the_2026_version_takes_effect_the_earlier_one_is_shown() {
    Response response = get(Instant.parse("2026-05-31T21:59:59Z"));

    assertThat(response.body().get("version").asText()).isEqualTo("2025-01");
    assertThat(response.body().at("/windows/returnDays").asInt()).isEqualTo(30);
  }

  /**
   * The answer is byte for byte the JSON captured in {@code policy/get-policy-*.json} before the
   * policy book moved from policies.json into code (issue 11), plus only the holidays of 2028 and
   * {@code holidaysKnownThrough} added since (GEN-5).
   */
  @ParameterizedTest
  @CsvSource({
    "2026-11-26T13:20:00Z, get-policy-2026-06.json",
    "2026-05-31T21:59:59Z, get-policy-2025-01.json"
  })
  void GEN_7_the_policy_view_is_the_captured_json(Instant now, String captured) {
    Response response = get(now);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.rawBody()).isEqualTo(read("/policy/" + captured));
  }

  private static String read(String resource) {
    try (InputStream in = PolicyHandlerTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
