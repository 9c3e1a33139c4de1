package org.aftersales.returns;

import org.aftersales.shared.http.Caller;

/**
 * {@code GET /returns/{returnId}} (owner, agent, warehouse): the return as it stands now, with the
 * refund it was granted. Writes nothing (a GET never writes): a step a crash left half done is
 * shown as its repair would leave it, computed from the return and the order as read ({@link
 * ReturnProgress#shown}: a void return is {@code 404}, a received one shows what its receipt
 * decides), an overdue authorised return is shown EXPIRED (RET-9); a write request on the return or
 * the hourly sweep records them. Another customer's return is {@code 404}, as if it did not exist.
 * Side effects: none.
 */
record ReadReturn(ReturnLookup lookup, ReturnProgress progress) {

  ReturnLookup.Shown read(Caller caller, String returnId) {
    return readWithOrder(caller, returnId).shown();
  }

  /** A return as {@link #read} shows it, and its order as read for it. */
  record WithOrder(ReturnLookup.Shown shown, org.aftersales.policy.state.Order order) {}

  WithOrder readWithOrder(Caller caller, String returnId) {
    ReturnLookup.Found found = lookup.visible(caller, returnId);
    ReturnProgress.Shown shown =
        progress
            .shown(found.stored(), found.order())
            .orElseThrow(() -> ReturnLookup.notFound(returnId));
    return new WithOrder(
        new ReturnLookup.Shown(shown.stored(), shown.refund(), null), found.order());
  }
}
