package org.aftersales.refunds;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aftersales.shared.testing.LambdaRun;

/**
 * The time and order id of the sample events of {@code events/<Function>/} (the ones {@code sam
 * local invoke} takes); the shared {@link LambdaRun} loads and runs them.
 */
final class Fixtures {

  /** The instant of the HTTP fixtures ({@code requestContext.timeEpoch}). */
  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The order id the fixtures name; tests replace it with a fresh one. */
  static final String FIXTURE_ORDER = "o-1001";

  private Fixtures() {}

  /** The event with the fixture order id replaced everywhere (path, parameters, body). */
  static String eventFor(String function, String name, String orderId) {
    return LambdaRun.eventText(function, name).replace(FIXTURE_ORDER, orderId);
  }
}
