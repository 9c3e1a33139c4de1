package org.aftersales.refunds;

import java.time.Clock;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;

/**
 * {@code PolicyFunction} (HTTP API, no authorizer): {@code GET /policy} answers the policy version
 * in force now ({@code PolicyBook.current}, GEN-7) as {@link PolicyJson}, cacheable for five
 * minutes. No AWS calls, no side effects beyond the access log and EMF line.
 */
public final class PolicyHandler extends ApiFunction {

  static final String CACHE_CONTROL = "public, max-age=300";

  public PolicyHandler() {
    this(
        PolicyBook.loadDefault(),
        JsonLog.fromEnvironment(),
        EmfMetrics.fromEnvironment(),
        Clock.systemUTC());
  }

  public PolicyHandler(PolicyBook book, JsonLog log, EmfMetrics metrics, Clock clock) {
    super(
        Router.builder()
            .route(
                "GET /policy",
                request ->
                    ApiResponse.ok(PolicyJson.of(book.current(clock.instant())))
                        .withHeader("cache-control", CACHE_CONTROL))
            .build(),
        null,
        log,
        metrics,
        clock);
  }
}
