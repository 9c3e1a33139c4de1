package org.aftersales.cancellation;

import static org.aftersales.shared.events.OrderEvents.CancelledBy.SCHEDULE;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.aftersales.policy.decision.AutoCancelPolicy;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.ChangeStatus;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.OrderEvents;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.sweep.CandidateWalk;

/**
 * One run of the scheduled catch-up of orders: the auto-cancel (CAN-6), then the lapse of changes
 * left unpaid (CHG-3). Candidates come page by page from sparse indexes, never from a scan, so a
 * run costs in proportion to the orders due, not to all orders: first {@code Unshipped} (orders
 * with a parcel neither shipped nor cancelled, by expected ship date) up to the latest due ship
 * date any policy version makes due at {@code at}, each order then judged by its own version
 * (GEN-7) through {@link AutoCancelPolicy}; then {@code UnpaidChanges} (orders with a change
 * awaiting payment, by its earliest {@code payBy}) up to {@code at}. Each order's cancellation and
 * refund (CAN-5) is one conditional write whose refund id derives from the order and its parcels,
 * so overlapping runs, a customer's cancellation or a SHIPPED event racing it leave each parcel
 * cancelled and refunded at most once and a shipped parcel never cancelled (CAN-7). An order with
 * nothing to cancel whose changes lapsed at {@code at} gets them stored LAPSED in one conditional
 * write, whose difference announces {@code ChangeLapsed} (MSG-1): this run is where a lapse nobody
 * acts on is recorded, since reads never write (docs/design.md "Events"); a request or another run
 * that stored it first leaves nothing to lapse, so each is recorded once. A failure on one order is
 * logged and counted and the run goes on. The run stops before the Lambda deadline: when {@code
 * remainingMillis} drops below the margin ({@code minRemainingMillis}, or a third of the time left
 * at the start if that is less, so a short timeout still gets work done) it returns with {@code
 * complete == false}; the next scheduled run picks the rest up from the indexes. Each cancellation
 * records its {@code OrderUnitsCancelled} event (by {@code SCHEDULE}, MSG-1) in its write. Side
 * effects: order items, log lines.
 */
record AutoCancelRun(
    OrderRepository orders,
    OrderUpdates updates,
    PolicyBook policies,
    JsonLog log,
    int pageSize,
    long minRemainingMillis) {

  /** What a run did. {@code refundedMinor} sums refunds per currency (minor units). */
  record Summary(
      Instant at,
      LocalDate dueShipBy,
      int candidates,
      int cancelledOrders,
      int cancelledParcels,
      int refunds,
      Map<String, Long> refundedMinor,
      int lapsedChanges,
      int failures,
      boolean complete) {}

  /** What one order's step did: its cancellation (none: no units) and the changes it lapsed. */
  private record Step(CancellationPolicy.Cancellation cancellation, int lapsed) {}

  AutoCancelRun {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be >= 1: " + pageSize);
    }
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
    Tally tally = new Tally();
    // CAN-6 first (money back), then CHG-3: orders already visited here are not taken again.
    Set<String> visited = new HashSet<>();
    CandidateWalk.Tally walked =
        new CandidateWalk(remainingMillis, margin)
            .walk(
                List.of(
                    CandidateWalk.keeping(
                        cursor -> orders.unshippedDueBy(dueShipBy, cursor, pageSize), visited::add),
                    CandidateWalk.keeping(
                        cursor -> orders.withChangesUnpaidAt(at, cursor, pageSize), visited::add)),
                orderId -> take(orderId, at, tally),
                (orderId, e) ->
                    log.error(
                        "CAN-6 auto-cancel failed for one order; the run goes on",
                        Map.of("orderId", orderId),
                        e));
    return new Summary(
        at,
        dueShipBy,
        walked.candidates(),
        walked.acted(),
        tally.cancelledParcels,
        tally.refunds,
        tally.refunded,
        tally.lapsedChanges,
        walked.failures(),
        walked.complete());
  }

  /** What the run's orders did so far, over both queries. */
  private static final class Tally {
    final Map<String, Long> refunded = new LinkedHashMap<>();
    int cancelledParcels;
    int refunds;
    int lapsedChanges;
  }

  /** Catches one order up ({@link #catchUp}); whether it cancelled some of its units. */
  private boolean take(String orderId, Instant at, Tally tally) {
    Step step = catchUp(orderId, at);
    if (step.lapsed() > 0) {
      tally.lapsedChanges += step.lapsed();
      log.info(
          "CHG-3 recorded changes that lapsed unpaid",
          Map.of("orderId", orderId, "lapsed", step.lapsed()));
    }
    CancellationPolicy.Cancellation result = step.cancellation();
    if (result == null || result.units().isEmpty()) {
      return false;
    }
    List<String> parcels =
        result.cancelled().stream()
            .map(CancellationPolicy.CancelledGroup::parcelId)
            .distinct()
            .toList();
    tally.cancelledParcels += parcels.size();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("orderId", orderId);
    fields.put("parcels", parcels);
    if (result.refund() != null) {
      tally.refunds++;
      tally.refunded.merge(
          result.refund().amount().currency().getCurrencyCode(),
          result.refund().amount().amount(),
          Long::sum);
      fields.put("refundId", result.refund().refundId());
      fields.put("refundAmount", result.refund().amount().amount());
      fields.put("currency", result.refund().amount().currency().getCurrencyCode());
    }
    log.info("CAN-6 auto-cancelled overdue unshipped parcels", fields);
    return true;
  }

  /**
   * One order in one conditional write (nothing due: no write): cancel and refund its due parcels
   * (CAN-6; the cancellation lapses what it makes impossible), or else store as LAPSED the changes
   * whose {@code payBy} passed (CHG-3; the write's difference announces {@code ChangeLapsed},
   * MSG-1). A request or another run that got there first leaves nothing to lapse, so each lapse is
   * recorded once.
   */
  private Step catchUp(String orderId, Instant at) {
    return updates.apply(
        orderId,
        order -> {
          Decision<CancellationPolicy.Cancellation> d =
              AutoCancelPolicy.run(
                  order, policies.judging(order.policyVersion(), order.spec().placedAt()), at);
          if (d.accepted() && !d.value().units().isEmpty()) {
            return OrderUpdates.Change.of(
                    d.value().order(), new Step(d.value(), lapsedCount(order, d.value().order())))
                .announcing(
                    OrderEvents.unitsCancelled(
                        order, cancellationId(order, d.value()), d.value(), SCHEDULE, at));
          }
          Order lapsed = ChangePolicy.lapseDue(order, at);
          return lapsed.equals(order)
              ? OrderUpdates.Change.none(new Step(null, 0))
              : OrderUpdates.Change.of(lapsed, new Step(null, lapsedCount(order, lapsed)));
        });
  }

  private static int lapsedCount(Order before, Order after) {
    return (int)
        (after.changes().stream().filter(c -> c.status() == ChangeStatus.LAPSED).count()
            - before.changes().stream().filter(c -> c.status() == ChangeStatus.LAPSED).count());
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
