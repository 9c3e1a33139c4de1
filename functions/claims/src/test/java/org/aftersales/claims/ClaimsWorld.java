package org.aftersales.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.evidence.s3.S3EvidenceStore;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.OutboxStore.ItemRef;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.S3EventLine;
import org.aftersales.shared.testing.TestOrders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Test support on the real local servers: the claim and evidence handlers wired to dynalite and
 * s3rver, orders registered and delivered through the order repository, files PUT to presigned URLs
 * with {@link HttpClient}, and the S3 notifications s3rver emitted handed to the evidence handler
 * as S3 would send them.
 */
final class ClaimsWorld {

  static final PolicyBook POLICIES = PolicyBook.loadDefault();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** S3 clients per server pair, as the functions build them; closed with the JVM. */
  private static final Map<URI, S3Clients> S3 = new ConcurrentHashMap<>();

  final LocalAws aws;
  final S3Clients s3;
  final Clock clock;
  final LambdaRun run = new LambdaRun();
  final DynamoDbOrderRepository orders;
  final DynamoDbClaimRepository claims;
  final S3EvidenceStore files;
  final ClaimPorts ports;
  final ClaimsHandler api;
  final EvidenceHandler evidence;
  private final UnaryOperator<ClaimRepository> claimsSeenByHandlers;
  private final UnaryOperator<OrderRepository> ordersSeenByHandlers;
  private volatile boolean contractChecked = true;

  ClaimsWorld(LocalAws aws, Clock clock) {
    this(aws, clock, UnaryOperator.identity(), UnaryOperator.identity());
  }

  /**
   * A world whose handlers reach the stores through wrappers ({@link Crashes}); {@link #orders} and
   * {@link #claims} stay the real repositories, for the test's own reads and writes.
   */
  ClaimsWorld(
      LocalAws aws,
      Clock clock,
      UnaryOperator<ClaimRepository> claimsSeenByHandlers,
      UnaryOperator<OrderRepository> ordersSeenByHandlers) {
    this(aws, clock, claimsSeenByHandlers, ordersSeenByHandlers, aws.dynamoDb());
  }

  /**
   * The same, the handlers' {@code Idempotency-Key} records reached through {@code
   * idempotencyClient} (a counting client, {@code ClaimRoundTripsIT}).
   */
  ClaimsWorld(
      LocalAws aws,
      Clock clock,
      UnaryOperator<ClaimRepository> claimsSeenByHandlers,
      UnaryOperator<OrderRepository> ordersSeenByHandlers,
      DynamoDbClient idempotencyClient) {
    this.aws = aws;
    this.clock = clock;
    this.claimsSeenByHandlers = claimsSeenByHandlers;
    this.ordersSeenByHandlers = ordersSeenByHandlers;
    orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    claims = new DynamoDbClaimRepository(aws.dynamoDb(), aws.tableName());
    s3 = S3.computeIfAbsent(aws.s3Endpoint(), e -> S3Clients.create(aws.clients().settings()));
    files = s3.evidenceStore(aws.bucketName());
    ports =
        new ClaimPorts(
            claimsSeenByHandlers.apply(claims),
            ordersSeenByHandlers.apply(orders),
            files,
            POLICIES,
            clock);
    api =
        new ClaimsHandler(
            new ClaimsHandler.Ports(
                ports,
                new DynamoDbIdempotencyStore(idempotencyClient, aws.tableName()),
                run.log(clock),
                run.metrics(clock)));
    evidence = new EvidenceHandler(ports, run.log(clock), run.metrics(clock));
  }

  /**
   * {@code ClaimExpiryFunction} (DOA-7) on events/ClaimExpiryFunction/schedule.json with its {@code
   * time} replaced by {@code at}, through this world's store wrappers; its summary.
   */
  JsonNode sweep(Instant at) {
    return LambdaRun.raw(expiry(), sweepEvent(at));
  }

  ClaimExpiryHandler expiry() {
    return new ClaimExpiryHandler(ports, run.log(clock), run.metrics(clock), 25, 5_000);
  }

  static String sweepEvent(Instant at) {
    ObjectNode event = LambdaRun.event("ClaimExpiryFunction", "schedule");
    event.put("time", at.toString());
    return org.aftersales.shared.json.Json.write(event);
  }

  /** Another world on the same servers (and store wrappers) with another clock (DOA-7 tests). */
  ClaimsWorld at(Clock other) {
    return new ClaimsWorld(aws, other, claimsSeenByHandlers, ordersSeenByHandlers);
  }

  /**
   * The unpublished events of {@code type} about the claim, on its order's item and its own (their
   * outboxes, as the publisher will put them on the bus).
   */
  List<JsonNode> events(String orderId, String claimId, String type) {
    OutboxStore outbox = new DynamoDbOutboxStore(aws.dynamoDb(), aws.tableName());
    List<JsonNode> found = new ArrayList<>();
    for (ItemRef item :
        List.of(
            new ItemRef("ORDER#" + orderId, "ORDER"), new ItemRef("CLAIM#" + claimId, "CLAIM"))) {
      for (PendingEvent pending :
          outbox.read(item).map(OutboxStore.OutboxItem::events).orElse(List.of())) {
        JsonNode event = LambdaRun.tree(pending.json());
        if (pending.type().equals(type) && event.at("/subject/id").asText().equals(claimId)) {
          found.add(event);
        }
      }
    }
    return found;
  }

  /**
   * The example order of openapi.yaml for {@code customerId}, with parcel P1 delivered {@code
   * deliveredAt}.
   */
  String deliveredOrder(String customerId, Instant deliveredAt) {
    String orderId = aws.uniqueId("o");
    var spec = TestOrders.hdmiSwitches(orderId, customerId);
    Order order = Order.register(spec, POLICIES.inForceAt(spec.placedAt()).version());
    assertThat(orders.create(order)).isTrue();
    Order stored = orders.find(orderId).orElseThrow();
    Instant shipped = deliveredAt.minus(Duration.ofDays(1));
    for (FulfilmentEvent event :
        new FulfilmentEvent[] {
          new FulfilmentEvent(FulfilmentType.PROCESSED, shipped.minus(Duration.ofHours(2)), null),
          new FulfilmentEvent(FulfilmentType.SHIPPED, shipped, "TRK-1"),
          new FulfilmentEvent(FulfilmentType.DELIVERED, deliveredAt, null)
        }) {
      stored = orders.replace(stored.recordFulfilment("P1", event).value().order());
    }
    return orderId;
  }

  /** {@code POST /orders/{orderId}/claims} from the customer sample, as {@code customerId}. */
  LambdaRun.Response openClaim(String orderId, String customerId) {
    return openClaim(orderId, customerId, aws.uniqueId("k"));
  }

  /** The same with a given {@code Idempotency-Key}. */
  LambdaRun.Response openClaim(String orderId, String customerId, String idempotencyKey) {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-open-claim"), "orderId", orderId);
    LambdaRun.withSubject(event, customerId);
    LambdaRun.withHeader(event, "idempotency-key", idempotencyKey);
    return send(event);
  }

  /** {@code POST /orders/{orderId}/claims} as {@code customerId} with {@code body}. */
  LambdaRun.Response openClaimWith(String orderId, String customerId, String body) {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-open-claim"), "orderId", orderId);
    LambdaRun.withSubject(event, customerId);
    LambdaRun.withHeader(event, "idempotency-key", aws.uniqueId("k"));
    return send(LambdaRun.withBody(event, body));
  }

  /** {@code POST /claims/{claimId}/repair} as the warehouse (WAR-4), no Idempotency-Key. */
  LambdaRun.Response repair(String claimId, String body) {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "warehouse-repair-step"), "claimId", claimId);
    ((ObjectNode) event.get("headers")).remove("idempotency-key");
    return send(LambdaRun.withBody(event, body));
  }

  /** {@code GET /claims/{claimId}/remedies} as an agent (WAR-3, DOA-4, DOA-5). */
  LambdaRun.Response remedies(String claimId) {
    return send(
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "agent-claim-remedies"), "claimId", claimId));
  }

  /** The same asked by the customer {@code customerId}. */
  LambdaRun.Response remedies(String claimId, String customerId) {
    return send(
        LambdaRun.withSubject(
            LambdaRun.withPathParameter(
                LambdaRun.event("ClaimsFunction", "customer-claim-remedies-forbidden"),
                "claimId",
                claimId),
            customerId));
  }

  /**
   * Runs {@code request} without checking its response against openapi.yaml: for a request whose
   * process dies ({@link Crashes}), answered {@code 500} as API Gateway would, which no route
   * declares.
   */
  <T> T crashing(java.util.function.Supplier<T> request) {
    contractChecked = false;
    try {
      return request.get();
    } finally {
      contractChecked = true;
    }
  }

  private LambdaRun.Response send(ObjectNode event) {
    return contractChecked
        ? LambdaRun.http(api, event)
        : LambdaRun.withoutContract().invoke(api, event);
  }

  /** Parcel P2 of an order made by {@link #deliveredOrder} shipped and delivered too. */
  void deliverSecondParcel(String orderId, Instant deliveredAt) {
    Order stored = orders.find(orderId).orElseThrow();
    Instant shipped = deliveredAt.minus(Duration.ofDays(1));
    for (FulfilmentEvent event :
        new FulfilmentEvent[] {
          new FulfilmentEvent(FulfilmentType.PROCESSED, shipped.minus(Duration.ofHours(2)), null),
          new FulfilmentEvent(FulfilmentType.SHIPPED, shipped, "TRK-2"),
          new FulfilmentEvent(FulfilmentType.DELIVERED, deliveredAt, null)
        }) {
      stored = orders.replace(stored.recordFulfilment("P2", event).value().order());
    }
  }

  LambdaRun.Response getClaim(String claimId, String customerId) {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-get-claim"), "claimId", claimId);
    return send(LambdaRun.withSubject(event, customerId));
  }

  LambdaRun.Response listClaims(String orderId, String customerId) {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-list-order-claims"), "orderId", orderId);
    return send(LambdaRun.withSubject(event, customerId));
  }

  LambdaRun.Response agentGetClaim(String claimId) {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-get-claim"), "claimId", claimId);
    JsonNode agentClaims =
        LambdaRun.event("ClaimsFunction", "agent-review-queue")
            .at("/requestContext/authorizer/jwt/claims");
    ((ObjectNode) event.at("/requestContext/authorizer/jwt")).set("claims", agentClaims);
    return LambdaRun.http(api, event);
  }

  /** {@code GET /claims?status=} as an agent: the first page of the queue of {@code status}. */
  LambdaRun.Response reviewQueue(String status) {
    return send(
        LambdaRun.withQuery(
            LambdaRun.event("ClaimsFunction", "agent-review-queue"), "status", status));
  }

  LambdaRun.Response decide(String claimId, String body) {
    return decide(claimId, body, null);
  }

  /**
   * {@code POST /claims/{claimId}/decision} as an agent, with {@code idempotencyKey} if not null.
   */
  LambdaRun.Response decide(String claimId, String body, String idempotencyKey) {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "agent-decide-partial-refund"), "claimId", claimId);
    ((ObjectNode) event.get("headers")).remove("idempotency-key");
    if (idempotencyKey != null) {
      LambdaRun.withHeader(event, "idempotency-key", idempotencyKey);
    }
    return send(LambdaRun.withBody(event, body));
  }

  /** {@code POST /claims/{claimId}/uploads} as {@code customerId}. */
  LambdaRun.Response requestUpload(
      String claimId, String customerId, String kind, String contentType) {
    ObjectNode event =
        LambdaRun.withPathParameter(
            LambdaRun.event("ClaimsFunction", "customer-request-upload"), "claimId", claimId);
    LambdaRun.withSubject(event, customerId);
    ((ObjectNode) event.get("headers")).remove("idempotency-key");
    return send(
        LambdaRun.withBody(
            event, "{\"kind\": \"" + kind + "\", \"contentType\": \"" + contentType + "\"}"));
  }

  /** The upload slot of {@code kind} in a claim response. */
  static JsonNode slot(JsonNode claim, String kind) {
    for (JsonNode upload : claim.path("uploads")) {
      if (upload.path("kind").asText().equals(kind)) {
        return upload;
      }
    }
    throw new AssertionError("no upload slot for " + kind + " in " + claim);
  }

  static String keyOf(String claimId, JsonNode slot) {
    return "claims/"
        + claimId
        + "/"
        + slot.path("kind").asText()
        + "/"
        + slot.path("uploadId").asText();
  }

  /**
   * PUTs {@code bytes} to a slot's URL with its signed headers (as a browser would); the HTTP
   * status.
   */
  static int put(JsonNode slot, byte[] bytes) {
    return put(URI.create(slot.path("url").asText()), slot.path("headers"), bytes);
  }

  static int put(URI url, JsonNode headers, byte[] bytes) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    headers.properties().forEach(h -> request.header(h.getKey(), h.getValue().asText()));
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The ObjectCreated notification s3rver emitted for {@code key}. */
  S3EventLine createdEvent(String key) {
    return aws.s3Events().awaitCreated(aws.bucketName(), key, Duration.ofSeconds(10));
  }

  /**
   * Hands a notification to the evidence handler as S3 sends it (keys URL-encoded); its summary.
   */
  JsonNode deliver(S3EventLine line) {
    return LambdaRun.raw(evidence, line.notificationAsS3Sends());
  }

  JsonNode deliver(String notification) {
    return LambdaRun.raw(evidence, notification);
  }

  /** PUT to the slot, wait for s3rver's event, deliver it; the handler's summary. */
  JsonNode upload(String claimId, JsonNode slot, byte[] bytes) {
    assertThat(put(slot, bytes)).as("PUT to the presigned URL").isEqualTo(200);
    return deliver(createdEvent(keyOf(claimId, slot)));
  }

  boolean objectExists(String key) {
    return files.head(key).isPresent();
  }

  /**
   * Decides {@code claimId} with each body as its own function instance would (agents racing), all
   * released together; the answers in the order of the bodies.
   */
  static List<LambdaRun.Response> race(LocalAws aws, String claimId, List<String> bodies)
      throws Exception {
    List<ClaimsWorld> instances = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      instances.add(new ClaimsWorld(aws, Clock.systemUTC()));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
    try {
      List<Future<LambdaRun.Response>> futures = new ArrayList<>();
      for (int i = 0; i < bodies.size(); i++) {
        ClaimsWorld instance = instances.get(i);
        String body = bodies.get(i);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return instance.decide(claimId, body);
                }));
      }
      start.countDown();
      List<LambdaRun.Response> answers = new ArrayList<>();
      for (Future<LambdaRun.Response> f : futures) {
        answers.add(f.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
