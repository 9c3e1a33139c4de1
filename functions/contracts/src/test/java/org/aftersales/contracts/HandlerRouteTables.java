package org.aftersales.contracts;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.aftersales.cancellation.CancellationHandler;
import org.aftersales.claims.ClaimPorts;
import org.aftersales.claims.ClaimsHandler;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.orders.OrdersHandler;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policyapi.PolicyHandler;
import org.aftersales.refunds.RefundsHandler;
import org.aftersales.returns.ReturnsHandler;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.AwsSettings;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.OrderItemFunction;
import org.aftersales.shared.idempotency.DynamoDbIdempotencyStore;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.dynamodb.DynamoDbClaimRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbReturnRepository;

/**
 * The routing table ({@code router().routes()}) of every HTTP API handler class, read from a
 * handler built with its test constructor. The adapters point at an endpoint that is never called:
 * building a router makes no AWS call, so nothing here does I/O. A handler class the template names
 * but this map lacks is a failure of the contract test, not a silent skip.
 */
final class HandlerRouteTables {

  private static final String TABLE = "unused-table";

  private HandlerRouteTables() {}

  /** Handler class name → how to build it offline. */
  private static Map<String, Function<Offline, Set<String>>> builders() {
    return Map.of(
        OrdersHandler.class.getName(),
            api(
                o ->
                    new OrdersHandler(
                        new OrderItemFunction.Ports(
                            o.orders(), o.idempotency(), o.book, o.log, o.metrics, o.clock))),
        CancellationHandler.class.getName(),
            api(
                o ->
                    new CancellationHandler(
                        new OrderItemFunction.Ports(
                            o.orders(), o.idempotency(), o.book, o.log, o.metrics, o.clock))),
        ReturnsHandler.class.getName(),
            api(
                o ->
                    new ReturnsHandler(
                        new ReturnsHandler.Ports(
                            o.orders(),
                            new DynamoDbReturnRepository(o.aws.dynamoDb(), TABLE),
                            new org.aftersales.shared.store.dynamodb.DynamoDbEmailStates(
                                o.aws.dynamoDb(), TABLE),
                            () -> o.s3.evidenceStore("unused-bucket"),
                            o.idempotency(),
                            o.book,
                            o.log,
                            o.metrics,
                            o.clock))),
        ClaimsHandler.class.getName(),
            api(
                o ->
                    new ClaimsHandler(
                        new ClaimsHandler.Ports(
                            new ClaimPorts(
                                new DynamoDbClaimRepository(o.aws.dynamoDb(), TABLE),
                                o.orders(),
                                o.s3.evidenceStore("unused-bucket"),
                                o.book,
                                o.clock),
                            o.idempotency(),
                            o.log,
                            o.metrics))),
        RefundsHandler.class.getName(),
            api(
                o ->
                    new RefundsHandler(
                        new OrderItemFunction.Ports(
                            o.orders(), o.idempotency(), o.book, o.log, o.metrics, o.clock))),
        PolicyHandler.class.getName(), o -> PolicyHandler.routes(),
        org.aftersales.events.OrderEventsHandler.class.getName(),
            o ->
                org.aftersales.events.OrderEventsHandler.routes(
                        o.orders(),
                        new org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore(
                            o.aws.dynamoDb(), TABLE),
                        new org.aftersales.shared.store.dynamodb.DynamoDbEmailStates(
                            o.aws.dynamoDb(), TABLE))
                    .routes());
  }

  private static Function<Offline, Set<String>> api(Function<Offline, ApiFunction> handler) {
    return offline -> handler.apply(offline).router().routes();
  }

  /** The handler class names this class knows how to build. */
  static Set<String> known() {
    return builders().keySet();
  }

  /** The route keys of the handler class (the part of a template Handler before "::"). */
  static Set<String> routes(String handlerClass) {
    Function<Offline, Set<String>> builder = builders().get(handlerClass);
    if (builder == null) {
      throw new IllegalArgumentException(
          "no route table known for handler " + handlerClass + ": add it to HandlerRouteTables");
    }
    try (Offline offline = new Offline()) {
      return Set.copyOf(builder.apply(offline));
    }
  }

  /** Adapters wired to nothing reachable; closed after the router is read. */
  private static final class Offline implements AutoCloseable {
    final PolicyBook book = PolicyBook.loadDefault();
    final Clock clock = Clock.systemUTC();
    final PrintStream out = new PrintStream(OutputStream.nullOutputStream());
    final JsonLog log = new JsonLog(out, clock, "aftersales", "contracts");
    final EmfMetrics metrics = new EmfMetrics(out, clock, "AfterSales", "aftersales");
    final AwsClients aws =
        AwsClients.create(
            AwsSettings.fromEnvironment(
                Map.of(
                    "AWS_REGION",
                    "eu-west-1",
                    "AWS_ACCESS_KEY_ID",
                    "unused",
                    "AWS_SECRET_ACCESS_KEY",
                    "unused",
                    "AWS_ENDPOINT_URL_DYNAMODB",
                    "http://127.0.0.1:9",
                    "AWS_ENDPOINT_URL_S3",
                    "http://127.0.0.1:9")));
    final S3Clients s3 = S3Clients.create(aws.settings());

    DynamoDbOrderRepository orders() {
      return new DynamoDbOrderRepository(aws.dynamoDb(), TABLE);
    }

    DynamoDbIdempotencyStore idempotency() {
      return new DynamoDbIdempotencyStore(aws.dynamoDb(), TABLE);
    }

    @Override
    public void close() {
      s3.close();
      aws.close();
    }
  }
}
