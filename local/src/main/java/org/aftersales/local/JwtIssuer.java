package org.aftersales.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Signs RS256 access tokens shaped like Cognito's for the local stack's own issuer and audience:
 * {@code sub}, {@code cognito:groups} (a JSON array, as in the token), {@code scope}
 * (space-separated), {@code iat}, {@code exp}, {@code token_use}. For local testing only ({@code
 * POST /_local/tokens}); no side effects.
 */
public record JwtIssuer(JwtKeys keys, String issuer, String audience) {

  public static final String KEY_ID = "local-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public String issue(
      String subject,
      List<String> groups,
      List<String> scopes,
      Instant issuedAt,
      Duration lifetime) {
    ObjectNode claims =
        JSON.createObjectNode()
            .put("sub", subject)
            .put("iss", issuer)
            .put("aud", audience)
            .put("client_id", audience)
            .put("token_use", "access")
            .put("iat", issuedAt.getEpochSecond())
            .put("exp", issuedAt.plus(lifetime).getEpochSecond());
    if (!groups.isEmpty()) {
      groups.forEach(claims.putArray("cognito:groups")::add);
    }
    if (!scopes.isEmpty()) {
      claims.put("scope", String.join(" ", scopes));
    }
    return sign(claims);
  }

  /**
   * Signs any claim set with the local key: the tests use it to make tokens that must be refused.
   */
  public String sign(ObjectNode claims) {
    ObjectNode header =
        JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", KEY_ID);
    String signingInput = base64Url(header.toString()) + "." + base64Url(claims.toString());
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(keys.privateKey());
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
