package org.aftersales.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A local EventBridge endpoint: the one call the functions make, {@code PutEvents}, over its real
 * wire protocol (AWS JSON 1.1, {@code X-Amz-Target: AWSEvents.PutEvents}; the SigV4 header is not
 * checked), so the real SDK client publishes to it. No open-source EventBridge server exists; this
 * is the kit's, for the tests and the local stack alike.
 *
 * <p>Each accepted entry becomes the event EventBridge would deliver to a rule's target ({@code
 * {"version": "0", "id", "detail-type", "source", "account", "time", "region", "resources": [],
 * "detail": {…}}}), is kept in order ({@link #received}, {@link #await}) and is handed to every
 * subscriber ({@link #subscribe}: the local stack's rules, a webhook), on the server's thread after
 * the answer is written. {@link #failNextCalls} makes calls fail with a 500, as an outage would. A
 * call whose entries total 256 KB or more, as EventBridge counts them ({@link #entrySize}), is
 * refused whole with a 400 {@code ValidationException}, as EventBridge refuses it.
 */
public final class LocalEventBridge implements AutoCloseable {

  public static final String ACCOUNT = "000000000000";

  /** A call's entries must total less than this, in bytes ({@link #entrySize}). */
  public static final int MAX_REQUEST_BYTES = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<ObjectNode> received = new CopyOnWriteArrayList<>();
  private final List<Consumer<ObjectNode>> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicInteger failing = new AtomicInteger();
  private final Object arrivals = new Object();

  private LocalEventBridge(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free port of the loopback interface. */
  public static LocalEventBridge start() {
    return start(0);
  }

  /** Starts on {@code port} of the loopback interface (0: a free one). */
  public static LocalEventBridge start(int port) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      LocalEventBridge bridge = new LocalEventBridge(server);
      server.createContext("/", bridge::handle);
      server.setExecutor(
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "local-eventbridge");
                t.setDaemon(true);
                return t;
              }));
      server.start();
      return bridge;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local EventBridge endpoint", e);
    }
  }

  /** The endpoint to give the SDK ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every event is handed to {@code subscriber} too, in the order received. */
  public void subscribe(Consumer<ObjectNode> subscriber) {
    subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /** The next {@code calls} PutEvents calls answer 500 and take nothing. */
  public void failNextCalls(int calls) {
    failing.set(calls);
  }

  /** What was put so far, in order (a copy). */
  public List<ObjectNode> received() {
    return List.copyOf(received);
  }

  /**
   * Waits until the events received match {@code done} or {@code timeout} passes; returns them (a
   * copy) either way.
   */
  public List<ObjectNode> await(Predicate<List<ObjectNode>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (!done.test(received()) && System.nanoTime() < deadline) {
        try {
          arrivals.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return received();
  }

  private void handle(HttpExchange exchange) throws IOException {
    List<ObjectNode> accepted = new ArrayList<>();
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(target)) {
        answer(exchange, 400, error("UnknownOperationException", "only PutEvents: " + target));
        return;
      }
      if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        answer(exchange, 500, error("InternalException", "local outage"));
        return;
      }
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      long bytes = 0;
      for (JsonNode entry : request.path("Entries")) {
        bytes += entrySize(entry);
      }
      if (bytes >= MAX_REQUEST_BYTES) {
        answer(
            exchange,
            400,
            error(
                "ValidationException",
                "Total size of the entries in the request is over the limit: " + bytes));
        return;
      }
      ArrayNode results = JSON.createArrayNode();
      for (JsonNode entry : request.path("Entries")) {
        ObjectNode event = JSON.createObjectNode();
        String id = UUID.randomUUID().toString();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", entry.path("DetailType").asText());
        event.put("source", entry.path("Source").asText());
        event.put("account", ACCOUNT);
        event.put("time", time(entry.path("Time")));
        event.put("region", LocalNames.REGION);
        event.set("resources", JSON.createArrayNode());
        event.set("detail", JSON.readTree(entry.path("Detail").asText("{}")));
        event.put("event-bus-name", entry.path("EventBusName").asText("default"));
        accepted.add(event);
        results.addObject().put("EventId", id);
      }
      ObjectNode response = JSON.createObjectNode().put("FailedEntryCount", 0);
      response.set("Entries", results);
      answer(exchange, 200, response);
    }
    synchronized (arrivals) {
      received.addAll(accepted);
      arrivals.notifyAll();
    }
    for (ObjectNode event : accepted) {
      for (Consumer<ObjectNode> subscriber : subscribers) {
        try {
          subscriber.accept(event.deepCopy());
        } catch (RuntimeException e) {
          // a subscriber's failure is its own (it logs and retries); the others still get the event
          System.err.println("local EventBridge subscriber failed: " + e);
        }
      }
    }
  }

  /**
   * EventBridge's count of an entry's bytes: {@code Time}, when set, 14; {@code Source}, {@code
   * DetailType}, {@code Detail} and each of {@code Resources}, the bytes of their UTF-8 form.
   */
  private static long entrySize(JsonNode entry) {
    long size = entry.has("Time") ? 14 : 0;
    for (String field : List.of("Source", "DetailType", "Detail")) {
      size += utf8(entry.path(field).asText(""));
    }
    for (JsonNode resource : entry.path("Resources")) {
      size += utf8(resource.asText(""));
    }
    return size;
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The SDK sends {@code Time} as epoch seconds (a number); the event shows RFC 3339. */
  private static String time(JsonNode time) {
    if (time.isNumber()) {
      return Instant.ofEpochMilli((long) (time.asDouble() * 1000)).toString();
    }
    return time.isTextual() ? time.asText() : Instant.now().toString();
  }

  private static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }

  private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
