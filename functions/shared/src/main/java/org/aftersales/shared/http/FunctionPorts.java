package org.aftersales.shared.http;

import java.time.Clock;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;

/**
 * What every HTTP API function is wired with besides its stores, as its {@code Ports} record
 * declares it ({@link OrderItemFunction.Ports}, {@code ReturnsHandler.Ports}, {@code
 * ClaimsHandler.Ports}): the record's {@code production()} is Lambda's, a test builds its own, and
 * {@link ApiFunction#ApiFunction(Router, FunctionPorts)} takes these four from it.
 */
public interface FunctionPorts {

  /** Where POST routes keep {@code Idempotency-Key} records; {@code null} without POST routes. */
  IdempotencyStore idempotency();

  JsonLog log();

  EmfMetrics metrics();

  Clock clock();
}
