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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Demo orders in different states, registered through the public API exactly as the storefront and
 * the warehouse would ({@code PUT /orders/{id}}, then parcel events), so they go through the real
 * handlers and rules: o-1001 just placed (cancellable, CAN-1), o-1002 processed in the warehouse
 * (no longer cancellable, CAN-2), o-1003 delivered 6 days ago (DOA claim and return open), o-1004
 * delivered 35 days ago (return open, DOA window closed), o-1005 (customer c-1002) a week overdue
 * for shipping (auto-cancel, CAN-6), o-1006 just placed for a change before processing (CHG-1: swap
 * an HDMI switch for a cheaper one and get the difference back). o-1001, o-1003, o-1005 and o-1006
 * name a contact (MSG-3: o-1003 in German, the others in English), so the emails their events send
 * land in the local SES inbox; o-1002 and o-1004 have none and get no email. Side effects: HTTP
 * calls to the local API, console lines.
 */
public final class DemoData {

  public static final String CUSTOMER = "c-1001";
  public static final String OTHER_CUSTOMER = "c-1002";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * MSG-3: the demo orders with an email address (example.com: never a real mailbox) and language.
   */
  static final Map<String, List<String>> CONTACTS =
      Map.of(
          "o-1001", List.of("kim.meyer@example.com", "en"),
          "o-1003", List.of("jonas.weber@example.com", "de"),
          "o-1005", List.of("ana.silva@example.com", "en"),
          "o-1006", List.of("kim.meyer@example.com", "en"));

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

  /** Registers the demo orders; returns how many calls failed (each failure is printed). */
  public int seed(Instant now) {
    int failures = 0;
    failures += order("o-1001", CUSTOMER, now.minus(1, ChronoUnit.HOURS), 3, List.of());
    failures +=
        order(
            "o-1002",
            CUSTOMER,
            now.minus(3, ChronoUnit.DAYS),
            1,
            List.of(event("P1", "PROCESSED", now.minus(2, ChronoUnit.DAYS))));
    failures +=
        order("o-1003", CUSTOMER, now.minus(10, ChronoUnit.DAYS), -8, delivered(now, 9, 8, 6));
    failures +=
        order("o-1004", CUSTOMER, now.minus(40, ChronoUnit.DAYS), -38, delivered(now, 39, 38, 35));
    failures += order("o-1005", OTHER_CUSTOMER, now.minus(10, ChronoUnit.DAYS), -7, List.of());
    failures += order("o-1006", CUSTOMER, now.minus(2, ChronoUnit.HOURS), 4, List.of());
    return failures;
  }

  private record ParcelEvent(String parcelId, String type, Instant at) {}

  private static ParcelEvent event(String parcelId, String type, Instant at) {
    return new ParcelEvent(parcelId, type, at);
  }

  /** P1 processed, shipped and delivered so many days before {@code now}. */
  private static List<ParcelEvent> delivered(Instant now, int processed, int shipped, int came) {
    return List.of(
        event("P1", "PROCESSED", now.minus(processed, ChronoUnit.DAYS)),
        event("P1", "SHIPPED", now.minus(shipped, ChronoUnit.DAYS)),
        event("P1", "DELIVERED", now.minus(came, ChronoUnit.DAYS)));
  }

  /**
   * An order with two lines in one parcel P1, expected to ship {@code shipByDays} from today
   * (negative: in the past).
   */
  private int order(
      String orderId,
      String customerId,
      Instant placedAt,
      int shipByDays,
      List<ParcelEvent> events) {
    LocalDate shipBy = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).plusDays(shipByDays);
    ObjectNode body =
        JSON.createObjectNode()
            .put("customerId", customerId)
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
    ObjectNode parcel = body.putArray("parcels").addObject().put("parcelId", "P1");
    parcel
        .putArray("lines")
        .add(JSON.createObjectNode().put("lineId", "L1").put("quantity", 2))
        .add(JSON.createObjectNode().put("lineId", "L2").put("quantity", 1));
    int failures = call("PUT", "/orders/" + orderId, body, storefrontToken);
    for (ParcelEvent event : events) {
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
