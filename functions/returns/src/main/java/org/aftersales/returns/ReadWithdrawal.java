package org.aftersales.returns;

import org.aftersales.shared.events.EmailStates;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.WithdrawalRecord;

/**
 * {@code GET /withdrawals/{withdrawalId}} (owner, agent): the acknowledgement record of a
 * withdrawal exactly as it was stored when received (LAW-3; the table's record, the authority), the
 * state of its acknowledgement email as the emailer recorded it ({@link Acknowledgement}: {@code
 * sentAt} once sent), with its return as it stands now (the refund once granted, LAW-2). Another
 * customer's withdrawal is {@code 404}, as if it did not exist. Side effects: none (a GET never
 * writes: its return is shown as {@link ReadReturn} shows it; the acknowledgement is read, never
 * written).
 */
record ReadWithdrawal(ReturnRepository returns, ReadReturn readReturn, EmailStates emails) {

  /** The record, its email's state and the return that carries its units. */
  record Shown(
      WithdrawalRecord record, Acknowledgement acknowledgement, ReturnLookup.Shown returned) {}

  Shown read(Caller caller, String withdrawalId) {
    WithdrawalRecord record =
        returns
            .findWithdrawal(withdrawalId)
            .filter(r -> caller.canSeeCustomer(r.customerId()))
            .orElseThrow(() -> ApiProblem.notFound("No withdrawal " + withdrawalId + "."));
    ReadReturn.WithOrder returned = readReturn.readWithOrder(caller, withdrawalId);
    return new Shown(
        record, Acknowledgement.of(record, returned.order(), emails), returned.shown());
  }
}
