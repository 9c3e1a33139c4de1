package org.aftersales.returns;

import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.UnitHolds;

/**
 * {@code POST /returns/{returnId}/withdrawal} (owner): the customer withdraws an authorised return
 * before it is received (RET-9); its units become returnable again. Withdrawing a withdrawn return
 * changes nothing; any other state is {@code 409 illegal-transition}. Side effects: the return
 * item, the order's unit statuses and, in the order write that lets the units go, {@code
 * ReturnWithdrawn} (MSG-1; that write is conditional on the units still naming the return, so it is
 * announced once).
 */
record WithdrawReturn(
    ReturnLookup lookup,
    ReturnRepository returns,
    UnitHolds holds,
    ReturnProgress progress,
    java.time.Clock clock) {

  private static final int ATTEMPTS = 8;

  /** The caller's return, withdrawn; {@code 404} when there is none the caller may see. */
  ReturnLookup.Shown withdraw(Caller caller, String returnId) {
    return lookup.show(withdraw(lookup.visible(caller, returnId)));
  }

  private ReturnProgress.Stepped withdraw(ReturnLookup.Found found) {
    StoredReturn r = found.stored();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      r =
          progress
              .current(r, found.order())
              .orElseThrow(() -> ReturnLookup.notFound(found.stored().returnId()));
      ReturnStatus status = r.state().status();
      if (status == ReturnStatus.WITHDRAWN) {
        return new ReturnProgress.Stepped(
            r, Explanation.of("RET-9", "The return was already withdrawn."));
      }
      Refusals.valueOf(status.moveTo(ReturnStatus.WITHDRAWN)); // a refusal is thrown
      try {
        StoredReturn withdrawn =
            returns.replace(
                r.withState(
                    r.state().withStatus(ReturnStatus.WITHDRAWN, clock.instant(), null, null)));
        holds.release(withdrawn.hold(), null, ReturnEvents.released(withdrawn));
        return new ReturnProgress.Stepped(
            withdrawn,
            Explanation.of(
                "RET-9",
                "The return was withdrawn before it was received; the items can be returned again"
                    + " while their return window is open."));
      } catch (StaleReturnException moved) {
        r =
            returns
                .find(r.returnId())
                .orElseThrow(() -> ReturnLookup.notFound(found.stored().returnId()));
      }
    }
    throw new IllegalStateException(
        "return " + found.stored().returnId() + " kept changing during its withdrawal");
  }
}
