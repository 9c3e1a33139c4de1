package org.aftersales.cancellation;

import static org.aftersales.shared.events.OrderEvents.CancelledBy.SCHEDULE;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.aftersales.policy.decision.AutoCancelPolicy;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.OrderEvents;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.Page;

/**
 * One run of the scheduled auto-cancel (CAN-6). Candidates come page by page from the sparse {@code
 * Unshipped} index (orders with a parcel neither shipped nor cancelled, by expected ship date),
 * never from a scan: the latest due ship date is the latest any policy version makes due at {@code
 * at}, and each order is then judged by its own version (GEN-7) through {@link AutoCancelPolicy}.
 * Each order's cancellation and refund (CAN-5) is one conditional write whose refund id derives
 * from the order and its parcels, so overlapping runs, a customer's cancellation or a SHIPPED event
 * racing it leave each parcel cancelled and refunded at most once and a shipped parcel never
 * cancelled (CAN-7). A failure on one order is logged and counted and the run goes on. The run
 * stops before the Lambda deadline: when {@code remainingMillis} drops below the margin ({@code
 * minRemainingMillis}, or a third of the time left at the start if that is less, so a short timeout
 * still gets work done) it returns with {@code complete == false}; the next scheduled run picks the
 * rest up from the index. Each cancellation records its {@code OrderUnitsCancelled} event (by
 * {@code SCHEDULE}, MSG-1) in its write. Side effects: order items, log lines.
 */
final class AutoCancelRun {

  /** What a run did. {@code refundedMinor} sums refunds per currency (minor units). */
  record Summary(
      Instant at,
      LocalDate dueShipBy,
      int candidates,
      int cancelledOrders,
      int cancelledParcels,
      int refunds,
      Map<String, Long> refundedMinor,
      int failures,
      boolean complete) {}

  private final OrderRepository orders;
  private final OrderUpdates updates;
  private final PolicyBook policies;
  private final JsonLog log;
  private final int pageSize;
  private final long minRemainingMillis;

  AutoCancelRun(
      OrderRepository orders,
      OrderUpdates updates,
      PolicyBook policies,
      JsonLog log,
      int pageSize,
      long minRemainingMillis) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be >= 1: " + pageSize);
    }
    this.orders = orders;
    this.updates = updates;
    this.policies = policies;
    this.log = log;
    this.pageSize = pageSize;
    this.minRemainingMillis = minRemainingMillis;
  }

  /** The latest expected ship date any policy version makes due for auto-cancel at {@code at}. */
  LocalDate dueShipBy(Instant at) {
    LocalDate latest = null;
    for (PolicyDocument version : policies.versions()) {
      LocalDate due = AutoCancelPolicy.latestDueShipBy(version, at);
      if (latest == null || due.isAfter(latest)) {
        latest = due;
      }
    }
    return latest;
  }

  Summary run(Instant at, LongSupplier remainingMillis) {
    LocalDate dueShipBy = dueShipBy(at);
    long margin = Math.min(minRemainingMillis, remainingMillis.getAsLong() / 3);
    int candidates = 0;
    int cancelledOrders = 0;
    int cancelledParcels = 0;
    int refunds = 0;
    int failures = 0;
    Map<String, Long> refunded = new LinkedHashMap<>();
    boolean complete = true;
    String cursor = null;
    pages:
    do {
      if (remainingMillis.getAsLong() < margin) {
        complete = false;
        break;
      }
      Page<String> page = orders.unshippedDueBy(dueShipBy, cursor, pageSize);
      for (String orderId : page.items()) {
        if (remainingMillis.getAsLong() < margin) {
          complete = false;
          break pages;
        }
        candidates++;
        try {
          CancellationPolicy.Cancellation result = cancelOverdue(orderId, at);
          if (!result.units().isEmpty()) {
            cancelledOrders++;
            long parcels =
                result.cancelled().stream()
                    .map(CancellationPolicy.CancelledGroup::parcelId)
                    .distinct()
                    .count();
            cancelledParcels += (int) parcels;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("orderId", orderId);
            fields.put(
                "parcels",
                result.cancelled().stream()
                    .map(CancellationPolicy.CancelledGroup::parcelId)
                    .distinct()
                    .toList());
            if (result.refund() != null) {
              refunds++;
              refunded.merge(
                  result.refund().amount().currency().getCurrencyCode(),
                  result.refund().amount().amount(),
                  Long::sum);
              fields.put("refundId", result.refund().refundId());
              fields.put("refundAmount", result.refund().amount().amount());
              fields.put("currency", result.refund().amount().currency().getCurrencyCode());
            }
            log.info("CAN-6 auto-cancelled overdue unshipped parcels", fields);
          }
        } catch (RuntimeException e) {
          failures++;
          log.error(
              "CAN-6 auto-cancel failed for one order; the run goes on",
              Map.of("orderId", orderId),
              e);
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return new Summary(
        at,
        dueShipBy,
        candidates,
        cancelledOrders,
        cancelledParcels,
        refunds,
        refunded,
        failures,
        complete);
  }

  /**
   * One order: cancel and refund its due parcels in one conditional write (nothing due: no write).
   */
  private CancellationPolicy.Cancellation cancelOverdue(String orderId, Instant at) {
    Decision<CancellationPolicy.Cancellation> decision =
        updates.apply(
            orderId,
            order -> {
              Decision<CancellationPolicy.Cancellation> d =
                  AutoCancelPolicy.run(
                      order, policies.judging(order.policyVersion(), order.spec().placedAt()), at);
              return d.accepted() && !d.value().units().isEmpty()
                  ? OrderUpdates.Change.of(d.value().order(), d)
                      .announcing(
                          OrderEvents.unitsCancelled(
                              order, cancellationId(order, d.value()), d.value(), SCHEDULE, at))
                  : OrderUpdates.Change.none(d);
            });
    return decision.value();
  }

  /**
   * The auto-cancellation's id, as its refund's source names it (CAN-6 derives it from the order
   * and its parcels); a cancellation refunding nothing is named by the order version it applied to.
   */
  private static String cancellationId(Order order, CancellationPolicy.Cancellation cancellation) {
    return cancellation.refund() != null
        ? cancellation.refund().sourceId()
        : "auto-" + order.orderId() + "-v" + order.version();
  }
}
