package org.aftersales.returns;

import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.WithdrawalRecord;

/**
 * {@code GET /withdrawals/{withdrawalId}} (owner, agent): the acknowledgement record of a
 * withdrawal exactly as it was stored when received (LAW-3), with its return as it stands now (the
 * refund once granted, LAW-2). Another customer's withdrawal is {@code 404}, as if it did not
 * exist. Side effects: only the catch-up writes of reading the return ({@link ReadReturn}).
 */
final class ReadWithdrawal {

  /** The record and the return that carries its units. */
  record Shown(WithdrawalRecord record, ReturnLookup.Shown returned) {}

  private final ReturnRepository returns;
  private final ReadReturn readReturn;

  ReadWithdrawal(ReturnRepository returns, ReadReturn readReturn) {
    this.returns = returns;
    this.readReturn = readReturn;
  }

  Shown read(Caller caller, String withdrawalId) {
    WithdrawalRecord record =
        returns
            .findWithdrawal(withdrawalId)
            .filter(r -> caller.canSeeCustomer(r.customerId()))
            .orElseThrow(() -> ApiProblem.notFound("No withdrawal " + withdrawalId + "."));
    return new Shown(record, readReturn.read(caller, withdrawalId));
  }
}
