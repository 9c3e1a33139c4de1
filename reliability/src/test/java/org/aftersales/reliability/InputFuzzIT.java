package org.aftersales.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.aftersales.reliability.ApiRoutes.Operation;
import org.aftersales.reliability.ApiRoutes.Role;
import org.aftersales.reliability.World.Kind;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;

/**
 * The input fuzz (every bad input a clear 4xx, never a 5xx): a valid request of a random
 * openapi.yaml operation, sent by a caller it allows, with one thing broken — a body field replaced
 * by a hostile value or removed, the whole body replaced (empty, blank, not JSON, trailing content,
 * deep nesting…), a path id or a query parameter made hostile. Whatever comes in: never a {@code
 * 5xx}; every {@code 4xx} of a function is problem+json (and its response agrees with openapi.yaml,
 * {@link LambdaRun}); a refused request leaves the table unchanged. Cases per run: the Maven
 * property {@code fuzz.tries} (2,000 by default, reliability/pom.xml; {@code -Dfuzz.tries=20000}
 * for more).
 */
class InputFuzzIT {

  private static LocalAws aws;
  private static World world;
  private static ApiRoutes routes;
  private static Requests requests;
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final AtomicInteger SERVER_ERRORS = new AtomicInteger();
  private static final Map<Integer, Integer> STATUSES = new TreeMap<>();

  /** Hostile JSON values for a body field. */
  static final List<String> VALUES =
      List.of(
          "null",
          "0",
          "-1",
          "1.5",
          "1e400",
          "123456789012345678901234567890",
          "true",
          "\"\"",
          "\"   \"",
          "\"" + "x".repeat(2048) + "\"",
          "\"~\"",
          "\"a~b~c\"",
          "\"..\"",
          "\"o\\r\\n1\"",
          "\" o-1\"",
          "\"abc\\u202Edef\"",
          "\"a\\u0000b\"",
          "\"\\ud800\"",
          "{}",
          "[]",
          "[null]",
          "[{}]",
          "[1, \"x\", {}]",
          "{\"amount\": 1}",
          "{\"amount\": -5, \"currency\": \"EUR\"}",
          "{\"amount\": 500, \"currency\": \"XXX\"}",
          "\"9999-12-31T23:59:59Z\"",
          "\"2026-02-30\"",
          "\"0001-01-01\"",
          "\"<script>alert(1)</script>\"",
          "\"' OR '1'='1\"",
          "\"../../etc/passwd\"",
          "\"\uD83D\uDE00\"",
          "99999999999",
          "-99999999999",
          "\"PARTIAL_REFUND\"",
          "[" + "[".repeat(200) + "]".repeat(200) + "]");

  /** Hostile whole bodies. */
  static final List<String> BODIES =
      List.of(
          "",
          "   ",
          "null",
          "[]",
          "\"{}\"",
          "{} x",
          "{}{}",
          "not json",
          "{\"a\": 1, \"a\": 2}",
          "{",
          "[".repeat(3000),
          "{\"lines\": null}",
          "{\"reason\": \"" + "r".repeat(300_000) + "\"}",
          "{\"\\u0000\": 1}");

  /** Hostile path ids (as sent on the wire, so percent-encoded where needed). */
  static final List<String> IDS =
      List.of(
          "x".repeat(2048),
          "~",
          "a~b~c",
          "..",
          "o\r\n1",
          " o-1",
          "o-1\u202E",
          "o\u0000",
          "unknown-1",
          "%",
          "null",
          "' OR 1=1",
          "\uD83D\uDE00");

  /** Hostile query values. */
  static final List<String> QUERY_VALUES =
      List.of(
          "",
          "0",
          "-1",
          "abc",
          "1000000",
          "1.5",
          "SETTLED",
          "X",
          "not-a-token",
          base64("pk\u0000x\u0000sk\u0000y\u0000gsi2pk\u0000z\u0000gsi2sk\u0000w\u0000"),
          base64("pk\u0000\u0000sk\u0000\u0000gsi2pk\u0000\u0000gsi2sk\u0000\u0000"),
          base64("gsi2pk\u0000PENDING_REFUNDS\u0000"),
          "x".repeat(3000));

  /** One broken thing: which kind of break and where, resolved against the chosen operation. */
  record Mutation(int operation, int caller, int kind, int where, int what) {}

  @BeforeContainer
  static void startWorld() {
    aws = LocalAws.start();
    world = new World(aws);
    routes = ApiRoutes.load();
    requests = new Requests(world);
  }

  @AfterContainer
  static void stopWorld() {
    System.out.printf(
        "RELIABILITY fuzz: %d cases over %d operations, statuses %s, 5xx: %d%n",
        CASES.get(), routes.operations().size(), STATUSES, SERVER_ERRORS.get());
    if (aws != null) {
      aws.close();
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 1_000),
            Arbitraries.integers().between(0, 1_000),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 1_000),
            Arbitraries.integers().between(0, 1_000))
        .as(Mutation::new);
  }

  @Property
  void no_input_is_a_5xx_every_refusal_is_a_problem_and_changes_nothing(
      @ForAll("mutations") Mutation mutation) {
    Operation op = routes.operations().get(mutation.operation() % routes.operations().size());
    List<Kind> callers = callers(op);
    Kind caller = callers.get(mutation.caller() % callers.size());
    Requests.Request valid = requests.valid(op);
    String path = valid.path();
    String query = valid.query();
    String body = valid.body();
    switch (mutation.kind()) {
      case 0 ->
          body =
              body == null
                  ? BODIES.get(mutation.what() % BODIES.size())
                  : breakField(body, mutation);
      case 1 -> body = BODIES.get(mutation.what() % BODIES.size());
      case 2 -> {
        if (op.pathParameters().isEmpty()) {
          body = BODIES.get(mutation.what() % BODIES.size());
        } else {
          List<String> ids = new ArrayList<>();
          op.pathParameters().forEach(p -> ids.add(encode(requests.validId(p))));
          ids.set(mutation.where() % ids.size(), encode(IDS.get(mutation.what() % IDS.size())));
          path = Requests.path(op, ids);
        }
      }
      default -> {
        if (op.queryParameters().isEmpty()) {
          body = body == null ? null : breakField(body, mutation);
        } else {
          String name = op.queryParameters().get(mutation.where() % op.queryParameters().size());
          query = name + "=" + encode(QUERY_VALUES.get(mutation.what() % QUERY_VALUES.size()));
        }
      }
    }

    List<String> before = world.snapshot();
    Gateway.Answer answer =
        world.gateway.send(op.method(), path, query, world.authorization(caller), Map.of(), body);

    CASES.incrementAndGet();
    synchronized (STATUSES) {
      STATUSES.merge(answer.status(), 1, Integer::sum);
    }
    if (answer.status() >= 500) {
      SERVER_ERRORS.incrementAndGet();
    }
    String what =
        op.routeKey() + " as " + caller + " " + path + "?" + query + " " + abbreviated(body);
    assertThat(answer.status()).as(what + " → " + answer.rawBody()).isLessThan(500);
    if (answer.status() >= 400) {
      if (answer.ranFunction()) {
        assertThat(answer.contentType()).as(what).isEqualTo("application/problem+json");
      }
      assertThat(world.snapshot()).as("a refusal changed the table: " + what).isEqualTo(before);
    }
  }

  /** The allowed callers of an operation (anyone: the anonymous caller). */
  static List<Kind> callers(Operation op) {
    List<Kind> kinds = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (!kind.forged()
          && kind != Kind.OTHER_CUSTOMER
          && (kind != Kind.ANONYMOUS || op.roles().contains(Role.ANYONE))
          && AuthorizationMatrixIT.allowed(op, kind)) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  /** Replaces one node of the body (any depth) by a hostile value, or removes it. */
  static String breakField(String body, Mutation mutation) {
    JsonNode tree = LambdaRun.tree(body);
    List<JsonNode[]> slots = new ArrayList<>(); // {parent, key-or-index as text node}
    collect(tree, slots);
    if (slots.isEmpty()) {
      return BODIES.get(mutation.what() % BODIES.size());
    }
    JsonNode[] slot = slots.get(mutation.where() % slots.size());
    int choice = mutation.what() % (VALUES.size() + 1);
    JsonNode value = choice == VALUES.size() ? null : parse(VALUES.get(choice));
    if (slot[0] instanceof ObjectNode object) {
      if (value == null) {
        object.remove(slot[1].asText());
      } else {
        object.set(slot[1].asText(), value);
      }
    } else if (slot[0] instanceof ArrayNode array) {
      if (value == null) {
        array.remove(slot[1].asInt());
      } else {
        array.set(slot[1].asInt(), value);
      }
    }
    return tree.toString();
  }

  private static void collect(JsonNode node, List<JsonNode[]> slots) {
    if (node instanceof ObjectNode object) {
      object
          .properties()
          .forEach(
              e -> {
                slots.add(
                    new JsonNode[] {object, Json.MAPPER.getNodeFactory().textNode(e.getKey())});
                collect(e.getValue(), slots);
              });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new JsonNode[] {array, Json.MAPPER.getNodeFactory().numberNode(i)});
        collect(array.get(i), slots);
      }
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      // A value Jackson can't hold as a tree (1e400 is read as BigDecimal and kept): as a string.
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, UTF_8).replace("+", "%20");
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
  }

  private static String abbreviated(String body) {
    return body == null ? "(no body)" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }
}
