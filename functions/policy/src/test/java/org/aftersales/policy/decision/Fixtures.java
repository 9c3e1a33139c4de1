package org.aftersales.policy.decision;

import java.time.Instant;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;

/** Shared test set-up for the decision tests: the default policy book and fulfilment helpers. */
final class Fixtures {
  static final PolicyBook BOOK = PolicyBook.loadDefault();

  /** The current version (60 day returns, 14 day DOA, 5 business day refunds, Europe/Berlin). */
  static final PolicyDocument POLICY = BOOK.byVersion("2026-06").orElseThrow();

  private Fixtures() {}

  static Order register(OrderSpec spec) {
    return Order.register(spec, BOOK.inForceAt(spec.placedAt()).version());
  }

  static Order event(Order order, String parcelId, FulfilmentType type, String at) {
    return order
        .recordFulfilment(parcelId, new FulfilmentEvent(type, Instant.parse(at), null))
        .value()
        .order();
  }

  static Order delivered(Order order, String parcelId, String at) {
    return event(order, parcelId, FulfilmentType.DELIVERED, at);
  }
}
