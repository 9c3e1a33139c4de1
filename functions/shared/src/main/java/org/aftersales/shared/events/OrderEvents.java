package org.aftersales.shared.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.OrderChange;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;

/**
 * The events of the order item (MSG-1). Two kinds:
 *
 * <ul>
 *   <li>what a use case decides and announces itself ({@link #unitsCancelled}): it knows the
 *       decision's explanation;
 *   <li>what any write of the order makes true, found by comparing the order before and after
 *       ({@link #derived}, applied by {@code OrderUpdates} to every order write): a refund added to
 *       the ledger ({@code RefundGranted}), a refund settled ({@code RefundSettled}), a change
 *       applied, awaiting payment or lapsed. So no use case can grant a refund or lapse a change
 *       without announcing it, whatever route or schedule wrote it.
 * </ul>
 */
public final class OrderEvents {

  public static final String ORDER_UNITS_CANCELLED = "OrderUnitsCancelled";
  public static final String REFUND_GRANTED = "RefundGranted";
  public static final String REFUND_SETTLED = "RefundSettled";
  public static final String REFUND_PAST_DUE = "RefundPastDue";
  public static final String CHANGE_APPLIED = "ChangeApplied";
  public static final String CHANGE_AWAITING_PAYMENT = "ChangeAwaitingPayment";
  public static final String CHANGE_LAPSED = "ChangeLapsed";

  /** Who cancelled (MSG-1: the customer, an agent or CAN-6's schedule). */
  public enum CancelledBy {
    CUSTOMER,
    AGENT,
    SCHEDULE
  }

  private OrderEvents() {}

  /**
   * {@code OrderUnitsCancelled} (MSG-1): what was cancelled, by whom, and the refund (or null),
   * with the cancellation's own explanation (GEN-8).
   */
  public static Event unitsCancelled(
      Order order,
      String cancellationId,
      CancellationPolicy.Cancellation cancellation,
      CancelledBy by,
      Instant at) {
    ObjectNode data = Json.object();
    data.put("cancellationId", cancellationId);
    data.put("cancelledBy", by.name());
    ArrayNode groups = data.putArray("cancelled");
    for (CancellationPolicy.CancelledGroup g : cancellation.cancelled()) {
      groups
          .addObject()
          .put("lineId", g.lineId())
          .put("quantity", g.quantity())
          .put("parcelId", g.parcelId());
    }
    if (cancellation.refund() == null) {
      data.putNull("refund");
    } else {
      data.set("refund", ApiJson.refund(cancellation.refund()));
    }
    return Event.of(
        ORDER_UNITS_CANCELLED,
        order,
        "CANCELLATION",
        cancellationId,
        at,
        cancellation.explanation(),
        data);
  }

  /**
   * {@code RefundPastDue} (MSG-5): a refund still PENDING after its {@code dueBy} (GEN-5). Its id
   * derives from the refund alone: one per refund, however often the breach schedule sees it.
   */
  public static Event refundPastDue(Order order, Refund refund, Instant at) {
    ObjectNode data = Json.object();
    data.set("refund", ApiJson.refund(refund));
    data.put("dueBy", refund.dueBy().toString());
    return Event.of(
        REFUND_PAST_DUE,
        order,
        "REFUND",
        PublicRefundId.valueOf(refund),
        at,
        Explanation.of(
                "GEN-5",
                "Refund of "
                    + refund.amount()
                    + " was due by "
                    + refund.dueBy()
                    + " and is not settled yet.")
            .and("MSG-5", "The store and the customer are told that the refund is late."),
        data);
  }

  /** The events a write from {@code before} to {@code after} makes true, in a stable order. */
  public static List<Event> derived(Order before, Order after, Instant at) {
    List<Event> events = new ArrayList<>();
    Map<String, Refund> earlier = byId(before.refunds(), Refund::refundId);
    for (Refund refund : after.refunds()) {
      Refund was = earlier.get(refund.refundId());
      if (was == null) {
        events.add(refundEvent(REFUND_GRANTED, after, refund, at, granted(refund)));
      }
      if (refund.status() == RefundStatus.SETTLED
          && (was == null || was.status() != RefundStatus.SETTLED)) {
        events.add(
            refundEvent(
                REFUND_SETTLED,
                after,
                refund,
                at,
                Explanation.of(
                    "GEN-5",
                    "Refund of "
                        + refund.amount()
                        + " was paid back on "
                        + refund.settledAt()
                        + (refund.paymentReference() == null
                            ? "."
                            : " (payment reference " + refund.paymentReference() + ")."))));
      }
    }
    Map<String, OrderChange> changesBefore = byId(before.changes(), OrderChange::changeId);
    for (OrderChange change : after.changes()) {
      OrderChange was = changesBefore.get(change.changeId());
      if (was != null && was.status() == change.status()) {
        continue;
      }
      events.add(changeEvent(after, change, at));
    }
    return events;
  }

  private static Event refundEvent(
      String type, Order order, Refund refund, Instant at, Explanation explanation) {
    ObjectNode data = Json.object();
    data.set("refund", ApiJson.refund(refund));
    return Event.of(type, order, "REFUND", PublicRefundId.valueOf(refund), at, explanation, data);
  }

  /** Each breakdown line under its rules (GEN-8), then the due date (GEN-5). */
  private static Explanation granted(Refund refund) {
    Explanation why = Explanation.empty();
    for (BreakdownLine line : refund.breakdown().lines()) {
      for (String ruleId : line.ruleIds()) {
        why = why.and(ruleId, line.label() + ": " + line.amount());
      }
    }
    return why.and(
        "GEN-5",
        "Refund of "
            + refund.amount()
            + " granted; it will return to your payment account by "
            + refund.dueBy()
            + ".");
  }

  private static Event changeEvent(Order order, OrderChange change, Instant at) {
    ObjectNode data = Json.object();
    data.set("change", ApiJson.change(change, order));
    String type;
    Explanation why;
    switch (change.status()) {
      case APPLIED -> {
        type = CHANGE_APPLIED;
        why =
            Explanation.of("CHG-1", "Your change was made before the parcel was processed.")
                .and(
                    "CHG-2",
                    "Price difference: "
                        + change.difference()
                        + (change.refundId() == null ? "." : ", refunded."));
      }
      case AWAITING_PAYMENT -> {
        type = CHANGE_AWAITING_PAYMENT;
        why =
            Explanation.of(
                "CHG-3",
                "Your change costs "
                    + change.difference()
                    + " more; pay it by "
                    + change.payBy()
                    + " or the change lapses.");
      }
      case LAPSED -> {
        type = CHANGE_LAPSED;
        why =
            Explanation.of(
                "CHG-3",
                "Your change lapsed and was not made"
                    + Optional.ofNullable(change.lapseReason()).map(r -> ": " + r).orElse("")
                    + ".");
      }
      default -> throw new IllegalStateException("unknown change status " + change.status());
    }
    return Event.of(type, order, "CHANGE", change.changeId(), at, why, data);
  }

  private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    return items.stream().collect(Collectors.toMap(id, t -> t, (a, b) -> a));
  }
}
