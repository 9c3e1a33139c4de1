package org.aftersales.shared.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;

/** Order specs for tests, shaped like the example order of openapi.yaml. */
public final class TestOrders {

  private TestOrders() {}

  /**
   * The example order of openapi.yaml: 2 × HDMI switch at 29.99 EUR with a power adapter component,
   * 5.00 order discount, 4.99 delivery, paid 59.97, in two parcels of one unit each.
   */
  public static OrderSpec hdmiSwitches(String orderId, String customerId) {
    return new OrderSpec(
        orderId,
        customerId,
        Currency.getInstance("EUR"),
        Instant.parse("2026-11-02T10:00:00Z"),
        LocalDate.parse("2026-11-05"),
        List.of(
            new LineSpec(
                "L1",
                "KW-HDMI-01",
                "HDMI switch",
                "electronics",
                2,
                2999,
                0,
                0,
                List.of(new ComponentSpec("psu", "power adapter", 800)))),
        500,
        499,
        5997,
        List.of(
            new ParcelSpec("P1", List.of(new ParcelLine("L1", 1))),
            new ParcelSpec("P2", List.of(new ParcelLine("L1", 1)))));
  }
}
