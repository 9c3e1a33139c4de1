package org.aftersales.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersales.shared.json.Json;

/**
 * A burst of concurrent cancellations of one order through a running local stack ({@code
 * ./run-local.sh}): a fresh order of {@code lines} lines of one unit each is registered through
 * {@code PUT /orders/{id}}, then {@code lines} customers' requests, released together, each cancel
 * a different line ({@code POST /orders/{id}/cancellation}, own {@code Idempotency-Key}). Reported
 * per burst: every answer's status and problem code, client-side latency p50 / p99 / max, and the
 * order's refunds afterwards against what was paid (GEN-4: Σ refunds ≤ paid; all lines cancelled,
 * so = paid, CAN-5). The first burst meets cold execution environments and is reported apart; the
 * rest are the measured ones.
 *
 * <p>Usage: {@code ContentionBurst <api base URL> [bursts 4] [lines 50]}. Side effects: orders
 * {@code o-burst-*} of customer {@code c-burst} in the stack's table.
 */
public final class ContentionBurst {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI api;
  private final String customer;
  private final String storefront;

  private ContentionBurst(URI api) throws IOException, InterruptedException {
    this.api = api;
    this.customer = token("c-burst", List.of());
    this.storefront = token("storefront-service", List.of("aftersales/orders.write"));
  }

  /** One answer: its status, problem code (or "" for a 2xx), client-side latency. */
  record Answer(int status, String code, long nanos, long refund) {}

  public static void main(String[] args) throws Exception {
    URI api = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:3000");
    int bursts = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int lines = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    System.out.println("before: " + Machine.describe());
    ContentionBurst bench = new ContentionBurst(api);
    String run = Long.toString(System.currentTimeMillis(), 36);
    for (int b = 1; b <= bursts; b++) {
      String orderId = "o-burst-" + run + "-" + b;
      long paid = bench.register(orderId, lines);
      String load = Machine.loadAverage();
      List<Answer> answers = bench.burst(orderId, lines);
      bench.report(b == 1 ? "burst 1 (cold environments)" : "burst " + b, orderId, paid, answers);
      System.out.println("  load at the start of the burst: " + load);
    }
    System.out.println("after: " + Machine.describe());
  }

  private List<Answer> burst(String orderId, int lines) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Answer>> racing = new ArrayList<>();
    try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 1; i <= lines; i++) {
        String lineId = "L" + i;
        racing.add(
            customers.submit(
                () -> {
                  start.await();
                  return cancel(orderId, lineId);
                }));
      }
      start.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> answer : racing) {
        answers.add(answer.get());
      }
      return answers;
    }
  }

  private Answer cancel(String orderId, String lineId) throws IOException, InterruptedException {
    ObjectNode body = Json.object().put("reason", "changed my mind");
    body.putArray("lines").addObject().put("lineId", lineId).put("quantity", 1);
    HttpRequest request =
        HttpRequest.newBuilder(api.resolve("/orders/" + orderId + "/cancellation"))
            .timeout(Duration.ofSeconds(120))
            .header("authorization", "Bearer " + customer)
            .header("content-type", "application/json")
            .header("idempotency-key", orderId + "-" + lineId)
            .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
            .build();
    long begin = System.nanoTime();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    long nanos = System.nanoTime() - begin;
    JsonNode answer = Json.MAPPER.readTree(response.body());
    return new Answer(
        response.statusCode(),
        response.statusCode() < 300 ? "" : answer.path("code").asText("?"),
        nanos,
        answer.path("refund").path("amount").path("amount").asLong(0));
  }

  private void report(String label, String orderId, long paid, List<Answer> answers)
      throws IOException, InterruptedException {
    Map<String, Integer> byOutcome = new TreeMap<>();
    answers.forEach(a -> byOutcome.merge(a.status() + " " + a.code(), 1, Integer::sum));
    Samples all = new Samples(label, answers.stream().mapToLong(Answer::nanos).toArray());
    long answered = answers.stream().mapToLong(Answer::refund).sum();
    JsonNode order = get("/orders/" + orderId);
    long refunded = 0;
    int cancelled = 0;
    for (JsonNode refund : order.path("refunds")) {
      refunded += refund.path("amount").path("amount").asLong();
    }
    for (JsonNode parcel : order.path("parcels")) {
      if ("CANCELLED".equals(parcel.path("status").asText())) {
        cancelled++;
      }
    }
    long busy = answers.stream().filter(a -> a.status() == 503).count();
    System.out.printf(
        "%s: %d requests, answers %s; 503 share %.0f%%; latency p50 %s ms, p99 %s ms, max %s ms;"
            + " paid %d, Σ refunds on the order %d (%s), Σ refunds in 2xx answers %d; refunds %d,"
            + " cancelled parcels %d%n",
        label,
        answers.size(),
        byOutcome,
        100.0 * busy / answers.size(),
        Samples.ms(all.percentile(50)),
        Samples.ms(all.percentile(99)),
        Samples.ms(all.percentile(100)),
        paid,
        refunded,
        refunded == paid ? "= paid" : refunded < paid ? "< paid" : "> PAID, GEN-4 BROKEN",
        answered,
        order.path("refunds").size(),
        cancelled);
  }

  /** Registers a {@code lines}-line order of one unit a line, one parcel; its paid total. */
  private long register(String orderId, int lines) throws IOException, InterruptedException {
    Instant now = Instant.now();
    ObjectNode order =
        Json.object()
            .put("customerId", "c-burst")
            .put("currency", "EUR")
            .put("placedAt", now.minus(Duration.ofHours(1)).toString())
            .put("expectedShipBy", LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(5).toString());
    ArrayNode lineArray = order.putArray("lines");
    ArrayNode parcelLines = Json.object().putArray("lines");
    long paid = 499;
    for (int i = 1; i <= lines; i++) {
      long price = 1_000 + 137L * i;
      paid += price;
      lineArray
          .addObject()
          .put("lineId", "L" + i)
          .put("sku", "SKU-" + i)
          .put("name", "item " + i)
          .put("category", "electronics")
          .put("quantity", 1)
          .put("unitPrice", price)
          .put("discount", 0)
          .put("tax", 0);
      parcelLines.addObject().put("lineId", "L" + i).put("quantity", 1);
    }
    order.put("orderDiscount", 0).put("deliveryCharge", 499).put("paidTotal", paid);
    order.putArray("parcels").addObject().put("parcelId", "P1").set("lines", parcelLines);
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve("/orders/" + orderId))
                .header("authorization", "Bearer " + storefront)
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(order)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("PUT /orders/" + orderId + " → " + created.body());
    }
    return paid;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve(path))
                .header("authorization", "Bearer " + customer)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " → " + response.body());
    }
    return Json.MAPPER.readTree(response.body());
  }

  private String token(String subject, List<String> scopes)
      throws IOException, InterruptedException {
    ObjectNode claims = Json.object().put("sub", subject);
    claims.putArray("groups");
    scopes.forEach(claims.putArray("scopes")::add);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve("/_local/tokens"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(claims)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(response.body()).path("token").asText();
  }
}
