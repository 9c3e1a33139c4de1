package org.aftersales.returns;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.InspectionPolicy;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.decision.ReturnUpdate;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.ReturnRepository;
import org.aftersales.shared.store.ReturnRepository.Receipt;
import org.aftersales.shared.store.ReturnRepository.StoredReturn;
import org.aftersales.shared.store.StaleReturnException;

/**
 * {@code POST /returns/{returnId}/receipt} (warehouse, agent): records what came back and applies
 * the inspection (RET-4, RET-5, RET-6). The findings are checked against the order, then stored on
 * the return as it becomes RECEIVED (its version guard lets one receipt win), then applied ({@link
 * ReturnProgress#completeReceipt}). A second receipt of the same return, racing or late, gets the
 * first one's outcome: never a second refund. Only an agent may override a NOT_MINT finding (with a
 * reason). Side effects: the return item, the order (refund, unit statuses).
 */
final class ReceiveReturn {

  private static final int ATTEMPTS = 8;

  private final ReturnRepository returns;
  private final ReturnProgress progress;
  private final OrderPolicies policies;
  private final Clock clock;

  ReceiveReturn(
      ReturnRepository returns, ReturnProgress progress, OrderPolicies policies, Clock clock) {
    this.returns = returns;
    this.progress = progress;
    this.policies = policies;
    this.clock = clock;
  }

  ReturnProgress.Stepped receive(
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
      ReturnCase rc = r.returnCase();
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
          Decision<List<UnitInspection>> assigned = InspectionPolicy.assign(rc, request.units());
          if (!assigned.accepted()) {
            throw Refusals.toProblem(assigned.refusal());
          }
          Instant now = clock.instant();
          String override = request.overrideReason().orElse(null);
          Decision<ReturnUpdate> check =
              InspectionPolicy.receive(
                  rc, found.order(), policies.of(found.order()), assigned.value(), override, now);
          if (!check.accepted()) {
            throw Refusals.toProblem(check.refusal());
          }
          Receipt receipt = new Receipt(assigned.value(), override, role(caller), now);
          try {
            r =
                returns.replace(
                    r.with(rc.withStatus(ReturnStatus.RECEIVED, now, null, null))
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

  private static String role(Caller caller) {
    return caller.has(Caller.Role.AGENT) ? "agent" : "warehouse";
  }
}
