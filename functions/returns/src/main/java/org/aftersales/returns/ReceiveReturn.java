package org.aftersales.returns;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.InspectionPolicy;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.FieldError;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.StoredReturn.Receipt;

/**
 * {@code POST /returns/{returnId}/receipt} (warehouse, agent): records what came back and applies
 * the inspection (RET-4, RET-5, RET-6). The findings are checked against the order, then stored on
 * the return as it becomes RECEIVED (its version guard lets one receipt win), then applied ({@link
 * ReturnProgress#completeReceipt}). A second receipt of the same return, racing or late, with the
 * same findings gets the first one's outcome (a no-op); with different findings it is {@code 409
 * return-already-received}: never a second refund, never a silently ignored finding. Only an agent
 * may override a NOT_MINT finding (with a reason). Side effects: the return item, the order
 * (refund, unit statuses, and {@code ReturnReceived} in the order write that grants the refund or
 * lets a refused return's units go, MSG-1).
 */
record ReceiveReturn(
    ReturnLookup lookup,
    ReturnRepository returns,
    ReturnProgress progress,
    OrderPolicies policies,
    Clock clock) {

  private static final int ATTEMPTS = 8;

  /** The receipt of a return the caller may see; {@code 404} when there is none. */
  ReturnLookup.Shown receive(
      Caller caller, String returnId, ReturnRequests.ReceiptRequest request) {
    ReturnLookup.Found found = lookup.visible(caller, returnId);
    return lookup.show(receive(caller, found, request));
  }

  private ReturnProgress.Stepped receive(
      Caller caller, ReturnLookup.Found found, ReturnRequests.ReceiptRequest request) {
    if (request.overrideReason().isPresent() && !caller.has(Caller.Role.AGENT)) {
      throw new ApiProblem(
          403,
          "override-not-allowed",
          "Override not allowed",
          "Only a care agent can override a NOT_MINT finding (RET-6); record the findings without an override.",
          List.of("RET-6"),
          List.of());
    }
    StoredReturn r = found.stored();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      r =
          progress
              .current(r, found.order(), false)
              .orElseThrow(() -> ReturnLookup.notFound(found.stored().returnId()));
      ReturnCase rc = r.state();
      if (r.receipt() != null && !sameFindings(rc, r.receipt(), request)) {
        throw alreadyReceived(r);
      }
      switch (rc.status()) {
        case REFUNDED, REJECTED -> {
          return new ReturnProgress.Stepped(
              r,
              Explanation.of(
                  "RET-6",
                  "This return was already received on "
                      + (r.receipt() == null ? rc.statusSince() : r.receipt().receivedAt())
                      + "; it is "
                      + rc.status()
                      + " and nothing more is refunded."));
        }
        case RECEIVED -> {
          return progress.completeReceipt(r);
        }
        case WITHDRAWN, EXPIRED ->
            throw Refusals.toProblem(rc.status().moveTo(ReturnStatus.RECEIVED).refusal());
        case AUTHORIZED -> {
          List<UnitInspection> assigned =
              Refusals.valueOf(InspectionPolicy.assign(rc, request.units()));
          statedFindings(rc, found.order(), assigned);
          Instant now = clock.instant();
          String override = request.overrideReason().orElse(null);
          Refusals.valueOf( // a refusal is thrown before anything is written
              InspectionPolicy.receive(
                  rc, found.order(), policies.of(found.order()), assigned, override, now));
          Receipt receipt = new Receipt(assigned, override, role(caller), now);
          try {
            r =
                returns.replace(
                    r.withState(rc.withStatus(ReturnStatus.RECEIVED, now, null, null))
                        .withReceipt(receipt));
          } catch (StaleReturnException moved) {
            r =
                returns
                    .find(r.returnId())
                    .orElseThrow(() -> ReturnLookup.notFound(found.stored().returnId()));
            continue;
          }
          return progress.completeReceipt(r);
        }
      }
    }
    throw new IllegalStateException(
        "return " + found.stored().returnId() + " kept changing during its receipt");
  }

  /**
   * LAW-1, LAW-2: a diminished-value deduction and a unit's {@code sealed} are stated only at a
   * withdrawal's receipt ({@code 400} on {@code units[i].deduction} / {@code units[i].sealed}
   * otherwise: a return is judged by its condition, RET-6); there {@code sealed} is required for a
   * unit of a category Art. 16(e) or (i) excludes once unsealed and refused for any other, an
   * unsealed unit takes no deduction (one {@code 400} naming every such field), and a deduction is
   * never above the unit's paid price ({@code 422 deduction-above-paid-price} on {@code
   * units[i].deduction.amount}), before anything is written.
   */
  private void statedFindings(
      ReturnCase rc, org.aftersales.policy.state.Order order, List<UnitInspection> assigned) {
    List<FieldError> errors = new ArrayList<>();
    if (WithdrawalPolicy.isWithdrawal(rc.returnId())) {
      WithdrawalPolicy.sealFindingProblems(order, policies.of(order), assigned)
          .forEach((field, message) -> errors.add(new FieldError(field, message)));
      if (!errors.isEmpty()) {
        throw ApiProblem.badRequest(errors);
      }
      Refusals.valueOf(WithdrawalPolicy.deductions(order, assigned));
      return;
    }
    for (int i = 0; i < assigned.size(); i++) {
      if (assigned.get(i).deduction() != null) {
        errors.add(
            new FieldError(
                "units[" + i + "].deduction",
                "Only the receipt of a withdrawal takes a deduction for diminished value (LAW-2);"
                    + " a return is judged by its condition (RET-6)."));
      }
      if (assigned.get(i).sealed() != null) {
        errors.add(
            new FieldError(
                "units[" + i + "].sealed",
                "Only the receipt of a withdrawal takes the seal of a unit (LAW-1, Directive"
                    + " 2011/83/EU Art. 16(e), (i)); a return is judged by its condition (RET-6)."));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  /** Whether a receipt request reports what the stored receipt recorded, unit by unit. */
  private static boolean sameFindings(
      ReturnCase rc, Receipt stored, ReturnRequests.ReceiptRequest request) {
    Decision<List<UnitInspection>> assigned = InspectionPolicy.assign(rc, request.units());
    return assigned.accepted()
        && findings(assigned.value()).equals(findings(stored.inspections()))
        && Objects.equals(request.overrideReason().orElse(null), stored.overrideReason());
  }

  private static Map<Object, List<Object>> findings(List<UnitInspection> inspections) {
    Map<Object, List<Object>> byUnit = new HashMap<>();
    for (UnitInspection i : inspections) {
      byUnit.put(
          i.unit(),
          java.util.Arrays.asList(
              i.condition(), new TreeSet<>(i.missingComponents()), i.deduction(), i.sealed()));
    }
    return byUnit;
  }

  private static ApiProblem alreadyReceived(StoredReturn r) {
    return ApiProblem.conflict(
        "return-already-received",
        "Return already received",
        "Return "
            + r.returnId()
            + " was received on "
            + r.receipt().receivedAt()
            + " with other findings; a receipt is recorded once.",
        List.of("RET-6"));
  }

  private static String role(Caller caller) {
    return caller.has(Caller.Role.AGENT) ? "agent" : "warehouse";
  }
}
