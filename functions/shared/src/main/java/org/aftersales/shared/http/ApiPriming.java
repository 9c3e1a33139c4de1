package org.aftersales.shared.http;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.aftersales.priming.Priming;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;

/**
 * SnapStart priming of an HTTP API function (cold start). A function primes a <i>twin</i> of its
 * handler: the same routes over the same SDK clients, but without an idempotency store (a POST is
 * answered without an idempotency record) and with logs and metrics written nowhere, so the
 * function's own handler, its log and metric state and the idempotency records are untouched. The
 * twin is handed the function's priming events ({@code priming/<name>.json} beside the handler; a
 * function over the order item alone is primed by {@link OrderItemFunction}): requests for ids that
 * do not exist (a read that finds nothing: SDK client, connection, signing, JSON parse and write,
 * the problem path) and, where the function only changes the order item, for the sample order of
 * {@code PrimingOrderRepository} (found, decided on, shown; its change answered and never sent).
 * Nothing is written.
 */
public final class ApiPriming {

  private ApiPriming() {}

  /** A log that writes nowhere, for a twin. */
  public static JsonLog quietLog() {
    return new JsonLog(nowhere(), Clock.systemUTC(), "priming", "priming");
  }

  /** Metrics that are written nowhere, for a twin. */
  public static EmfMetrics quietMetrics() {
    return new EmfMetrics(nowhere(), Clock.systemUTC(), "priming", "priming");
  }

  /**
   * Primes the function: before the snapshot, or now when not SnapStart ({@link Priming}), builds
   * the twin and runs {@code owner}'s priming events through it.
   */
  public static void register(
      Class<?> owner, List<String> events, Supplier<? extends ApiFunction> twin) {
    Priming.beforeSnapshot(() -> run(twin.get(), owner, events));
  }

  /** Hands each of {@code owner}'s priming events to {@code twin}, discarding the responses. */
  public static void run(ApiFunction twin, Class<?> owner, List<String> events) throws Exception {
    for (String event : events) {
      Priming.invoke(twin, Priming.resource(owner, "priming/" + event + ".json"));
    }
  }

  private static PrintStream nowhere() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
