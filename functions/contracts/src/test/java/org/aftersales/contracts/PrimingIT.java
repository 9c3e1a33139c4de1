package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.aftersales.cancellation.CancellationPriming;
import org.aftersales.claims.ClaimPorts;
import org.aftersales.claims.ClaimsPriming;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.orders.OrdersPriming;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.state.Order;
import org.aftersales.priming.Priming;
import org.aftersales.refunds.RefundsPriming;
import org.aftersales.returns.ReturnsPriming;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiPriming;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;
import org.aftersales.shared.store.dynamodb.PrimingOrderRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.aftersales.shared.testing.TestOrders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * SnapStart priming (issue 13) of every HTTP API function against the real local servers: it writes
 * nothing (the whole table, idempotency records included, and the evidence bucket are the same
 * after it), its requests reach the store and find nothing (404s, not early refusals), and the
 * function's own log and metric state is untouched.
 */
@ExtendWith(LocalAwsServers.class)
class PrimingIT {

  private static final PolicyBook BOOK = PolicyBook.loadDefault();
  private static final Clock CLOCK = Clock.systemUTC();
  private static S3Clients s3;

  private final LocalAws aws;

  PrimingIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeAll
  static void clients(LocalAws aws) {
    s3 = S3Clients.create(aws.clients().settings());
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private DynamoDbOrderRepository orders() {
    return new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
  }

  private ClaimPorts claimPorts() {
    return new ClaimPorts(
        new DynamoDbClaimRepository(aws.dynamoDb(), aws.tableName()),
        orders(),
        s3.evidenceStore(aws.bucketName()),
        BOOK,
        CLOCK);
  }

  /** Each function's twin with its priming events (as the function's register() runs them). */
  private Map<ApiFunction, Class<?>> twins() {
    return Map.of(
        OrdersPriming.twin(orders(), BOOK, CLOCK),
        OrdersPriming.class,
        CancellationPriming.twin(orders(), BOOK, CLOCK),
        CancellationPriming.class,
        ReturnsPriming.twin(
            orders(), new DynamoDbReturnRepository(aws.dynamoDb(), aws.tableName()), BOOK, CLOCK),
        ReturnsPriming.class,
        RefundsPriming.twin(orders(), BOOK, CLOCK),
        RefundsPriming.class,
        ClaimsPriming.twin(claimPorts()),
        ClaimsPriming.class);
  }

  @SuppressWarnings("unchecked")
  private static List<String> events(Class<?> owner) {
    try {
      return (List<String>) owner.getField("EVENTS").get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(owner + " has no public EVENTS", e);
    }
  }

  @Test
  void priming_every_api_function_writes_nothing() throws Exception {
    // A real order, so the table is not empty and priming reads beside real data.
    String orderId = aws.uniqueId("o-prime");
    orders().create(Order.register(TestOrders.hdmiSwitches(orderId, "c-prime"), "2026-06"));
    List<String> tableBefore = table();
    List<String> bucketBefore = bucket();

    for (Map.Entry<ApiFunction, Class<?>> twin : twins().entrySet()) {
      ApiPriming.run(twin.getKey(), twin.getValue(), events(twin.getValue()));
    }
    ClaimsPriming.prime(claimPorts());

    assertThat(table()).as("every item, idempotency records included").isEqualTo(tableBefore);
    assertThat(bucket()).isEqualTo(bucketBefore);
  }

  @Test
  void every_priming_request_takes_its_whole_path() {
    for (Map.Entry<ApiFunction, Class<?>> twin : twins().entrySet()) {
      for (String event : events(twin.getValue())) {
        String text = Priming.resource(twin.getValue(), "priming/" + event + ".json");
        JsonNode response = LambdaRun.raw(twin.getKey(), text);
        int status = response.get("statusCode").asInt();
        String what = twin.getValue().getSimpleName() + " " + event + ": " + response.get("body");
        if (text.contains(PrimingOrderRepository.SAMPLE_ORDER_ID)
            || event.equals("pending-payment")) {
          // the sample order found, decided on and shown; its change answered, never sent
          assertThat(status).as(what).isBetween(200, 299);
        } else {
          // an id that does not exist: the store was asked and found nothing
          assertThat(status).as(what).isEqualTo(404);
        }
      }
    }
  }

  @Test
  void the_functions_own_log_and_metrics_are_untouched() throws Exception {
    LambdaRun stdout = new LambdaRun();
    OrdersHandler handler =
        new OrdersHandler(orders(), null, BOOK, stdout.log(CLOCK), stdout.metrics(CLOCK), CLOCK);

    ApiPriming.run(
        OrdersPriming.twin(orders(), BOOK, CLOCK), OrdersPriming.class, OrdersPriming.EVENTS);
    assertThat(stdout.stdoutLines()).isEmpty();

    stdout.invoke(handler, LambdaRun.event("OrdersFunction", "get-order-no-token"));
    assertThat(stdout.stdoutJson()).hasSize(2);
    assertThat(stdout.stdoutJson().getFirst().get("requestId").asText()).isNotEqualTo("priming");
    assertThat(stdout.emf().getFirst().get("requestId").asText()).isNotEqualTo("priming");
  }

  private List<String> table() {
    List<String> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page =
          aws.dynamoDb()
              .scan(
                  s -> {
                    s.tableName(aws.tableName()).consistentRead(true);
                    if (from != null) {
                      s.exclusiveStartKey(from);
                    }
                  });
      page.items().forEach(item -> items.add(new java.util.TreeMap<>(item).toString()));
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    items.sort(Comparator.naturalOrder());
    return items;
  }

  private List<String> bucket() {
    return s3.s3().listObjectsV2Paginator(l -> l.bucket(aws.bucketName())).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }
}
