package org.aftersales.returns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.events.EmailStates;
import org.aftersales.shared.events.Event;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Idempotency;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.UnitCount;
import org.aftersales.shared.store.ReturnRepository.WithdrawalRecord;
import org.aftersales.shared.store.StoredReturn;

/**
 * {@code POST /orders/{orderId}/withdrawals} (owner, agent): receives a consumer's withdrawal from
 * the contract (LAW-1, LAW-3; Directive 2011/83/EU Art. 9, 11, 11a). The units go back through a
 * return of kind WITHDRAWAL (id {@code wd-…}, AUTHORIZED, units RETURN_OPEN held by it, written as
 * {@link AuthorizeReturn#open} writes every return; the write that takes the units announces {@code
 * WithdrawalReceived}, from which the emailer sends the acknowledgement email), then the
 * acknowledgement record — the content of the withdrawal and the date and time it was received — is
 * stored once in the table and never changed, then its copy is kept in the evidence bucket ({@link
 * WithdrawalRecordCopy}, create-only). A refusal writes nothing.
 *
 * <p><b>Order of the writes.</b> The decision first (the order and the return: the units are
 * withdrawn whatever happens next), then the table's record, then the bucket's copy: three round
 * trips in sequence, each conditional, none undoing another. A failure after the decision (S3
 * unreachable, a crash) never loses it: the request answers {@code 503} and the client's retry with
 * the same {@code Idempotency-Key} derives the same id, finds the return (taking no more units),
 * finds or stores the record and writes the copy it lacks. Without a key the id is random; such a
 * retry is refused as already withdrawn and the copy stays missing (the customer page always sends
 * a key). Side effects: the return item, the order's unit statuses, the record, its copy.
 */
record ReceiveWithdrawal(
    org.aftersales.shared.store.OrderRepository orders,
    ReturnRepository returns,
    WithdrawalRecordCopy copies,
    EmailStates emails,
    AuthorizeReturn returnsOpener,
    OrderPolicies policies,
    java.time.Clock clock) {

  /** The event that announces a withdrawal, and its subject kind (its id: {@link Event#idOf}). */
  static final String EVENT = "WithdrawalReceived";

  static final String SUBJECT = "WITHDRAWAL";

  /** The withdrawal's return, its record, its acknowledgement email's state and why. */
  record Received(
      StoredReturn stored,
      WithdrawalRecord record,
      Acknowledgement acknowledgement,
      Explanation explanation) {}

  Received receive(
      Caller caller,
      String orderId,
      ReturnRequests.WithdrawalRequest request,
      Optional<String> idempotencyKey) {
    Order order = new Orders(orders).visibleTo(caller, orderId);
    String id = withdrawalId(caller, orderId, idempotencyKey);
    AuthorizeReturn.Authorized opened =
        returnsOpener.open(
            order,
            id,
            (current, returnId) ->
                WithdrawalPolicy.withdraw(
                    current,
                    policies.of(current),
                    WithdrawalPolicy.factsOf(current),
                    returnId,
                    request.units(),
                    clock.instant()),
            (stored, current) -> List.of(received(current, stored, request)),
            "LAW-1",
            "This withdrawal was already received.");
    StoredReturn stored = opened.stored();
    WithdrawalRecord record =
        new WithdrawalRecord(
            id,
            orderId,
            order.spec().customerId(),
            request.name(),
            request.email().orElse(null),
            counts(stored.state().units()),
            statement(request.name(), order, stored.state().units()),
            stored.state().authorizedAt());
    boolean first = returns.createWithdrawal(record);
    if (!first) {
      record = returns.findWithdrawal(id).orElseThrow(); // a retry: the first record stands
    }
    copies.keep(record);
    Acknowledgement acknowledgement =
        first
            ? Acknowledgement.justReceived(record, order)
            : Acknowledgement.of(record, order, emails); // a retry: the email may be out
    return new Received(stored, record, acknowledgement, opened.explanation());
  }

  /**
   * MSG-1, LAW-3: {@code WithdrawalReceived}, announced in the order write that takes the units.
   * Its {@code data.withdrawal} carries what the acknowledgement repeats: the content (statement,
   * units) and the date and time received, the refund estimate, where the record is read, and
   * {@code sentTo}, the address the acknowledgement goes to (the one given, else the order's
   * contact; absent when neither).
   */
  static Event received(
      Order order, StoredReturn stored, ReturnRequests.WithdrawalRequest request) {
    String id = stored.returnId();
    String statement = statement(request.name(), order, stored.state().units());
    ObjectNode data = ReturnEvents.withdrawalData(stored, statement);
    ((ObjectNode) data.get("withdrawal")).put("recordUrl", "/withdrawals/" + id);
    String sentTo = Acknowledgement.recipient(request.email().orElse(null), order);
    if (sentTo != null) {
      ((ObjectNode) data.get("withdrawal")).put("sentTo", sentTo); // the emailer sends it there
    }
    Explanation why =
        Explanation.of(
            "LAW-3", "Withdrawal received on " + stored.state().authorizedAt() + ": " + statement);
    return Event.of(EVENT, order, SUBJECT, id, stored.state().authorizedAt(), why, data);
  }

  /** The withdrawal's content in words (LAW-3: what the acknowledgement repeats). */
  static String statement(String name, Order order, List<UnitRef> units) {
    List<String> items = new ArrayList<>();
    counts(units)
        .forEach(
            c ->
                items.add(
                    c.quantity() + " × " + order.spec().line(c.lineId()).orElseThrow().name()));
    return name
        + " withdraws from the contract of order "
        + order.orderId()
        + " for "
        + String.join(", ", items)
        + " (Directive 2011/83/EU Art. 11).";
  }

  private static List<UnitCount> counts(List<UnitRef> units) {
    List<UnitCount> out = new ArrayList<>();
    ReturnEvents.unitsByLine(units).forEach((line, n) -> out.add(new UnitCount(line, n)));
    return out;
  }

  /**
   * {@code wd-} + 24 hex digits of SHA-256 over the caller, the key and the order when the client
   * sent an {@code Idempotency-Key}; otherwise {@code wd-} + a random UUID's 32 digits.
   */
  static String withdrawalId(Caller caller, String orderId, Optional<String> idempotencyKey) {
    return WithdrawalPolicy.RETURN_ID_PREFIX
        + Idempotency.derivedId(
            caller,
            idempotencyKey,
            "withdrawal",
            orderId,
            () -> java.util.UUID.randomUUID().toString().replace("-", ""));
  }
}
