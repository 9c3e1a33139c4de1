package org.aftersales.returns;

import org.aftersales.shared.http.Caller;

/**
 * {@code GET /returns/{returnId}} (owner, agent, warehouse): the return as it stands now, with the
 * refund it was granted. Reading first finishes what a crash interrupted; an overdue authorised
 * return is shown EXPIRED without storing it (RET-9, {@link ReturnProgress#shown}: a GET never
 * writes its expiry). Another customer's return is {@code 404}, as if it did not exist. Side
 * effects: only the catch-up writes of a step a crash interrupted.
 */
record ReadReturn(ReturnLookup lookup, ReturnProgress progress) {

  ReturnLookup.Shown read(Caller caller, String returnId) {
    return readWithOrder(caller, returnId).shown();
  }

  /** A return as {@link #read} shows it, and its order as read for it. */
  record WithOrder(ReturnLookup.Shown shown, org.aftersales.policy.state.Order order) {}

  WithOrder readWithOrder(Caller caller, String returnId) {
    ReturnLookup.Found found = lookup.visible(caller, returnId);
    return new WithOrder(
        lookup.show(
            new ReturnProgress.Stepped(
                progress
                    .shown(found.stored(), found.order())
                    .orElseThrow(() -> ReturnLookup.notFound(returnId)),
                null)),
        found.order());
  }
}
