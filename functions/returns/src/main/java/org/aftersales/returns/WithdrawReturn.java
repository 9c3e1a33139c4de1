package org.aftersales.returns;

import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.StoredReturn;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.UnitHolds;

/**
 * {@code POST /returns/{returnId}/withdrawal} (owner): the customer withdraws an authorised return
 * before it is received (RET-9); its units become returnable again. Withdrawing a withdrawn return
 * changes nothing; any other state is {@code 409 illegal-transition}. Side effects: the return
 * item, the order's unit statuses.
 */
final class WithdrawReturn {

  private static final int ATTEMPTS = 8;

  private final ReturnRepository returns;
  private final UnitHolds holds;
  private final ReturnProgress progress;
  private final java.time.Clock clock;

  WithdrawReturn(
      ReturnRepository returns, UnitHolds holds, ReturnProgress progress, java.time.Clock clock) {
    this.returns = returns;
    this.holds = holds;
    this.progress = progress;
    this.clock = clock;
  }

  ReturnProgress.Stepped withdraw(ReturnLookup.Found found) {
    StoredReturn r = found.stored();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      r =
          progress
              .current(r, found.order())
              .orElseThrow(() -> ReturnLookup.notFound(found.stored().returnId()));
      ReturnStatus status = r.returnCase().status();
      if (status == ReturnStatus.WITHDRAWN) {
        return new ReturnProgress.Stepped(
            r, Explanation.of("RET-9", "The return was already withdrawn."));
      }
      Decision<ReturnStatus> move = status.moveTo(ReturnStatus.WITHDRAWN);
      if (!move.accepted()) {
        throw Refusals.toProblem(move.refusal());
      }
      try {
        StoredReturn withdrawn =
            returns.replace(
                r.with(
                    r.returnCase()
                        .withStatus(ReturnStatus.WITHDRAWN, clock.instant(), null, null)));
        holds.release(withdrawn.hold(), null);
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
