package org.aftersales.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.testing.LambdaRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /policy} answers byte for byte the JSON captured in {@code policy/get-policy-*.json}
 * (issue 11: the policy book moved from policies.json into code; the view must not change) for the
 * sample event {@code events/PolicyFunction/get-policy-anonymous.json}, for each version (GEN-7).
 */
class PolicyViewUnchangedTest {

  @ParameterizedTest
  @CsvSource({
    "2026-11-26T13:20:00Z, get-policy-2026-06.json",
    "2026-05-31T21:59:59Z, get-policy-2025-01.json"
  })
  void GEN_7_the_policy_view_is_the_captured_json(Instant now, String captured) {
    LambdaRun stdout = new LambdaRun();
    PolicyHandler handler =
        new PolicyHandler(
            PolicyBook.loadDefault(),
            stdout.log(Fixtures.CLOCK, "TestFunction"),
            stdout.metrics(Fixtures.CLOCK),
            Clock.fixed(now, ZoneOffset.UTC));

    LambdaRun.Response response =
        LambdaRun.http(handler, LambdaRun.eventText("PolicyFunction", "get-policy-anonymous"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.rawBody()).isEqualTo(read("/policy/" + captured));
  }

  private static String read(String resource) {
    try (InputStream in = PolicyViewUnchangedTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
