package org.aftersales.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersales.reliability.ApiRoutes.Operation;
import org.aftersales.reliability.ApiRoutes.Role;
import org.aftersales.reliability.World.Kind;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorisation matrix (nobody reads or changes what is not theirs): every operation of
 * openapi.yaml × every caller kind of openapi.yaml, plus forged tokens (another key, {@code alg:
 * none}, expired, wrong issuer or audience, groups edited after signing, garbage, Basic
 * credentials). Who may call an operation is read from its openapi summary. Expected: a forged or
 * missing token is API Gateway's {@code 401} and the function never runs; a caller of another role
 * {@code 403}; another customer {@code 404} as if the resource did not exist; an allowed caller
 * never {@code 401}/{@code 403}; nobody a {@code 5xx}; and a refused request leaves the table as it
 * was. Disallowed callers go first, so the allowed ones' changes can't hide a leak.
 */
@ExtendWith(LocalAwsServers.class)
class AuthorizationMatrixIT {

  private final LocalAws aws;

  AuthorizationMatrixIT(LocalAws aws) {
    this.aws = aws;
  }

  @Test
  void every_route_answers_every_caller_kind_as_its_contract_says() {
    World world = new World(aws);
    ApiRoutes routes = ApiRoutes.load();
    Requests requests = new Requests(world);
    List<String> failures = new ArrayList<>();
    int cells = 0;
    for (boolean allowedPass : List.of(false, true)) {
      for (Operation op : routes.operations()) {
        for (Kind kind : Kind.values()) {
          if (allowed(op, kind) != allowedPass) {
            continue;
          }
          cells++;
          Requests.Request request = requests.valid(op);
          List<String> before = world.snapshot();
          Gateway.Answer answer;
          try {
            answer =
                world.gateway.send(
                    op.method(),
                    request.path(),
                    request.query(),
                    world.authorization(kind),
                    Map.of(),
                    request.body());
          } catch (AssertionError contract) {
            failures.add(op.routeKey() + " × " + kind + ": " + contract.getMessage());
            continue;
          }
          String cell = op.routeKey() + " × " + kind + " → " + answer.status();
          Set<Integer> expected = expected(op, kind);
          if (!expected.isEmpty() && !expected.contains(answer.status())) {
            failures.add(cell + ", expected one of " + expected + ": " + answer.rawBody());
          }
          if (allowedPass && (answer.status() == 401 || answer.status() == 403)) {
            failures.add(cell + ": an allowed caller was refused: " + answer.rawBody());
          }
          if (answer.status() >= 500) {
            failures.add(cell + ": " + answer.rawBody());
          }
          if (kind.forged() && !op.roles().contains(Role.ANYONE) && answer.ranFunction()) {
            failures.add(cell + ": a forged token reached the function");
          }
          if (answer.status() >= 400 && !world.snapshot().equals(before)) {
            failures.add(cell + ": a refused request changed the table");
          }
        }
      }
    }
    System.out.printf(
        "RELIABILITY authorisation matrix: %d routes × %d caller kinds = %d cells, %d failures%n",
        routes.operations().size(), Kind.values().length, cells, failures.size());
    assertThat(cells).isEqualTo(routes.operations().size() * Kind.values().length);
    assertThat(failures).isEmpty();
  }

  /** Whether the operation's summary lets this caller kind in. */
  static boolean allowed(Operation op, Kind kind) {
    Set<Role> roles = op.roles();
    return roles.contains(Role.ANYONE)
        || switch (kind) {
          case OWNER -> roles.contains(Role.OWNER);
          case AGENT -> roles.contains(Role.AGENT);
          case WAREHOUSE -> roles.contains(Role.WAREHOUSE);
          case STOREFRONT_SERVICE -> roles.contains(Role.STOREFRONT_SERVICE);
          case PAYMENT_INTEGRATION -> roles.contains(Role.PAYMENT_INTEGRATION);
          default -> false;
        };
  }

  /** The statuses a refused caller kind may get (empty: any but 401/403/5xx, checked apart). */
  static Set<Integer> expected(Operation op, Kind kind) {
    if (allowed(op, kind)) {
      return Set.of();
    }
    if (kind == Kind.ANONYMOUS || kind.forged()) {
      return Set.of(401);
    }
    if (kind == Kind.OTHER_CUSTOMER && op.roles().contains(Role.OWNER)) {
      return Set.of(404);
    }
    return Set.of(403);
  }
}
