package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.aftersales.cancellation.CancellationHandler;
import org.aftersales.claims.ClaimPorts;
import org.aftersales.claims.ClaimsPriming;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.state.Order;
import org.aftersales.priming.Priming;
import org.aftersales.refunds.RefundsHandler;
import org.aftersales.returns.ReturnsPriming;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiPriming;
import org.aftersales.shared.http.OrderItemFunction;
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
 * SnapStart priming (cold start) of every HTTP API function against the real local servers: it
 * writes nothing (the whole table, idempotency records included, and the evidence bucket are the
 * same after it), its requests reach the store and find nothing (404s, not early refusals), and the
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

  /** A function's quiet twin, the class its priming events lie beside, and those events. */
  private record Twin(ApiFunction function, Class<?> owner, List<String> events) {}

  /** Each function's twin with its priming events (as the function's entry point runs them). */
  private List<Twin> twins() {
    return List.of(
        new Twin(
            OrderItemFunction.twin(OrdersHandler::routes, orders(), BOOK, CLOCK),
            OrdersHandler.class,
            OrdersHandler.PRIMING),
        new Twin(
            OrderItemFunction.twin(CancellationHandler::routes, orders(), BOOK, CLOCK),
            CancellationHandler.class,
            CancellationHandler.PRIMING),
        new Twin(
            ReturnsPriming.twin(
                orders(),
                new DynamoDbReturnRepository(aws.dynamoDb(), aws.tableName()),
                BOOK,
                CLOCK),
            ReturnsPriming.class,
            ReturnsPriming.EVENTS),
        new Twin(
            OrderItemFunction.twin(RefundsHandler::routes, orders(), BOOK, CLOCK),
            RefundsHandler.class,
            RefundsHandler.PRIMING),
        new Twin(ClaimsPriming.twin(claimPorts()), ClaimsPriming.class, ClaimsPriming.EVENTS));
  }

  @Test
  void priming_every_api_function_writes_nothing() throws Exception {
    // A real order, so the table is not empty and priming reads beside real data.
    String orderId = aws.uniqueId("o-prime");
    orders().create(Order.register(TestOrders.hdmiSwitches(orderId, "c-prime"), "2026-06"));
    List<String> tableBefore = table();
    List<String> bucketBefore = bucket();

    for (Twin twin : twins()) {
      ApiPriming.run(twin.function(), twin.owner(), twin.events());
    }
    ClaimsPriming.prime(claimPorts());

    assertThat(table()).as("every item, idempotency records included").isEqualTo(tableBefore);
    assertThat(bucket()).isEqualTo(bucketBefore);
  }

  @Test
  void every_priming_request_takes_its_whole_path() {
    for (Twin twin : twins()) {
      for (String event : twin.events()) {
        String text = Priming.resource(twin.owner(), "priming/" + event + ".json");
        JsonNode response = LambdaRun.raw(twin.function(), text);
        int status = response.get("statusCode").asInt();
        String what = twin.owner().getSimpleName() + " " + event + ": " + response.get("body");
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
        new OrdersHandler(
            new OrderItemFunction.Ports(
                orders(), null, BOOK, stdout.log(CLOCK), stdout.metrics(CLOCK), CLOCK));

    ApiPriming.run(
        OrderItemFunction.twin(OrdersHandler::routes, orders(), BOOK, CLOCK),
        OrdersHandler.class,
        OrdersHandler.PRIMING);
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
