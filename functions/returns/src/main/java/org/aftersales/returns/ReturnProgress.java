package org.aftersales.returns;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.InspectionPolicy;
import org.aftersales.policy.decision.RefusalCode;
import org.aftersales.policy.decision.ReturnPolicy;
import org.aftersales.policy.decision.ReturnUpdate;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundIds;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.OrderUpdates.Change;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.StoredReturn.Receipt;
import org.aftersales.shared.store.UnitHolds;

/**
 * Brings a stored return up to date before a request acts on it ({@link #current}): an AUTHORIZED
 * return that a crash left without its units takes them or turns out void ({@link
 * UnitHolds#takeOrVoid}); one past its send-by date becomes EXPIRED and lets its units go (RET-9:
 * on a withdrawal request of it or by the scheduled sweep, {@link ExpireOverdueReturns}); a
 * recorded receipt is applied (RET-4…RET-6): the refund and the units' RETURNED status in one
 * conditional order write, the refund id derived from the return so a retried or racing receipt
 * finds it instead of adding a second one; a final return still holding its units lets them go.
 * Each decision is announced in the order write that commits it ({@link ReturnEvents}, MSG-1): the
 * refund's {@code ReturnReceived} with the refund, a refusal's or an expiry's as the units are let
 * go (that write is conditional on the units still naming the return, so it happens once). Side
 * effects: order and return item writes.
 *
 * <p>A GET never writes: it shows the return as that step would leave it, computed from what it
 * read ({@link #shown}); the step itself is run by the next write request on the return or by the
 * hourly sweep, which finds the returns left half done ({@link #halfDone}, {@link
 * FinishHalfDoneReturns}).
 */
final class ReturnProgress {

  private static final int ATTEMPTS = 8;

  /** A return after a step, and why it came out so (empty when nothing was decided now). */
  record Stepped(StoredReturn stored, Explanation explanation) {}

  private final OrderUpdates updates;
  private final ReturnRepository returns;
  private final UnitHolds holds;
  private final OrderPolicies policies;
  private final Clock clock;

  ReturnProgress(
      OrderUpdates updates,
      ReturnRepository returns,
      UnitHolds holds,
      OrderPolicies policies,
      Clock clock) {
    this.updates = updates;
    this.returns = returns;
    this.holds = holds;
    this.policies = policies;
    this.clock = clock;
  }

  /** The request path's step for a scheduled run, deciding as of {@code at}, not the wall clock. */
  static ReturnProgress asOf(
      Instant at, OrderRepository orders, ReturnRepository returns, PolicyBook book) {
    OrderUpdates updates = new OrderUpdates(orders);
    return new ReturnProgress(
        updates,
        returns,
        new UnitHolds(updates),
        new OrderPolicies(book),
        Clock.fixed(at, ZoneOffset.UTC));
  }

  /**
   * The return as it stands now; empty if it turned out never to have been authorised (its units
   * went elsewhere before it could take them).
   */
  Optional<StoredReturn> current(StoredReturn stored, Order order) {
    return current(stored, order, true);
  }

  /**
   * A return as a GET shows it, and the order as that return's step would leave it (its refund
   * there).
   */
  record Shown(StoredReturn stored, Order order) {

    /** The refund the return was granted, as it stands on {@link #order}'s ledger (GEN-5). */
    Optional<Refund> refund() {
      return Optional.ofNullable(stored.state().refundId()).flatMap(order::refund);
    }
  }

  /**
   * The return as a GET shows it, computed from the return and its order as read and writing
   * nothing (a GET never writes): {@link #finished} — a step a crash left half done shown as its
   * repair would leave it — then an AUTHORIZED return past its send-by date shown EXPIRED as of now
   * (RET-9, the same decision as the write's). Empty when the return is void. The expiry is
   * recorded by a withdrawal request of the return or the scheduled sweep ({@link
   * ReturnExpiryHandler}), the repair by any write request on the return or that sweep.
   */
  Optional<Shown> shown(StoredReturn stored, Order order) {
    return finished(stored, order)
        .map(
            seen -> {
              Instant now = clock.instant();
              return ReturnPolicy.isExpired(seen.stored().state(), policies.of(order), now)
                  ? new Shown(expired(seen.stored(), now), seen.order())
                  : seen;
            });
  }

  /**
   * What {@link #current(StoredReturn, Order, boolean)} without expiring would make of the return,
   * computed without writing: an AUTHORIZED return whose units do not name it is void (empty) when
   * the order could not give them to it ({@link UnitHolds#canHold}), else shown AUTHORIZED; a
   * RECEIVED return is shown as its recorded receipt decides (RET-4…RET-6, LAW-2: REFUNDED with the
   * refund the receipt computes on the order as read, or REJECTED), or RECEIVED when the order
   * refuses that decision (the write would answer that refusal); WITHDRAWN, EXPIRED and REJECTED as
   * recorded (their release changes no field a GET shows).
   */
  Optional<Shown> finished(StoredReturn stored, Order order) {
    ReturnCase rc = stored.state();
    return switch (rc.status()) {
      case AUTHORIZED ->
          UnitHolds.canHold(stored.hold(), order)
              ? Optional.of(new Shown(stored, order))
              : Optional.empty();
      case RECEIVED -> {
        try {
          Change<ReturnUpdate> decided = inspect(stored).apply(order);
          yield Optional.of(
              new Shown(
                  stored.withState(decided.result().returnCase()),
                  decided.next() == null ? order : decided.next()));
        } catch (ApiProblem refused) {
          yield Optional.of(new Shown(stored, order));
        }
      }
      case WITHDRAWN, EXPIRED, REJECTED, REFUNDED -> Optional.of(new Shown(stored, order));
    };
  }

  /**
   * Whether the return as read is half done on {@code order}: an AUTHORIZED one whose units do not
   * name it, a RECEIVED one (its receipt is not applied yet), a WITHDRAWN, EXPIRED or REJECTED one
   * the order still shows holding a unit. The sweep finishes these ({@link #current}).
   */
  static boolean halfDone(StoredReturn stored, Order order) {
    UnitHolds.Hold hold = stored.hold();
    return switch (stored.state().status()) {
      case AUTHORIZED -> !order.holds(hold.units(), hold.holder());
      case RECEIVED -> true;
      case WITHDRAWN, EXPIRED, REJECTED -> order.release(hold.units(), hold.holder()) != order;
      case REFUNDED -> false;
    };
  }

  /**
   * Like {@link #current(StoredReturn, Order)}; with {@code expireOverdue} false an AUTHORIZED
   * return past its send-by date stays AUTHORIZED. A receipt uses that: the parcel's arrival shows
   * it was sent, and one posted on its last day arrives after it (RET-9 expires returns not
   * <em>sent</em> in time).
   */
  Optional<StoredReturn> current(StoredReturn stored, Order order, boolean expireOverdue) {
    StoredReturn r = stored;
    Order read = order;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ReturnCase rc = r.state();
      switch (rc.status()) {
        case AUTHORIZED -> {
          boolean heldOnRead = read != null && read.holds(r.hold().units(), r.hold().holder());
          if (!holdsItsUnits(r, read, ReturnEvents.authorised(r))) {
            return Optional.empty();
          }
          if (!heldOnRead) {
            // Taken again just now (a rival may have expired it and let them go meanwhile): the
            // read no longer shows them, so a release below must read the order afresh (RET-2).
            read = null;
          }
          Instant now = clock.instant();
          if (!expireOverdue || !ReturnPolicy.isExpired(rc, policies.of(order), now)) {
            return Optional.of(r);
          }
          try {
            r = returns.replace(expired(r, now));
          } catch (StaleReturnException moved) {
            r = reread(r);
          }
        }
        case RECEIVED -> r = completeReceipt(r).stored();
        case WITHDRAWN, EXPIRED, REJECTED -> {
          holds.release(r.hold(), read, ReturnEvents.released(r));
          return Optional.of(r);
        }
        case REFUNDED -> {
          return Optional.of(r);
        }
      }
    }
    throw new IllegalStateException(
        "return " + stored.returnId() + " kept changing while it was brought up to date");
  }

  /**
   * Whether an AUTHORIZED return holds its units on {@code order} (taking them if a crash stopped
   * its authorisation before); {@code false} when it is void and was deleted (RET-2).
   */
  boolean holdsItsUnits(StoredReturn r, Order order) {
    return holdsItsUnits(r, order, List.of());
  }

  /** {@link #holdsItsUnits(StoredReturn, Order)}, announcing {@code events} when it takes them. */
  boolean holdsItsUnits(StoredReturn r, Order order, List<Event> events) {
    return holds.takeOrVoid(r, order, returns, events);
  }

  /**
   * Applies the receipt recorded on a RECEIVED return: REFUNDED (refund on the order's ledger,
   * units RETURNED, one conditional write) or REJECTED (units let go). Idempotent.
   */
  Stepped completeReceipt(StoredReturn stored) {
    StoredReturn r = stored;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (r.state().status() != ReturnStatus.RECEIVED) {
        if (r.state().status().isFinal()) {
          holds.release(r.hold(), null, ReturnEvents.released(r));
        }
        return new Stepped(r, Explanation.empty());
      }
      ReturnUpdate decided = updates.apply(r.state().orderId(), inspect(r));
      try {
        StoredReturn done = returns.replace(r.withState(decided.returnCase()));
        if (done.state().status() != ReturnStatus.REFUNDED) {
          holds.release(done.hold(), null, ReturnEvents.released(done));
        }
        return new Stepped(done, decided.explanation());
      } catch (StaleReturnException moved) {
        r = reread(r);
      }
    }
    throw new IllegalStateException(
        "return " + stored.returnId() + " kept changing while its receipt was applied");
  }

  /**
   * The order change of a recorded receipt: decided by {@link InspectionPolicy}, written only for a
   * refund.
   */
  private java.util.function.Function<Order, Change<ReturnUpdate>> inspect(StoredReturn r) {
    Receipt receipt = r.receipt();
    ReturnCase rc = r.state();
    // The policy moves an AUTHORIZED return through RECEIVED; ours is already RECEIVED (the
    // receipt was recorded first), so it is judged as the AUTHORIZED return it was.
    ReturnCase asAuthorized =
        new ReturnCase(
            rc.returnId(),
            rc.orderId(),
            rc.rmaNumber(),
            ReturnStatus.AUTHORIZED,
            rc.items(),
            rc.sendBy(),
            rc.returnAddress(),
            rc.mustInclude(),
            rc.instructions(),
            rc.refundEstimate(),
            rc.authorizedAt(),
            rc.statusSince(),
            rc.refundId(),
            rc.note());
    if (WithdrawalPolicy.isWithdrawal(rc.returnId())) {
      // LAW-1, LAW-2: no condition test, only the stated diminished-value deductions and, for a
      // category excluded once unsealed, the seal; the refund, unless a proof of sending granted it
      return order -> {
        ReturnUpdate update =
            Refusals.valueOf(
                WithdrawalPolicy.receive(
                    asAuthorized,
                    order,
                    policies.of(order),
                    Refusals.valueOf(WithdrawalPolicy.deductions(order, receipt.inspections())),
                    WithdrawalPolicy.unsealed(order, policies.of(order), receipt.inspections()),
                    receipt.receivedAt()));
        boolean stillOpen =
            rc.units().stream()
                .anyMatch(
                    u ->
                        order.statusOf(u) == UnitStatus.RETURN_OPEN
                            && order.heldBy(u).orElse(rc.returnId()).equals(rc.returnId()));
        if (!stillOpen) {
          return Change.none(update);
        }
        Refund refund =
            update.refund() != null || update.returnCase().refundId() == null
                ? update.refund()
                : order.refund(update.returnCase().refundId()).orElse(null);
        return Change.of(update.order(), update)
            .announcing(
                ReturnEvents.refunded(
                    r.withState(update.returnCase()),
                    refund,
                    update.explanation(),
                    receipt.receivedAt()));
      };
    }
    String refundId = RefundIds.of(RefundSource.RETURN, rc.returnId());
    return order -> {
      Decision<ReturnUpdate> decision =
          InspectionPolicy.receive(
              asAuthorized,
              order,
              policies.of(order),
              receipt.inspections(),
              receipt.overrideReason(),
              receipt.receivedAt());
      ReturnUpdate update = Refusals.valueOf(decision);
      if (update.returnCase().status() != ReturnStatus.REFUNDED
          || order.refund(refundId).isPresent()) {
        return Change.none(update);
      }
      for (UnitRef unit : rc.units()) {
        boolean ours =
            order.statusOf(unit) == UnitStatus.RETURN_OPEN
                && order.heldBy(unit).orElse(rc.returnId()).equals(rc.returnId());
        if (!ours) {
          throw Refusals.toProblem(
              org.aftersales.policy.decision.Refusal.of(
                  RefusalCode.NOT_RETURNABLE_NOW,
                  "RET-6",
                  "Unit "
                      + unit
                      + " of return "
                      + rc.returnId()
                      + " is "
                      + order.statusOf(unit)
                      + " on the order, not awaiting this return: it can not be refunded by it."));
        }
      }
      return Change.of(update.order(), update)
          .announcing(
              ReturnEvents.refunded(
                  r.withState(update.returnCase()),
                  update.refund(),
                  update.explanation(),
                  receipt.receivedAt()));
    };
  }

  /** {@code r} EXPIRED since {@code now} (RET-9). */
  private static StoredReturn expired(StoredReturn r, Instant now) {
    return r.withState(r.state().withStatus(ReturnStatus.EXPIRED, now, null, null));
  }

  private StoredReturn reread(StoredReturn r) {
    return returns
        .find(r.returnId())
        .orElseThrow(() -> new IllegalStateException("return " + r.returnId() + " disappeared"));
  }
}
