package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aftersales.shared.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite end to end on the local stack: the project's template.yaml with every function
 * from its real package, a fresh data dir (so the demo data is seeded through the API), and the
 * stories of the policy told over HTTP as the storefront, the warehouse, a customer, an agent and
 * the payment integration would: order → delivery → DOA claim → evidence uploads through presigned
 * URLs → S3 trigger → review → decision → refund → settlement; cancellation (CAN-1, CAN-8); the
 * auto-cancel schedule (CAN-6); changes before processing (CHG-3: a cheaper item refunded and
 * settled, a dearer one paid and applied, one that lapsed when the parcel was processed first);
 * events at the store's webhook ({@code --webhook URL}, a small HTTP receiver in this test) and
 * emails in the local SES inbox with their links: a cancellation's, a claim asked for more
 * information (MSG-2, MSG-3, MSG-4).
 */
class LocalStackStoriesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO =
      Path.of(System.getProperty("aftersales.root", "..")).toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final byte[] JPEG = {
    (byte) 0xFF,
    (byte) 0xD8,
    (byte) 0xFF,
    (byte) 0xE0,
    0,
    0x10,
    'J',
    'F',
    'I',
    'F',
    0,
    1,
    1,
    0,
    0,
    1
  };

  private static Path dataDir;
  private static StackProcess stack;

  /** The store's webhook: what it received, one JSON body per POST (a concurrent queue). */
  private static HttpServer webhook;

  private static final ConcurrentLinkedQueue<JsonNode> DELIVERED = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void startStack() throws Exception {
    SamTemplate template = SamTemplate.load(REPO.resolve("template.yaml"));
    for (FunctionDefinition function : template.functions()) {
      assertThat(new LambdaFunction(function, REPO).unavailableReason())
          .as(
              "%s must be packaged before this test (./mvnw -pl local -am verify does it)",
              function.logicalId())
          .isNull();
    }
    webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            DELIVERED.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    webhook.start();
    dataDir = Files.createTempDirectory("local-stack-stories");
    stack =
        StackProcess.startProject(
            REPO,
            dataDir,
            "--webhook",
            "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (webhook != null) {
      webhook.stop(0);
    }
    LambdaFunction.deleteRecursively(dataDir);
  }

  private static HttpResponse<String> send(String method, String path, String token, Object body)
      throws Exception {
    return stack.send(method, path, token, body);
  }

  private static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode())
        .as("%s %s → %s", response.request().method(), response.request().uri(), response.body())
        .isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static String token(String subject, List<String> groups, List<String> scopes)
      throws Exception {
    return ok(
            send(
                "POST",
                "/_local/tokens",
                null,
                Map.of("sub", subject, "groups", groups, "scopes", scopes)),
            200)
        .path("token")
        .asText();
  }

  @Test
  void the_fresh_stack_seeded_the_demo_orders_through_the_api() throws Exception {
    assertThat(stack.output()).contains("Demo data: registered through the API");
    for (DemoData.DemoOrder order : DemoData.orders(Instant.now())) {
      assertThat(stack.output()).as("the demo list as seeded").contains(DemoData.describe(order));
    }
    String customer = token("c-1001", List.of(), List.of());

    JsonNode delivered = ok(send("GET", "/orders/o-1003", customer, null), 200);

    assertThat(delivered.path("customerId").asText()).isEqualTo("c-1001");
    assertThat(delivered.at("/parcels/0/status").asText()).isEqualTo("DELIVERED");
    assertThat(send("GET", "/orders/o-1005", customer, null).statusCode())
        .as("another customer's order")
        .isEqualTo(404);
  }

  @Test
  void order_delivery_doa_claim_evidence_review_refund_and_settlement() throws Exception {
    String storefront = token("storefront-service", List.of(), List.of("aftersales/orders.write"));
    String warehouse = token("warehouse-1", List.of("warehouse"), List.of());
    String customer = token("c-story", List.of(), List.of());
    String agent = token("agent-1", List.of("care-agents"), List.of());
    String payment = token("payment-integration", List.of(), List.of("aftersales/refunds.settle"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    ObjectNode order =
        JSON.createObjectNode()
            .put("customerId", "c-story")
            .put("currency", "EUR")
            .put("placedAt", now.minus(4, ChronoUnit.DAYS).toString())
            .put(
                "expectedShipBy", LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(3).toString());
    order
        .putArray("lines")
        .addObject()
        .put("lineId", "L1")
        .put("sku", "KW-HDMI-01")
        .put("name", "HDMI switch")
        .put("category", "electronics")
        .put("quantity", 1)
        .put("unitPrice", 2999)
        .put("discount", 0)
        .put("tax", 0)
        .putArray("components")
        .addObject()
        .put("componentId", "psu")
        .put("name", "power adapter")
        .put("price", 800);
    order.put("orderDiscount", 0).put("deliveryCharge", 499).put("paidTotal", 3498);
    order
        .putArray("parcels")
        .addObject()
        .put("parcelId", "P1")
        .putArray("lines")
        .addObject()
        .put("lineId", "L1")
        .put("quantity", 1);
    ok(send("PUT", "/orders/o-story", storefront, order), 201);
    for (String type : List.of("PROCESSED", "SHIPPED", "DELIVERED")) {
      ok(
          send(
              "POST",
              "/orders/o-story/parcels/P1/events",
              warehouse,
              Map.of(
                  "type",
                  type,
                  "at",
                  now.minus(3, ChronoUnit.DAYS)
                      .plus(
                          List.of("PROCESSED", "SHIPPED", "DELIVERED").indexOf(type),
                          ChronoUnit.DAYS)
                      .toString(),
                  "trackingNumber",
                  "TRK-1")),
          200);
    }

    JsonNode claim =
        ok(
            send(
                "POST",
                "/orders/o-story/claims",
                customer,
                Map.of(
                    "lineId",
                    "L1",
                    "problem",
                    "NOT_WORKING",
                    "description",
                    "no picture on any input")),
            201);
    String claimId = claim.path("claimId").asText();
    assertThat(claim.path("status").asText()).isEqualTo("AWAITING_EVIDENCE");
    assertThat(claim.path("uploads").findValuesAsText("kind"))
        .containsExactlyInAnyOrder("PROBLEM", "SHIPPING_LABEL", "PACKAGING");

    for (JsonNode upload : claim.path("uploads")) {
      putJpeg(upload);
    }
    JsonNode reviewed = awaitClaimStatus(claimId, customer, "UNDER_REVIEW");
    assertThat(reviewed.at("/evidence/received"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("PROBLEM", "SHIPPING_LABEL", "PACKAGING");
    stack.awaitOutput("→ EvidenceFunction ok");

    JsonNode queue = ok(send("GET", "/claims?status=UNDER_REVIEW", agent, null), 200);
    assertThat(queue.path("claims").findValuesAsText("claimId")).contains(claimId);

    JsonNode decided =
        ok(
            send(
                "POST",
                "/claims/" + claimId + "/decision",
                agent,
                Map.of("outcome", "FULL_REFUND", "message", "Sorry, refunded in full.")),
            200);
    assertThat(decided.path("status").asText()).isEqualTo("APPROVED_FULL_REFUND");
    JsonNode refund = decided.path("refund");
    assertThat(refund.path("status").asText()).isEqualTo("PENDING");
    assertThat(refund.path("source").asText()).isEqualTo("CLAIM");
    assertThat(refund.at("/amount/amount").asLong())
        .as("the whole paid price and delivery of the only unit")
        .isEqualTo(3498);
    assertThat(refund.at("/breakdown/total/amount").asLong()).isEqualTo(3498);

    JsonNode pending = ok(send("GET", "/refunds?status=PENDING", payment, null), 200);
    JsonNode listed = null;
    for (JsonNode candidate : pending.path("refunds")) {
      if (candidate.path("sourceId").asText().equals(claimId)) {
        listed = candidate;
      }
    }
    assertThat(listed)
        .as("the claim's refund in the payment integration's pending list %s", pending)
        .isNotNull();
    String refundId = listed.path("refundId").asText();
    JsonNode settled =
        ok(
            send(
                "POST",
                "/refunds/" + URLEncoder.encode(refundId, StandardCharsets.UTF_8) + "/settlement",
                payment,
                Map.of("settledAt", Instant.now().toString(), "paymentReference", "PAY-42")),
            200);
    assertThat(settled.toString()).contains("SETTLED");
    assertThat(
            ok(send("GET", "/refunds?status=PENDING", payment, null), 200)
                .findValuesAsText("refundId"))
        .doesNotContain(refundId);
    assertThat(
            ok(send("GET", "/orders/o-story", customer, null), 200)
                .at("/refundedTotal/amount")
                .asLong())
        .isEqualTo(3498);
  }

  @Test
  void the_console_has_one_line_per_request_and_the_function_logs_go_to_their_file()
      throws Exception {
    String customer = token("c-1001", List.of(), List.of());
    ok(send("GET", "/orders/o-1004", customer, null), 200);
    stack.awaitOutput("GET /orders/{orderId} → OrdersFunction 200");

    Path logs = dataDir.resolve("logs/functions.log");
    assertThat(stack.output())
        .contains("Function logs (JSON lines, EMF metrics): " + logs)
        .as("no SLF4J binding warnings from the functions' SDK")
        .doesNotContain("SLF4J");
    assertThat(stack.output().lines().filter(line -> line.startsWith("{")))
        .as("no JSON log or EMF line on the console")
        .isEmpty();
    List<String> logged = Files.readAllLines(logs);
    assertThat(logged).isNotEmpty().allSatisfy(line -> JSON.readTree(line));
    assertThat(logged).anyMatch(line -> line.contains("\"_aws\""));
  }

  @Test
  void cancellation_is_refunded_once_and_the_auto_cancel_schedule_cancels_the_overdue_order()
      throws Exception {
    String customer = token("c-1001", List.of(), List.of());
    String agent = token("agent-1", List.of("care-agents"), List.of());

    JsonNode cancelled =
        ok(
            send(
                "POST",
                "/orders/o-1001/cancellation",
                customer,
                Map.of("reason", "changed my mind")),
            200);
    assertThat(cancelled.path("cancelled").findValuesAsText("lineId"))
        .containsExactlyInAnyOrder("L1", "L2");
    assertThat(cancelled.at("/refund/amount/amount").asLong())
        .as("everything paid, CAN-1")
        .isEqualTo(2 * 2999 + 999 - 500 + 499);
    JsonNode again =
        ok(
            send(
                "POST",
                "/orders/o-1001/cancellation",
                customer,
                Map.of("reason", "changed my mind")),
            200);
    assertThat(again.path("cancelled")).isEmpty();
    assertThat(again.path("refund").isNull()).as("CAN-8: no second refund").isTrue();

    JsonNode fired = ok(send("POST", "/_local/schedules/AutoCancelFunction", null, null), 200);
    JsonNode run = fired.path("invocations").path(0);
    assertThat(run.path("status").asText()).as(fired.toString()).isEqualTo("ok");
    assertThat(run.at("/output/cancelledOrders").asInt()).isGreaterThanOrEqualTo(1);

    JsonNode overdue = ok(send("GET", "/orders/o-1005", agent, null), 200);
    assertThat(overdue.at("/parcels/0/status").asText()).isEqualTo("CANCELLED");
    assertThat(overdue.path("refunds").findValuesAsText("source")).containsExactly("CANCELLATION");
  }

  @Test
  void racing_cancellations_through_the_stack_refund_once() throws Exception { // CAN-8
    String customer = token("c-race", List.of(), List.of());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    registerOneUnit(
        "o-race",
        "c-race",
        now.minus(1, ChronoUnit.HOURS),
        LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3));

    // Eight at once: the stack runs them in side-by-side execution environments, as Lambda would.
    List<HttpResponse<String>> responses = new ArrayList<>();
    try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<String>>> racing = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        racing.add(
            customers.submit(
                () ->
                    send(
                        "POST",
                        "/orders/o-race/cancellation",
                        customer,
                        Map.of("reason", "changed my mind"))));
      }
      for (Future<HttpResponse<String>> response : racing) {
        responses.add(response.get(120, TimeUnit.SECONDS));
      }
    }

    List<String> answers = responses.stream().map(r -> r.statusCode() + " " + r.body()).toList();
    long refunded = 0;
    for (HttpResponse<String> response : responses) {
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() == 503) {
        // A loser that ran out of its time budget says so (or, on a loaded machine, one whose
        // first read outlasted the call budget: it wrote nothing); the winner never answers 503.
        assertThat(body.path("code").asText())
            .as("%s", answers)
            .isIn("order-busy", "dependency-unavailable");
        assertThat(response.headers().firstValue("retry-after")).isPresent();
      } else {
        assertThat(response.statusCode()).as("%s", answers).isEqualTo(200);
        refunded += body.path("refund").isNull() ? 0 : 1;
      }
    }
    assertThat(refunded)
        .as("CAN-8: exactly one answer, the winner's, carries the refund: %s", answers)
        .isEqualTo(1);
    JsonNode cancelled = ok(send("GET", "/orders/o-race", customer, null), 200);
    assertThat(cancelled.path("refunds").findValuesAsText("source"))
        .containsExactly("CANCELLATION");
    assertThat(stack.output()).contains("→ CancellationFunction 200");
  }

  @Test
  void MSG_3_a_cancellation_emails_the_customer_in_the_orders_language_with_a_working_link()
      throws Exception {
    String orderId = "o-email-" + System.nanoTime();
    String address = registerOneUnitWithGermanEmail(orderId, "c-1001");
    String customer = token("c-1001", List.of(), List.of());

    ok(
        send(
            "POST",
            "/orders/" + orderId + "/cancellation",
            customer,
            Map.of("reason", "changed my mind")),
        200);

    List<JsonNode> mine = awaitEmails(address, "storniert");
    assertThat(mine)
        .as("the cancellation email in the local SES inbox; stack output:\n%s", stack.output())
        .hasSize(1);
    JsonNode email = mine.getFirst();
    assertThat(email.path("subject").asText())
        .isEqualTo("Bestellung " + orderId + ": Artikel storniert");
    String link = stack.api() + "/app/#order=" + orderId;
    assertThat(email.path("body").path("text").asText())
        .contains("1 Artikel Ihrer Bestellung " + orderId + " sind storniert.")
        .contains("Wir erstatten 34,98\u00a0€")
        .contains("Ihre Bestellung: " + link);
    linkOpensAPage(link);
    assertThat(stack.output()).as("MSG-3: no address in the logs").doesNotContain(address);
  }

  @Test
  void MSG_3_a_claim_asked_for_more_information_emails_the_agents_message_with_a_link_to_the_claim()
      throws Exception {
    String orderId = "o-needs-info-" + System.nanoTime();
    String customerId = "c-" + orderId;
    String address = orderId + "@example.com";
    deliveredOneUnit(
        orderId,
        customerId,
        2,
        JSON.createObjectNode().put("email", address).put("language", "en"));
    String customer = token(customerId, List.of(), List.of());
    String agent = token("agent-1", List.of("care-agents"), List.of());
    JsonNode claim =
        ok(
            send(
                "POST",
                "/orders/" + orderId + "/claims",
                customer,
                Map.of("lineId", "L1", "problem", "NOT_WORKING", "description", "no picture")),
            201);
    String claimId = claim.path("claimId").asText();
    for (JsonNode upload : claim.path("uploads")) {
      putJpeg(upload);
    }
    awaitClaimStatus(claimId, customer, "UNDER_REVIEW");
    String message = "Please film the power light while you plug it in.";

    ok(
        send(
            "POST",
            "/claims/" + claimId + "/decision",
            agent,
            Map.of("outcome", "NEEDS_INFO", "message", message)),
        200);

    List<JsonNode> asked = awaitEmails(address, "more information");
    assertThat(asked)
        .as("the ClaimNeedsInfo email in the local SES inbox; stack output:\n%s", stack.output())
        .hasSize(1);
    String link = stack.api() + "/app/#order=" + orderId + "&claim=" + claimId;
    assertThat(asked.getFirst().path("body").path("text").asText())
        .contains("\"" + message + "\"")
        .contains("Upload more evidence: " + link);
    linkOpensAPage(link);
    JsonNode shown = ok(send("GET", "/claims/" + claimId, customer, null), 200);
    assertThat(shown.path("status").asText())
        .as("the claim the page opens, as the customer reads it")
        .isEqualTo("NEEDS_INFO");
    assertThat(shown.path("message").asText()).isEqualTo(message);
    assertThat(awaitEmails(address, "more information")).as("still one").hasSize(1);
  }

  /** An email's link answers the page (the fragment stays in the browser). */
  private static void linkOpensAPage(String link) throws Exception {
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(link)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as("the link's page").isEqualTo(200);
    assertThat(page.body()).contains("<html");
  }

  /**
   * The emails of the local SES inbox to {@code address} whose subject contains {@code word}, once
   * there is one (within 60 s, else the test fails), firing the publisher's sweep every second
   * rather than at its next minute (MSG-2).
   */
  private static List<JsonNode> awaitEmails(String address, String word) throws Exception {
    URI store = URI.create(stack.environment().get("AWS_ENDPOINT_URL_SESV2") + "/store");
    Instant[] lastSweep = {Instant.EPOCH};
    Eventually.until(
        "an email to " + address + " about \"" + word + "\" in the local SES inbox",
        Duration.ofSeconds(60),
        () ->
            sweptAtMostEverySecond(lastSweep)
                && !unchecked(() -> emailsTo(store, address, word)).isEmpty(),
        stack::output);
    return emailsTo(store, address, word);
  }

  @Test
  void MSG_3_a_cancellation_replayed_three_times_is_one_event_at_the_webhook_and_one_email()
      throws Exception {
    String orderId = "o-replay-" + System.nanoTime();
    String address = registerOneUnitWithGermanEmail(orderId, "c-replay");
    String customer = token("c-replay", List.of(), List.of());
    String payment = token("payment-integration", List.of(), List.of("aftersales/refunds.settle"));

    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(
          stack.send(
              "POST",
              "/orders/" + orderId + "/cancellation",
              customer,
              Map.of("reason", "changed my mind"),
              Map.of("Idempotency-Key", "cancel-" + orderId)));
    }
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.getFirst().body());
    assertThat(answers.subList(1, 3))
        .allSatisfy(
            a -> assertThat(a.headers().firstValue("idempotent-replayed")).hasValue("true"));
    JsonNode cancelled = JSON.readTree(answers.getFirst().body());
    String refundId = cancelled.at("/refund/refundId").asText();

    // A later decision on the same order item: its events are published in the order of its
    // decisions (MSG-2), so once this one is at the webhook, a second copy of the first would be.
    ok(
        send(
            "POST",
            "/refunds/" + URLEncoder.encode(refundId, StandardCharsets.UTF_8) + "/settlement",
            payment,
            Map.of("settledAt", Instant.now().toString(), "paymentReference", "PAY-" + orderId)),
        200);
    URI inbox = URI.create(stack.environment().get("AWS_ENDPOINT_URL_SESV2") + "/store");
    Instant[] lastSweep = {Instant.EPOCH};
    Eventually.until(
        "the cancellation and the settlement at the webhook, the email in the local SES inbox",
        Duration.ofSeconds(90),
        () ->
            sweptAtMostEverySecond(lastSweep)
                && !atWebhook(orderId, "RefundSettled").isEmpty()
                && !unchecked(() -> emailsTo(inbox, address, "storniert")).isEmpty(),
        () -> DELIVERED + "\nstack output:\n" + stack.output());

    List<JsonNode> events = atWebhook(orderId, "OrderUnitsCancelled");
    assertThat(events).as("MSG-4: the cancellation at the webhook once, by eventId").hasSize(1);
    JsonNode event = events.getFirst();
    assertThat(event.path("eventId").asText()).startsWith("ev-");
    assertThat(event.path("customerId").asText()).isEqualTo("c-replay");
    assertThat(event.at("/subject/kind").asText()).isEqualTo("CANCELLATION");
    assertThat(event.path("ruleIds").toString()).contains("CAN-1", "CAN-5");
    assertThat(event.at("/data/cancelled/0/lineId").asText()).isEqualTo("L1");
    assertThat(event.at("/data/refund/refundId").asText()).isEqualTo(refundId);
    assertThat(event.at("/data/refund/amount/amount").asLong())
        .isEqualTo(cancelled.at("/refund/amount/amount").asLong())
        .isEqualTo(3498);
    assertThat(emailsTo(inbox, address, "storniert"))
        .as("MSG-3: one email for the cancellation, none for its replays")
        .hasSize(1);
  }

  /** The events of {@code type} about {@code orderId} the webhook received, in arrival order. */
  private static List<JsonNode> atWebhook(String orderId, String type) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode envelope : DELIVERED) {
      JsonNode detail = envelope.path("detail");
      JsonNode event =
          detail.isTextual() ? unchecked(() -> JSON.readTree(detail.asText())) : detail;
      if (type.equals(envelope.path("detail-type").asText())
          && orderId.equals(event.path("orderId").asText())) {
        found.add(event);
      }
    }
    return found;
  }

  /**
   * Fires the publisher's sweep (MSG-2) now rather than at its next minute, at most once a second
   * ({@code last} holds when it last did); always true, to chain before a poll's condition.
   */
  private static boolean sweptAtMostEverySecond(Instant[] last) {
    if (Instant.now().isAfter(last[0].plusSeconds(1))) {
      last[0] = Instant.now();
      unchecked(() -> send("POST", "/_local/schedules/EventPublisherFunction", null, null));
    }
    return true;
  }

  /** One unit (as {@link #registerOneUnit}) of an order in German with an email address; it. */
  private static String registerOneUnitWithGermanEmail(String orderId, String customerId)
      throws Exception {
    String address = orderId + "@example.com";
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    registerOneUnit(
        orderId,
        customerId,
        now.minus(1, ChronoUnit.HOURS),
        LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3),
        JSON.createObjectNode().put("email", address).put("language", "de"));
    return address;
  }

  interface Io<T> {
    T get() throws Exception;
  }

  private static <T> T unchecked(Io<T> io) {
    try {
      return io.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The emails of the local SES inbox to {@code address} whose subject contains {@code word}. */
  private static List<JsonNode> emailsTo(URI store, String address, String word) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(store).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode email : JSON.readTree(response.body()).path("emails")) {
      if (email.path("destination").path("to").toString().contains(address)
          && email.path("subject").asText().contains(word)) {
        found.add(email);
      }
    }
    return found;
  }

  /** One HDMI switch (electronics, 24 months) for 29.99 + 4.99 delivery in parcel P1. */
  private static void registerOneUnit(
      String orderId, String customerId, Instant placedAt, LocalDate expectedShipBy)
      throws Exception {
    registerOneUnit(orderId, customerId, placedAt, expectedShipBy, null);
  }

  /** {@link #registerOneUnit}, with the customer's {@code contact} (MSG-3) when not null. */
  private static void registerOneUnit(
      String orderId,
      String customerId,
      Instant placedAt,
      LocalDate expectedShipBy,
      ObjectNode contact)
      throws Exception {
    String storefront = token("storefront-service", List.of(), List.of("aftersales/orders.write"));
    ObjectNode order =
        JSON.createObjectNode()
            .put("customerId", customerId)
            .put("currency", "EUR")
            .put("placedAt", placedAt.toString())
            .put("expectedShipBy", expectedShipBy.toString());
    if (contact != null) {
      order.set("contact", contact);
    }
    order
        .putArray("lines")
        .addObject()
        .put("lineId", "L1")
        .put("sku", "KW-HDMI-01")
        .put("name", "HDMI switch")
        .put("category", "electronics")
        .put("quantity", 1)
        .put("unitPrice", 2999)
        .put("discount", 0)
        .put("tax", 0);
    order.put("orderDiscount", 0).put("deliveryCharge", 499).put("paidTotal", 3498);
    order
        .putArray("parcels")
        .addObject()
        .put("parcelId", "P1")
        .putArray("lines")
        .addObject()
        .put("lineId", "L1")
        .put("quantity", 1);
    ok(send("PUT", "/orders/" + orderId, storefront, order), 201);
  }

  /** {@link #registerOneUnit}, its parcel P1 delivered {@code daysAgo} days ago. */
  private static void deliveredOneUnit(String orderId, String customerId, int daysAgo)
      throws Exception {
    deliveredOneUnit(orderId, customerId, daysAgo, null);
  }

  /** {@link #deliveredOneUnit}, with the customer's {@code contact} (MSG-3) when not null. */
  private static void deliveredOneUnit(
      String orderId, String customerId, int daysAgo, ObjectNode contact) throws Exception {
    String warehouse = token("warehouse-1", List.of("warehouse"), List.of());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    registerOneUnit(
        orderId,
        customerId,
        now.minus(daysAgo + 3, ChronoUnit.DAYS),
        LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(daysAgo + 1),
        contact);
    List<String> types = List.of("PROCESSED", "SHIPPED", "DELIVERED");
    for (String type : types) {
      ok(
          send(
              "POST",
              "/orders/" + orderId + "/parcels/P1/events",
              warehouse,
              Map.of(
                  "type",
                  type,
                  "at",
                  now.minus(daysAgo + 2 - types.indexOf(type), ChronoUnit.DAYS).toString(),
                  "trackingNumber",
                  "TRK-1")),
          200);
    }
  }

  @Test
  void WAR_1_WAR_3_WAR_4_a_unit_broken_after_three_months_repair_fails_price_reduction_refunded()
      throws Exception {
    String customer = token("c-warranty", List.of(), List.of());
    String agent = token("agent-1", List.of("care-agents"), List.of());
    String warehouse = token("warehouse-1", List.of("warehouse"), List.of());
    deliveredOneUnit("o-warranty", "c-warranty", 91);

    JsonNode before = ok(send("GET", "/orders/o-warranty", customer, null), 200);
    JsonNode offered = before.findValue("actions").path("claim");
    assertThat(offered.path("allowed").asBoolean()).isTrue();
    assertThat(offered.path("coverage").asText()).isEqualTo("WARRANTY");
    String warrantyEnd = offered.path("until").asText();

    JsonNode claim =
        ok(
            send(
                "POST",
                "/orders/o-warranty/claims",
                customer,
                Map.of(
                    "lineId",
                    "L1",
                    "problem",
                    "NOT_WORKING",
                    "description",
                    "stopped switching inputs",
                    "preferredRemedy",
                    "REPAIR")),
            201);
    String claimId = claim.path("claimId").asText();
    assertThat(claim.path("coverage").asText()).isEqualTo("WARRANTY");
    assertThat(claim.path("coverageUntil").asText()).isEqualTo(warrantyEnd);
    assertThat(claim.path("uploads").findValuesAsText("kind")).containsExactly("PROBLEM");
    putJpeg(claim.path("uploads").path(0));
    awaitClaimStatus(claimId, customer, "UNDER_REVIEW");

    JsonNode repair =
        ok(
            send(
                "POST",
                "/claims/" + claimId + "/decision",
                agent,
                Map.of("outcome", "REPAIR", "message", "Please send it in; we repair it.")),
            200);
    assertThat(repair.path("status").asText()).isEqualTo("REPAIR_IN_PROGRESS");
    assertThat(repair.at("/repair/shippingPaidBy").asText()).isEqualTo("STORE");
    Instant received = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ok(
        send(
            "POST",
            "/claims/" + claimId + "/repair",
            warehouse,
            Map.of("step", "RECEIVED", "at", received.toString(), "trackingNumber", "DHL-77")),
        200);
    JsonNode unrepairable =
        ok(
            send(
                "POST",
                "/claims/" + claimId + "/repair",
                warehouse,
                Map.of("step", "UNREPAIRABLE", "at", received.plusSeconds(3600).toString())),
            200);
    assertThat(unrepairable.path("status").asText()).isEqualTo("UNDER_REVIEW");

    JsonNode reduced =
        ok(
            send(
                "POST",
                "/claims/" + claimId + "/decision",
                agent,
                Map.of(
                    "outcome",
                    "PRICE_REDUCTION",
                    "amount",
                    Map.of("amount", 1500, "currency", "EUR"),
                    "message",
                    "It could not be repaired; here is a price reduction.")),
            200);
    assertThat(reduced.path("status").asText()).isEqualTo("APPROVED_PRICE_REDUCTION");
    assertThat(reduced.at("/refund/amount/amount").asLong()).isEqualTo(1500);

    JsonNode seen = ok(send("GET", "/claims/" + claimId, customer, null), 200);
    assertThat(seen.path("status").asText()).isEqualTo("APPROVED_PRICE_REDUCTION");
    assertThat(seen.at("/refund/amount/amount").asLong()).isEqualTo(1500);
    JsonNode refunds = ok(send("GET", "/orders/o-warranty/refunds", customer, null), 200);
    assertThat(refunds.findValuesAsText("sourceId")).contains(claimId);
    JsonNode after = ok(send("GET", "/orders/o-warranty", customer, null), 200);
    assertThat(after.at("/refundedTotal/amount").asLong()).isEqualTo(1500);
    assertThat(after.findValue("actions").at("/claim/coverage").asText())
        .as("the unit is free again, still under warranty")
        .isEqualTo("WARRANTY");
  }

  @Test
  void WAR_6_a_warranty_claim_racing_a_return_of_the_same_unit_one_wins() throws Exception {
    String customer = token("c-war-race", List.of(), List.of());
    deliveredOneUnit("o-war-race", "c-war-race", 30);

    List<HttpResponse<String>> responses = new ArrayList<>();
    try (ExecutorService both = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<HttpResponse<String>> claim =
          both.submit(
              () ->
                  send(
                      "POST",
                      "/orders/o-war-race/claims",
                      customer,
                      Map.of("lineId", "L1", "problem", "NOT_WORKING")));
      Future<HttpResponse<String>> ret =
          both.submit(
              () ->
                  send(
                      "POST",
                      "/orders/o-war-race/returns",
                      customer,
                      Map.of(
                          "lines",
                          List.of(
                              Map.of(
                                  "lineId",
                                  "L1",
                                  "quantity",
                                  1,
                                  "reason",
                                  "UNWANTED",
                                  "condition",
                                  "MINT_UNUSED")))));
      responses.add(claim.get(120, TimeUnit.SECONDS));
      responses.add(ret.get(120, TimeUnit.SECONDS));
    }

    List<Integer> statuses = responses.stream().map(HttpResponse::statusCode).toList();
    assertThat(statuses).as("one 201, the other refused: %s", statuses).containsOnlyOnce(201);
    assertThat(statuses).allMatch(s -> s == 201 || s == 409 || s == 422 || s == 503);
    boolean claimWon = responses.get(0).statusCode() == 201;
    JsonNode unit = ok(send("GET", "/orders/o-war-race", customer, null), 200).at("/units/0");
    assertThat(unit.path("status").asText()).isEqualTo(claimWon ? "CLAIM_OPEN" : "RETURN_OPEN");
    assertThat(unit.at("/actions/claim/allowed").asBoolean()).isFalse();
    assertThat(unit.at("/actions/claim/ruleIds").toString()).contains("WAR-6");
    assertThat(unit.at("/actions/return/allowed").asBoolean()).isFalse();
  }

  private static Map<String, Object> replace(String lineId, int index, String name, int price) {
    return Map.of(
        "units",
        List.of(
            Map.of(
                "lineId",
                lineId,
                "unitIndex",
                index,
                "replaceWith",
                Map.of(
                    "sku",
                    "KW-" + price,
                    "name",
                    name,
                    "category",
                    "electronics",
                    "unitPrice",
                    price))));
  }

  @Test
  void changes_before_processing_cheaper_refund_settled_dearer_paid_and_a_lapsed_change()
      throws Exception {
    String customer = token("c-1001", List.of(), List.of());
    String warehouse = token("warehouse-1", List.of("warehouse"), List.of());
    String payment = token("payment-integration", List.of(), List.of("aftersales/refunds.settle"));

    // CHG-3 cheaper: the difference is refunded, listed for the payment integration, settled
    JsonNode cheaper =
        ok(
            send(
                "POST",
                "/orders/o-1006/changes",
                customer,
                replace("L1", 0, "HDMI switch mini", 2499)),
            200);
    assertThat(cheaper.path("status").asText()).isEqualTo("APPLIED");
    assertThat(cheaper.at("/refund/amount/amount").asLong()).isEqualTo(500);
    String refundId = cheaper.at("/refund/refundId").asText();
    assertThat(
            ok(send("GET", "/refunds?status=PENDING", payment, null), 200)
                .findValuesAsText("refundId"))
        .contains(refundId);
    JsonNode settled =
        ok(
            send(
                "POST",
                "/refunds/" + URLEncoder.encode(refundId, StandardCharsets.UTF_8) + "/settlement",
                payment,
                Map.of("settledAt", Instant.now().toString(), "paymentReference", "PAY-CH-1")),
            200);
    assertThat(settled.toString()).contains("SETTLED");

    // CHG-3 dearer: waits for payment, the payment integration confirms it, it is applied
    JsonNode dearer =
        ok(
            send(
                "POST",
                "/orders/o-1006/changes",
                customer,
                replace("L2", 0, "HDMI cable 3 m", 1499)),
            200);
    assertThat(dearer.path("status").asText()).isEqualTo("AWAITING_PAYMENT");
    assertThat(dearer.at("/amountDue/amount").asLong()).isEqualTo(500);
    JsonNode paid =
        ok(
            send(
                "POST",
                "/orders/o-1006/changes/" + dearer.path("changeId").asText() + "/payment",
                payment,
                Map.of(
                    "paymentReference",
                    "PSP-77",
                    "amount",
                    Map.of("amount", 500, "currency", "EUR"))),
            200);
    assertThat(paid.path("status").asText()).isEqualTo("APPLIED");

    // CHG-3 lapse: the parcel is processed before the difference is paid
    JsonNode waiting =
        ok(
            send(
                "POST",
                "/orders/o-1006/changes",
                customer,
                replace("L1", 1, "HDMI switch pro", 3499)),
            200);
    ok(
        send(
            "POST",
            "/orders/o-1006/parcels/P1/events",
            warehouse,
            Map.of(
                "type",
                "PROCESSED",
                "at",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())),
        200);
    HttpResponse<String> late =
        send(
            "POST",
            "/orders/o-1006/changes/" + waiting.path("changeId").asText() + "/payment",
            payment,
            Map.of(
                "paymentReference", "PSP-78", "amount", Map.of("amount", 500, "currency", "EUR")));
    assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
    assertThat(JSON.readTree(late.body()).path("code").asText()).isEqualTo("change-lapsed");

    JsonNode order = ok(send("GET", "/orders/o-1006", customer, null), 200);
    assertThat(order.path("changes").findValuesAsText("status"))
        .containsExactly("APPLIED", "APPLIED", "LAPSED");
    assertThat(order.at("/paidTotal/amount").asLong()).isEqualTo(2 * 2999 + 999 - 500 + 499 + 500);
    assertThat(order.at("/refundedTotal/amount").asLong()).isEqualTo(500);
    assertThat(order.path("units").findValuesAsText("name"))
        .contains("HDMI switch mini", "HDMI cable 3 m");
  }

  /** PUTs the JPEG to an upload slot's presigned URL with its signed headers, as a page would. */
  private static void putJpeg(JsonNode upload) throws Exception {
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(JPEG));
    upload.path("headers").properties().forEach(h -> put.header(h.getKey(), h.getValue().asText()));
    HttpResponse<String> stored = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stored.statusCode())
        .as("presigned PUT of %s: %s", upload.path("kind").asText(), stored.body())
        .isEqualTo(200);
  }

  private static JsonNode awaitClaimStatus(String claimId, String token, String status)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<String> seen = new ArrayList<>();
    while (Instant.now().isBefore(deadline)) {
      JsonNode claim = ok(send("GET", "/claims/" + claimId, token, null), 200);
      if (claim.path("status").asText().equals(status)) {
        return claim;
      }
      seen.add(claim.path("status").asText());
      Thread.sleep(200);
    }
    throw new AssertionError(
        "claim "
            + claimId
            + " never became "
            + status
            + " (saw "
            + seen
            + "); stack output:\n"
            + stack.output());
  }
}
