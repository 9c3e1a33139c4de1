package org.aftersales.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Demo orders in different states, registered through the public API exactly as the storefront and
 * the warehouse would ({@code PUT /orders/{id}}, then parcel events), so they go through the real
 * handlers and rules; {@link #orders} lists them with what each is for, and that list is both what
 * is seeded and what the console prints. o-1001, o-1003, o-1005, o-1006, o-1008 and o-1009 name a
 * contact ({@link #CONTACTS}, MSG-3: o-1003 in German, the others in English), so the emails their
 * events send land in the local SES inbox; o-1002 and o-1004 have none and get no email. Seeded
 * once per data dir ({@link #seedOnce}: a marker file records it). Side effects: HTTP calls to the
 * local API, console lines, the marker file.
 */
public final class DemoData {

  public static final String CUSTOMER = "c-1001";
  public static final String OTHER_CUSTOMER = "c-1002";

  private static final String SEEDED_MARKER = "demo-data-seeded";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One demo order: two lines in one parcel P1, placed {@code placedAgo} before now, expected to
   * ship {@code shipByDays} from today (negative: in the past), then the parcel events.
   */
  public record DemoOrder(
      String orderId,
      String customerId,
      String story,
      Duration placedAgo,
      int shipByDays,
      List<ParcelEvent> events) {}

  /** A warehouse event of a demo order's parcel. */
  public record ParcelEvent(String parcelId, String type, Instant at) {}

  /**
   * MSG-3: the demo orders with an email address (example.com: never a real mailbox) and language.
   */
  static final Map<String, List<String>> CONTACTS =
      Map.of(
          "o-1001", List.of("kim.meyer@example.com", "en"),
          "o-1003", List.of("jonas.weber@example.com", "de"),
          "o-1005", List.of("ana.silva@example.com", "en"),
          "o-1006", List.of("kim.meyer@example.com", "en"),
          "o-1008", List.of("lena.schulz@example.com", "de"),
          "o-1009", List.of("sam.miller@example.com", "en"));

  /**
   * LAW-1: the demo orders of a consumer with their delivery country; o-1008 goes to Germany (the
   * EU law covers it: "Withdraw from contract here", LAW-3), o-1009 to the United States (not).
   */
  static final Map<String, String> CONSUMER_COUNTRIES = Map.of("o-1008", "DE", "o-1009", "US");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI api;
  private final String storefrontToken;
  private final String warehouseToken;
  private final PrintStream console;

  public DemoData(URI api, String storefrontToken, String warehouseToken, PrintStream console) {
    this.api = api;
    this.storefrontToken = storefrontToken;
    this.warehouseToken = warehouseToken;
    this.console = console;
  }

  /** The demo orders as of {@code now}, in the order they are registered. */
  public static List<DemoOrder> orders(Instant now) {
    return List.of(
        new DemoOrder(
            "o-1001", CUSTOMER, "just placed: cancellable (CAN-1)", hours(1), 3, List.of()),
        new DemoOrder(
            "o-1002",
            CUSTOMER,
            "processed in the warehouse: no longer cancellable (CAN-2)",
            Duration.ofDays(3),
            1,
            List.of(new ParcelEvent("P1", "PROCESSED", now.minus(2, ChronoUnit.DAYS)))),
        new DemoOrder(
            "o-1003",
            CUSTOMER,
            "delivered 6 days ago: DOA claim and return open",
            Duration.ofDays(10),
            -8,
            delivered(now, 9, 8, 6)),
        new DemoOrder(
            "o-1004",
            CUSTOMER,
            "delivered 35 days ago: return open, DOA window closed",
            Duration.ofDays(40),
            -38,
            delivered(now, 39, 38, 35)),
        new DemoOrder(
            "o-1005",
            OTHER_CUSTOMER,
            "a week overdue for shipping: the auto-cancel schedule cancels it (CAN-6)",
            Duration.ofDays(10),
            -7,
            List.of()),
        new DemoOrder(
            "o-1006",
            CUSTOMER,
            "just placed, for a change before processing (CHG-1: a cheaper HDMI switch)",
            hours(2),
            4,
            List.of()),
        new DemoOrder(
            "o-1007",
            CUSTOMER,
            "delivered 91 days ago, its HDMI switch broke: no DOA any more, a warranty claim (WAR-1)",
            Duration.ofDays(96),
            -93,
            delivered(now, 95, 94, 91)),
        new DemoOrder(
            "o-1008",
            CUSTOMER,
            "a German consumer's, delivered 3 days ago: withdraw from the contract (LAW-1, LAW-3)",
            Duration.ofDays(6),
            -5,
            delivered(now, 5, 4, 3)),
        new DemoOrder(
            "o-1009",
            CUSTOMER,
            "a US consumer's, delivered 3 days ago: the EU right of withdrawal does not apply",
            Duration.ofDays(6),
            -5,
            delivered(now, 5, 4, 3)));
  }

  /** Registers the demo orders; returns how many calls failed (each failure is printed). */
  public int seed(Instant now) {
    int failures = 0;
    for (DemoOrder order : orders(now)) {
      failures += register(order, now);
    }
    return failures;
  }

  /**
   * Seeds {@code dataDir}'s stack unless it was seeded before, and prints the demo orders as seeded
   * (or why nothing was). {@code ordersFunctionProblem} is why OrdersFunction can't run, or null.
   */
  public static void seedOnce(
      Path dataDir, String ordersFunctionProblem, Supplier<DemoData> demo, PrintStream console) {
    Path marker = dataDir.resolve(SEEDED_MARKER);
    if (Files.exists(marker)) {
      console.println("Demo data: already seeded in " + dataDir + " (--fresh starts over)");
      return;
    }
    if (ordersFunctionProblem != null) {
      console.println(
          "Demo data: not seeded — it goes through the public API (PUT /orders/…, parcel events) and"
              + " OrdersFunction "
              + ordersFunctionProblem
              + ". It will be seeded on the next start once it can.");
      return;
    }
    Instant now = Instant.now();
    int failures = demo.get().seed(now);
    if (failures > 0) {
      console.println(
          "Demo data: "
              + failures
              + " call(s) failed (above); it will be tried again on the next start");
      return;
    }
    try {
      Files.writeString(marker, now + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    console.println("Demo data: registered through the API");
    orders(now).forEach(order -> console.println("  " + describe(order)));
  }

  /** {@code o-1001 (customer c-1001): just placed: cancellable (CAN-1)}. */
  static String describe(DemoOrder order) {
    return order.orderId() + " (customer " + order.customerId() + "): " + order.story();
  }

  private static Duration hours(int hours) {
    return Duration.ofHours(hours);
  }

  /** P1 processed, shipped and delivered so many days before {@code now}. */
  private static List<ParcelEvent> delivered(Instant now, int processed, int shipped, int came) {
    return List.of(
        new ParcelEvent("P1", "PROCESSED", now.minus(processed, ChronoUnit.DAYS)),
        new ParcelEvent("P1", "SHIPPED", now.minus(shipped, ChronoUnit.DAYS)),
        new ParcelEvent("P1", "DELIVERED", now.minus(came, ChronoUnit.DAYS)));
  }

  /** Registers one demo order, then its parcel events; how many calls failed. */
  private int register(DemoOrder order, Instant now) {
    String orderId = order.orderId();
    Instant placedAt = now.minus(order.placedAgo());
    LocalDate shipBy = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(order.shipByDays());
    ObjectNode body =
        JSON.createObjectNode()
            .put("customerId", order.customerId())
            .put("currency", "EUR")
            .put("placedAt", placedAt.truncatedTo(ChronoUnit.SECONDS).toString())
            .put("expectedShipBy", shipBy.toString());
    ArrayNode lines = body.putArray("lines");
    ObjectNode hdmi =
        lines
            .addObject()
            .put("lineId", "L1")
            .put("sku", "KW-HDMI-01")
            .put("name", "HDMI switch")
            .put("category", "electronics")
            .put("quantity", 2)
            .put("unitPrice", 2999)
            .put("discount", 0)
            .put("tax", 0);
    hdmi.putArray("components")
        .addObject()
        .put("componentId", "psu")
        .put("name", "power adapter")
        .put("price", 800);
    lines
        .addObject()
        .put("lineId", "L2")
        .put("sku", "KW-CABLE-2M")
        .put("name", "HDMI cable 2 m")
        .put("category", "accessories")
        .put("quantity", 1)
        .put("unitPrice", 999)
        .put("discount", 0)
        .put("tax", 0)
        .putArray("components");
    body.put("orderDiscount", 500)
        .put("deliveryCharge", 499)
        .put("paidTotal", 2 * 2999 + 999 - 500 + 499);
    List<String> contact = CONTACTS.get(orderId);
    if (contact != null) {
      body.putObject("contact").put("email", contact.get(0)).put("language", contact.get(1));
      body.put("deliveryCountry", "DE");
    }
    String consumerCountry = CONSUMER_COUNTRIES.get(orderId);
    if (consumerCountry != null) {
      body.put("buyer", "CONSUMER").put("deliveryCountry", consumerCountry);
    }
    ObjectNode parcel = body.putArray("parcels").addObject().put("parcelId", "P1");
    parcel
        .putArray("lines")
        .add(JSON.createObjectNode().put("lineId", "L1").put("quantity", 2))
        .add(JSON.createObjectNode().put("lineId", "L2").put("quantity", 1));
    int failures = call("PUT", "/orders/" + orderId, body, storefrontToken);
    for (ParcelEvent event : order.events()) {
      ObjectNode eventBody =
          JSON.createObjectNode()
              .put("type", event.type())
              .put("at", event.at().truncatedTo(ChronoUnit.SECONDS).toString());
      if (!event.type().equals("PROCESSED")) {
        eventBody.put("trackingNumber", "TRK-" + orderId + "-" + event.parcelId());
      }
      failures +=
          call(
              "POST",
              "/orders/" + orderId + "/parcels/" + event.parcelId() + "/events",
              eventBody,
              warehouseToken);
    }
    return failures;
  }

  private int call(String method, String path, ObjectNode body, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(api.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return 0;
      }
      console.println(
          "  seed: "
              + method
              + " "
              + path
              + " answered "
              + response.statusCode()
              + " "
              + response.body());
    } catch (IOException e) {
      console.println("  seed: " + method + " " + path + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 1;
  }
}
