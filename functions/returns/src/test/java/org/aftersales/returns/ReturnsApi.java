package org.aftersales.returns;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.TestOrders;

/**
 * The returns function wired to the local servers, invoked the way Lambda does with the event
 * samples of {@code events/ReturnsFunction/} (re-targeted at each test's own order and return).
 */
final class ReturnsApi {

  /** The fixtures' request time. */
  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");
  static final Instant DELIVERED_AT = Instant.parse("2026-11-10T09:00:00Z");
  static final PolicyBook POLICIES = PolicyBook.loadDefault();

  /** The v2 response as API Gateway reads it. */
  record Response(int status, JsonNode headers, JsonNode body) {
    String header(String name) {
      return headers.path(name).asText(null);
    }
  }

  /** A clock tests can move (RET-9 expiry). */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final LocalAws aws;
  final OrderRepository orders;
  final ReturnRepository returns;
  final MovableClock clock = new MovableClock(NOW);
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  ReturnsApi(LocalAws aws) {
    this.aws = aws;
    this.orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    this.returns = new DynamoDbReturnRepository(aws.dynamoDb(), aws.tableName());
  }

  /** A new handler instance (one per simulated Lambda container; they are not thread-safe). */
  ReturnsHandler handler() {
    PrintStream out = new PrintStream(stdout, true, UTF_8);
    return new ReturnsHandler(orders, returns, new DynamoDbIdempotencyStore(aws.dynamoDb(), aws.tableName()),
        POLICIES, clock, new JsonLog(out, clock, "aftersales", "ReturnsFunction"),
        new EmfMetrics(out, clock, "AfterSales", "aftersales"));
  }

  Response invoke(ObjectNode event) {
    return invoke(handler(), event);
  }

  static Response invoke(ReturnsHandler handler, ObjectNode event) {
    try {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(UTF_8)), output, null);
      JsonNode json = Json.MAPPER.readTree(output.toByteArray());
      return new Response(json.get("statusCode").intValue(), json.get("headers"),
          Json.MAPPER.readTree(json.get("body").textValue()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HDMI example order (API.md) of customer c-1, both parcels delivered on 2026-11-10. */
  String deliveredOrder(String... parcels) {
    String orderId = aws.uniqueId("o");
    if (!orders.create(Order.register(TestOrders.hdmiSwitches(orderId, "c-1"), "2026-06"))) {
      throw new IllegalStateException("order " + orderId + " exists");
    }
    for (String parcel : parcels.length == 0 ? new String[] {"P1", "P2"} : parcels) {
      Order current = orders.find(orderId).orElseThrow();
      orders.replace(current.recordFulfilment(parcel,
          new FulfilmentEvent(FulfilmentType.DELIVERED, DELIVERED_AT, "TRK-" + parcel)).value().order());
    }
    return orderId;
  }

  Order order(String orderId) {
    return orders.find(orderId).orElseThrow();
  }

  // ---- event samples --------------------------------------------------------------------------

  static ObjectNode event(String name) {
    Path file = root().resolve("events/ReturnsFunction/" + name + ".json");
    try {
      return (ObjectNode) Json.MAPPER.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("no event sample " + file, e);
    }
  }

  /** A sample about order {@code o-1001} pointed at {@code orderId}. */
  static ObjectNode forOrder(ObjectNode event, String orderId) {
    return retarget(event, "orderId", "o-1001", orderId);
  }

  /** A sample about return {@code ret-3f9c…} pointed at {@code returnId}. */
  static ObjectNode forReturn(ObjectNode event, String returnId) {
    return retarget(event, "returnId", "ret-3f9c2b7d4e5f60718293a4b5", returnId);
  }

  static ObjectNode withBody(ObjectNode event, String body) {
    event.put("body", body);
    ((ObjectNode) event.get("headers")).put("content-length", Integer.toString(body.getBytes(UTF_8).length));
    return event;
  }

  static ObjectNode withKey(ObjectNode event, String key) {
    ObjectNode headers = (ObjectNode) event.get("headers");
    if (key == null) {
      headers.remove("idempotency-key");
    } else {
      headers.put("idempotency-key", key);
    }
    return event;
  }

  static Caller callerOf(ObjectNode event) {
    return ApiGatewayV2Request.fromEvent(event).caller();
  }

  private static ObjectNode retarget(ObjectNode event, String parameter, String sample, String id) {
    ((ObjectNode) event.get("pathParameters")).put(parameter, id);
    String path = event.get("rawPath").asText().replace(sample, id);
    event.put("rawPath", path);
    ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
    return event;
  }

  private static Path root() {
    String configured = System.getProperty("aftersales.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("events/ReturnsFunction"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find events/ReturnsFunction above " + Path.of("").toAbsolutePath());
  }
}
