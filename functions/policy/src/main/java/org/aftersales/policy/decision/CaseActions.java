package org.aftersales.policy.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnStatus;

/**
 * What the customer may do next with a return or a claim of their order, and until when (API {@code
 * GET /orders/{orderId}/returns} and {@code …/claims}, {@code actions}), so that a page shows only
 * what the policy allows now: send the parcel of an authorised return by its send-by date (RET-2,
 * RET-9) or withdraw it before it is received; upload evidence for a claim while it waits for
 * evidence (DOA-2, DOA-4 NEEDS_INFO) until it expires (DOA-7). Pure.
 */
public final class CaseActions {

  private CaseActions() {}

  /** RET-2, RET-9: the parcel of an authorised return is sent by its send-by date. */
  public static OrderActions.Action send(ReturnCase r, PolicyDocument policy, Instant now) {
    if (openReturn(r, policy, now)) {
      return new OrderActions.Action(true, r.sendBy(), List.of("RET-2", "RET-9"), null, null);
    }
    return closedReturn(r, policy, now, List.of("RET-2", "RET-9"));
  }

  /** RET-9: an authorised return can be withdrawn until it is received (or expires). */
  public static OrderActions.Action withdraw(ReturnCase r, PolicyDocument policy, Instant now) {
    if (openReturn(r, policy, now)) {
      return new OrderActions.Action(true, r.sendBy(), List.of("RET-9"), null, null);
    }
    return closedReturn(r, policy, now, List.of("RET-9"));
  }

  /**
   * DOA-2, DOA-7: evidence is uploaded while the claim waits for it (opened, or NEEDS_INFO after
   * DOA-4), until the evidence expiry; a claim under review or decided takes no uploads.
   */
  public static OrderActions.Action upload(ClaimCase c, PolicyDocument policy, Instant now) {
    List<String> rules = List.of("DOA-2", "DOA-7");
    if (!c.status().awaitsUploads()) {
      return new OrderActions.Action(
          false,
          null,
          rules,
          RefusalCode.ILLEGAL_TRANSITION.code(),
          c.status().isFinal()
              ? "This claim is closed: it takes no more files."
              : "Every file needed is in: customer care is reviewing the claim.");
    }
    if (DoaPolicy.isExpired(c, policy, now)) {
      return new OrderActions.Action(
          false,
          null,
          rules,
          RefusalCode.ILLEGAL_TRANSITION.code(),
          RuleTexts.claimExpired(policy));
    }
    Instant expires = c.statusSince().plus(Duration.ofDays(policy.evidenceExpiryDays()));
    return new OrderActions.Action(true, policy.calendar().dateOf(expires), rules, null, null);
  }

  private static boolean openReturn(ReturnCase r, PolicyDocument policy, Instant now) {
    return r.status() == ReturnStatus.AUTHORIZED && !ReturnPolicy.isExpired(r, policy, now);
  }

  private static OrderActions.Action closedReturn(
      ReturnCase r, PolicyDocument policy, Instant now, List<String> rules) {
    String message =
        ReturnPolicy.isExpired(r, policy, now) || r.status() == ReturnStatus.EXPIRED
            ? RuleTexts.returnExpired(r.sendBy())
            : switch (r.status()) {
              case WITHDRAWN -> "The return was withdrawn.";
              default -> "The parcel has arrived at the warehouse.";
            };
    return new OrderActions.Action(
        false, null, rules, RefusalCode.ILLEGAL_TRANSITION.code(), message);
  }
}
