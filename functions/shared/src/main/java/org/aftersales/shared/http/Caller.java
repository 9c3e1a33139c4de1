package org.aftersales.shared.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from the JWT claims the API Gateway authorizer verified (openapi.yaml "Callers").
 *
 * <ul>
 *   <li>{@link Role#CUSTOMER}: a user token ({@code sub} present, not a machine client); the
 *       customer id is {@code sub}.
 *   <li>{@link Role#AGENT}: {@code cognito:groups} contains {@code care-agents}.
 *   <li>{@link Role#WAREHOUSE}: {@code cognito:groups} contains {@code warehouse}.
 *   <li>{@link Role#STOREFRONT_SERVICE}: scope {@code aftersales/orders.write}.
 *   <li>{@link Role#PAYMENT_INTEGRATION}: scope {@code aftersales/refunds.settle}.
 * </ul>
 *
 * A machine client is a token carrying a service scope, or one whose {@code sub} is its {@code
 * client_id} (Cognito's client-credentials tokens); it is never a customer. No claims at all is the
 * anonymous caller. Immutable.
 */
public record Caller(
    String subject, String clientId, Set<String> groups, Set<String> scopes, Set<Role> roles) {

  public enum Role {
    CUSTOMER,
    AGENT,
    WAREHOUSE,
    STOREFRONT_SERVICE,
    PAYMENT_INTEGRATION
  }

  public static final String AGENT_GROUP = "care-agents";
  public static final String WAREHOUSE_GROUP = "warehouse";
  public static final String ORDERS_WRITE_SCOPE = "aftersales/orders.write";
  public static final String REFUNDS_SETTLE_SCOPE = "aftersales/refunds.settle";

  private static final Caller ANONYMOUS = new Caller(null, null, Set.of(), Set.of(), Set.of());

  public Caller {
    groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
  }

  public static Caller anonymous() {
    return ANONYMOUS;
  }

  /**
   * The caller of {@code requestContext.authorizer.jwt}: {@code claims} (an object of string
   * values; {@code cognito:groups} as one string like {@code [care-agents warehouse]} or as a JSON
   * array) and {@code scopes} (an array, or absent/null). The {@code scope} claim (space separated,
   * as OAuth sends it) is read too: API Gateway fills {@code scopes} only for routes that declare
   * authorization scopes.
   */
  public static Caller fromJwt(JsonNode claims, JsonNode scopesNode) {
    if (claims == null || !claims.isObject() || claims.isEmpty()) {
      return ANONYMOUS;
    }
    String subject = nonBlank(claims.path("sub").asText(null));
    String clientId = nonBlank(claims.path("client_id").asText(null));
    Set<String> groups = new LinkedHashSet<>(stringList(claims.get("cognito:groups")));
    Set<String> scopes = new LinkedHashSet<>(stringList(scopesNode));
    scopes.addAll(stringList(claims.get("scope")));

    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (groups.contains(AGENT_GROUP)) {
      roles.add(Role.AGENT);
    }
    if (groups.contains(WAREHOUSE_GROUP)) {
      roles.add(Role.WAREHOUSE);
    }
    if (scopes.contains(ORDERS_WRITE_SCOPE)) {
      roles.add(Role.STOREFRONT_SERVICE);
    }
    if (scopes.contains(REFUNDS_SETTLE_SCOPE)) {
      roles.add(Role.PAYMENT_INTEGRATION);
    }
    boolean machineClient =
        roles.contains(Role.STOREFRONT_SERVICE)
            || roles.contains(Role.PAYMENT_INTEGRATION)
            || (subject != null && subject.equals(clientId));
    // Staff accounts (agents, warehouse) act as staff, never as a customer: a warehouse user asking
    // for a customer's order gets 403 for the role, not 404 as a customer who doesn't own it.
    boolean staff = roles.contains(Role.AGENT) || roles.contains(Role.WAREHOUSE);
    if (subject != null && !machineClient && !staff) {
      roles.add(Role.CUSTOMER);
    }
    return new Caller(subject, clientId, groups, scopes, roles);
  }

  public boolean isAnonymous() {
    return subject == null && clientId == null && scopes.isEmpty() && groups.isEmpty();
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** The customer id ({@code sub}) when the caller is a customer. */
  public Optional<String> customerId() {
    return has(Role.CUSTOMER) ? Optional.of(subject) : Optional.empty();
  }

  /**
   * Passes when the caller holds one of {@code allowed}; otherwise throws {@code 401} for the
   * anonymous caller and {@code 403} for any other (openapi.yaml "Callers").
   */
  public Caller requireAny(Role... allowed) {
    if (isAnonymous()) {
      throw ApiProblem.unauthorized();
    }
    for (Role role : allowed) {
      if (roles.contains(role)) {
        return this;
      }
    }
    throw ApiProblem.forbidden();
  }

  /**
   * Whether the caller may see a resource of {@code customerId}: agents see everything, a customer
   * only their own. Handlers answer {@code 404} when this is false, as if the resource did not
   * exist (openapi.yaml).
   */
  public boolean canSeeCustomer(String customerId) {
    return has(Role.AGENT) || (has(Role.CUSTOMER) && subject.equals(customerId));
  }

  /**
   * The identity idempotency records are scoped to: {@code sub}, else the client id, else the
   * sorted scopes; empty for the anonymous caller.
   */
  public Optional<String> idempotencyScope() {
    if (subject != null) {
      return Optional.of("sub:" + subject);
    }
    if (clientId != null) {
      return Optional.of("client:" + clientId);
    }
    if (!scopes.isEmpty()) {
      return Optional.of("scopes:" + String.join(" ", scopes.stream().sorted().toList()));
    }
    return Optional.empty();
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * A JSON array of strings, or one string holding a list: {@code [a b]}, {@code a,b}, {@code a b}.
   */
  static List<String> stringList(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return values;
    }
    if (node.isArray()) {
      node.forEach(item -> values.addAll(stringList(item)));
      return values;
    }
    String text = node.asText().strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    Arrays.stream(text.split("[\\s,]+"))
        .map(s -> s.strip().replaceAll("^\"|\"$", ""))
        .filter(s -> !s.isEmpty())
        .forEach(values::add);
    return values;
  }
}
