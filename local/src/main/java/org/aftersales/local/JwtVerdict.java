package org.aftersales.local;

import java.util.List;
import java.util.Map;

/**
 * What the local JWT authorizer decided about a request, as API Gateway answers it: {@link Allowed}
 * with the claims (every value a string, as the HTTP API v2 payload carries them) and the token's
 * scopes, or {@link Refused} with 401 (no/invalid token) or 403 (missing scope).
 */
public sealed interface JwtVerdict {

  record Allowed(Map<String, String> claims, List<String> scopes) implements JwtVerdict {}

  record Refused(int status, String reason) implements JwtVerdict {}
}
