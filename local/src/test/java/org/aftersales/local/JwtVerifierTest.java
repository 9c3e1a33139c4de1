package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

  private static final JwtKeys KEYS = JwtKeys.generate();
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final String ISSUER = "https://aftersales.local/issuer";

  private final JwtIssuer issuer = new JwtIssuer(KEYS, ISSUER, "aftersales");
  private final JwtVerifier verifier = new JwtVerifier(KEYS.publicKey(), ISSUER, "aftersales");

  private String token(List<String> groups, List<String> scopes) {
    return issuer.issue("c-1", groups, scopes, NOW.minusSeconds(60), Duration.ofHours(1));
  }

  private ObjectNode validClaims() {
    return new ObjectMapper()
        .createObjectNode()
        .put("sub", "c-1")
        .put("iss", ISSUER)
        .put("aud", "aftersales")
        .put("exp", NOW.plusSeconds(600).getEpochSecond());
  }

  @Test
  void a_valid_token_passes_with_its_claims_as_api_gateway_strings() {
    JwtVerdict verdict =
        verifier.verify(
            "Bearer "
                + token(List.of("care-agents", "warehouse"), List.of("aftersales/orders.write")),
            List.of(),
            NOW);

    assertThat(verdict).isInstanceOf(JwtVerdict.Allowed.class);
    JwtVerdict.Allowed allowed = (JwtVerdict.Allowed) verdict;
    assertThat(allowed.claims())
        .containsEntry("sub", "c-1")
        .containsEntry("cognito:groups", "[care-agents warehouse]")
        .containsEntry("exp", String.valueOf(NOW.plusSeconds(3540).getEpochSecond()))
        .containsEntry("scope", "aftersales/orders.write");
    assertThat(allowed.scopes()).containsExactly("aftersales/orders.write");
  }

  @Test
  void no_header_or_garbage_is_401() {
    assertThat(verifier.verify(null, List.of(), NOW))
        .isEqualTo(new JwtVerdict.Refused(401, "no Authorization header"));
    assertThat(verifier.verify("Bearer abc", List.of(), NOW))
        .isEqualTo(new JwtVerdict.Refused(401, "not a JWT"));
  }

  @Test
  void a_token_signed_by_another_key_is_401() {
    String foreign = new JwtIssuer(JwtKeys.generate(), ISSUER, "aftersales").sign(validClaims());

    assertThat(verifier.verify("Bearer " + foreign, List.of(), NOW))
        .isEqualTo(new JwtVerdict.Refused(401, "signature invalid"));
  }

  @Test
  void a_token_whose_claims_were_changed_after_signing_is_401() {
    String[] parts = token(List.of(), List.of()).split("\\.");
    String agentClaims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                validClaims()
                    .putArray("cognito:groups")
                    .add("care-agents")
                    .toString()
                    .getBytes(StandardCharsets.UTF_8));
    // The original signature no longer covers the tampered claims.
    String tampered = parts[0] + "." + agentClaims + "." + parts[2];

    assertThat(verifier.verify("Bearer " + tampered, List.of(), NOW))
        .isEqualTo(new JwtVerdict.Refused(401, "signature invalid"));
  }

  @Test
  void an_unsigned_alg_none_token_is_401() {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(validClaims().toString().getBytes(StandardCharsets.UTF_8));

    assertThat(verifier.verify("Bearer " + header + "." + claims + ".", List.of(), NOW))
        .isEqualTo(new JwtVerdict.Refused(401, "alg must be RS256"));
  }

  @Test
  void a_wrong_issuer_is_401() {
    String token =
        issuer.sign(validClaims().put("iss", "https://cognito-idp.eu-west-1.amazonaws.com/other"));

    JwtVerdict verdict = verifier.verify("Bearer " + token, List.of(), NOW);

    assertThat(verdict).isInstanceOf(JwtVerdict.Refused.class);
    assertThat(((JwtVerdict.Refused) verdict).status()).isEqualTo(401);
    assertThat(((JwtVerdict.Refused) verdict).reason()).startsWith("issuer");
  }

  @Test
  void a_wrong_audience_is_401_and_client_id_counts_as_audience_like_api_gateway() {
    String wrong = issuer.sign(validClaims().put("aud", "someone-else"));
    String cognitoAccessToken =
        issuer.sign(((ObjectNode) validClaims().without("aud")).put("client_id", "aftersales"));

    assertThat(verifier.verify("Bearer " + wrong, List.of(), NOW))
        .isEqualTo(new JwtVerdict.Refused(401, "audience is not aftersales"));
    assertThat(verifier.verify("Bearer " + cognitoAccessToken, List.of(), NOW))
        .isInstanceOf(JwtVerdict.Allowed.class);
  }

  @Test
  void an_expired_token_is_401_from_the_second_of_its_exp() {
    String token = issuer.sign(validClaims().put("exp", NOW.getEpochSecond()));

    assertThat(verifier.verify("Bearer " + token, List.of(), NOW))
        .isEqualTo(new JwtVerdict.Refused(401, "the token has expired"));
    assertThat(verifier.verify("Bearer " + token, List.of(), NOW.minusSeconds(1)))
        .isInstanceOf(JwtVerdict.Allowed.class);
  }

  @Test
  void a_token_without_any_of_the_route_scopes_is_403() {
    List<String> routeScopes = List.of("aftersales/refunds.settle", "aftersales/admin");

    assertThat(
            verifier.verify(
                "Bearer " + token(List.of("care-agents"), List.of("aftersales/orders.write")),
                routeScopes,
                NOW))
        .isEqualTo(
            new JwtVerdict.Refused(403, "the token has none of the route's scopes " + routeScopes));
    assertThat(
            verifier.verify(
                "Bearer " + token(List.of(), List.of("openid", "aftersales/refunds.settle")),
                routeScopes,
                NOW))
        .isInstanceOf(JwtVerdict.Allowed.class);
  }
}
