package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack's JWT authorizer, doing what API Gateway's HTTP API JWT authorizer does before it
 * calls a function: a bearer token in {@code Authorization}, RS256 signature by the local key,
 * {@code iss} equal to the local issuer, {@code aud} or {@code client_id} equal to the local
 * audience, {@code exp} in the future ({@code nbf} not ahead) → else 401; when the route lists
 * authorization scopes, the token's {@code scope} must hold one of them → else 403. Groups are not
 * the authorizer's business (API Gateway doesn't check them either): they reach the function as the
 * {@code cognito:groups} claim, {@code [a b]} as one string. Pure.
 */
public record JwtVerifier(RSAPublicKey publicKey, String issuer, String audience) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public JwtVerdict verify(String authorizationHeader, List<String> requiredScopes, Instant now) {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      return new JwtVerdict.Refused(401, "no Authorization header");
    }
    String token = authorizationHeader.strip();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).strip();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return new JwtVerdict.Refused(401, "not a JWT");
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | IllegalArgumentException e) {
      return new JwtVerdict.Refused(401, "malformed JWT");
    }
    if (!header.path("alg").asText().equals("RS256")) {
      return new JwtVerdict.Refused(401, "alg must be RS256");
    }
    if (!signatureValid(parts)) {
      return new JwtVerdict.Refused(401, "signature invalid");
    }
    if (!claims.path("iss").asText().equals(issuer)) {
      return new JwtVerdict.Refused(
          401, "issuer " + claims.path("iss").asText() + " is not " + issuer);
    }
    if (!audienceMatches(claims)) {
      return new JwtVerdict.Refused(401, "audience is not " + audience);
    }
    if (!claims.path("exp").canConvertToLong()
        || claims.path("exp").asLong() <= now.getEpochSecond()) {
      return new JwtVerdict.Refused(401, "the token has expired");
    }
    if (claims.has("nbf") && claims.path("nbf").asLong() > now.getEpochSecond()) {
      return new JwtVerdict.Refused(401, "the token is not valid yet");
    }
    List<String> scopes = scopes(claims);
    if (!requiredScopes.isEmpty() && requiredScopes.stream().noneMatch(scopes::contains)) {
      return new JwtVerdict.Refused(
          403, "the token has none of the route's scopes " + requiredScopes);
    }
    return new JwtVerdict.Allowed(claimStrings(claims), scopes);
  }

  private boolean signatureValid(String[] parts) {
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(publicKey);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private boolean audienceMatches(JsonNode claims) {
    JsonNode aud = claims.path("aud");
    if (aud.isArray()) {
      for (JsonNode one : aud) {
        if (one.asText().equals(audience)) {
          return true;
        }
      }
    } else if (aud.asText().equals(audience)) {
      return true;
    }
    return claims.path("client_id").asText().equals(audience);
  }

  private static List<String> scopes(JsonNode claims) {
    List<String> scopes = new ArrayList<>();
    if (claims.path("scope").isTextual()) {
      for (String scope : claims.get("scope").asText().split(" ")) {
        if (!scope.isBlank()) {
          scopes.add(scope);
        }
      }
    }
    claims.path("scp").forEach(scope -> scopes.add(scope.asText()));
    return scopes;
  }

  /**
   * Claims as API Gateway hands them to the function: every value a string, arrays as {@code [a
   * b]}.
   */
  static Map<String, String> claimStrings(JsonNode claims) {
    Map<String, String> strings = new LinkedHashMap<>();
    claims
        .properties()
        .forEach(
            claim -> {
              JsonNode value = claim.getValue();
              if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                strings.put(claim.getKey(), "[" + String.join(" ", items) + "]");
              } else if (value.isValueNode()) {
                strings.put(claim.getKey(), value.asText());
              } else {
                strings.put(claim.getKey(), value.toString());
              }
            });
    return strings;
  }
}
