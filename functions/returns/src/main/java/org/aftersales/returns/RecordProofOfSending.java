package org.aftersales.returns;

import java.time.Clock;
import org.aftersales.policy.decision.ReturnUpdate;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.StoredReturn;

/**
 * {@code POST /returns/{returnId}/proof-of-sending} (owner): the consumer shows they sent a
 * withdrawal's units back, which grants the refund that waited for them (LAW-2, Directive
 * 2011/83/EU Art. 13(3)). The refund goes on the order's ledger first under an id derived from the
 * return (a retry finds it there), then the return records it; a second proof changes nothing. A
 * return that is not a withdrawal is {@code 409}. Side effects: the order (refund), the return.
 */
record RecordProofOfSending(
    ReturnLookup lookup,
    ReturnRepository returns,
    ReturnProgress progress,
    OrderUpdates updates,
    OrderPolicies policies,
    Clock clock) {

  private static final int ATTEMPTS = 4;

  ReturnLookup.Shown record(Caller caller, String returnId, ReturnRequests.ProofOfSending proof) {
    ReturnLookup.Found found = lookup.visible(caller, returnId);
    StoredReturn r = found.stored();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      StoredReturn current =
          progress.current(r, found.order()).orElseThrow(() -> ReturnLookup.notFound(returnId));
      ReturnUpdate granted =
          updates.apply(
              current.state().orderId(),
              order -> {
                ReturnUpdate u =
                    Refusals.valueOf(
                        WithdrawalPolicy.proofOfSending(
                            current.state(),
                            order,
                            policies.of(order),
                            proof.carrier(),
                            proof.trackingNumber(),
                            clock.instant()));
                return u.refund() == null || order.refund(u.refund().refundId()).isPresent()
                    ? OrderUpdates.Change.none(u)
                    : OrderUpdates.Change.of(u.order(), u);
              });
      if (granted.returnCase().equals(current.state())) {
        return lookup.show(new ReturnProgress.Stepped(current, granted.explanation()));
      }
      try {
        StoredReturn done = returns.replace(current.withState(granted.returnCase()));
        return lookup.show(new ReturnProgress.Stepped(done, granted.explanation()));
      } catch (StaleReturnException moved) {
        r = returns.find(returnId).orElseThrow(() -> ReturnLookup.notFound(returnId));
      }
    }
    throw new IllegalStateException("return " + returnId + " kept changing during its proof");
  }
}
