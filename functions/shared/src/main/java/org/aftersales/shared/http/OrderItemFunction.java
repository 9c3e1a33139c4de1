package org.aftersales.shared.http;

import java.time.Clock;
import java.util.List;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.Production;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.dynamodb.PrimingOrderRepository;

/**
 * An HTTP API function over the order item alone (orders, cancellation, refunds): its routes are
 * built from the order store, the policy book and the clock, and that is all that differs between
 * them. Lambda's entry point wires the {@link Production} adapters and primes the function (cold
 * start, {@link ApiPriming}) with a quiet twin over the same routes; the second constructor takes
 * the adapters given (tests).
 */
public abstract class OrderItemFunction extends ApiFunction {

  /** A function's routes over the order store. */
  @FunctionalInterface
  public interface Routes {
    Router over(OrderRepository orders, PolicyBook book, Clock clock);
  }

  /** What such a function works with. */
  public record Ports(
      OrderRepository orders,
      IdempotencyStore idempotency,
      PolicyBook book,
      JsonLog log,
      EmfMetrics metrics,
      Clock clock)
      implements FunctionPorts {

    /** The Lambda environment's: {@link Production} adapters, log and metrics to stdout. */
    public static Ports production() {
      return new Ports(
          Production.orders(),
          Production.idempotency(),
          PolicyBook.loadDefault(),
          JsonLog.fromEnvironment(),
          EmfMetrics.fromEnvironment(),
          Clock.systemUTC());
    }
  }

  /**
   * Lambda's entry point: production ports; then the priming events ({@code priming/<name>.json}
   * beside the handler class) run through the twin, before the snapshot or now.
   */
  protected OrderItemFunction(Routes routes, List<String> primingEvents) {
    this(routes, Ports.production());
    ApiPriming.register(
        getClass(),
        primingEvents,
        () -> twin(routes, Production.orders(), PolicyBook.loadDefault(), Clock.systemUTC()));
  }

  protected OrderItemFunction(Routes routes, Ports ports) {
    super(routes.over(ports.orders(), ports.book(), ports.clock()), ports);
  }

  /**
   * The quiet twin of a function: {@code orders} seen through {@link PrimingOrderRepository}, no
   * idempotency store, log and metrics to nowhere.
   */
  public static ApiFunction twin(
      Routes routes, OrderRepository orders, PolicyBook book, Clock clock) {
    return new ApiFunction(
        routes.over(new PrimingOrderRepository(orders, book, clock), book, clock),
        null,
        ApiPriming.quietLog(),
        ApiPriming.quietMetrics(),
        clock);
  }
}
