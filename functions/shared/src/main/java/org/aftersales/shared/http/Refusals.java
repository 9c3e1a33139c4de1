package org.aftersales.shared.http;

import java.util.List;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.Refusal;
import org.aftersales.policy.decision.RefusalCode;

/**
 * A policy refusal as problem+json: the status from the code's kind (409 the state does not allow
 * it, 422 the policy says no), its {@code code}, {@code ruleIds} and the customer-facing message as
 * {@code detail}. A refusal that points at the warranty (RET-7, DOA-1) names its last day in the
 * detail. Bad input the policy finds is a 400 listing its field in {@code errors}.
 */
public final class Refusals {

  private Refusals() {}

  /** The accepted decision's value; a refusal is thrown as its problem ({@link #toProblem}). */
  public static <T> T valueOf(Decision<T> decision) {
    if (!decision.accepted()) {
      throw toProblem(decision.refusal());
    }
    return decision.value();
  }

  public static ApiProblem toProblem(Refusal refusal) {
    RefusalCode code = refusal.code();
    String detail =
        refusal.warrantyEndsOn() == null
            ? refusal.message()
            : refusal.message() + " Warranty ends on " + refusal.warrantyEndsOn() + ".";
    List<FieldError> errors =
        refusal.field() == null
            ? List.of()
            : List.of(new FieldError(refusal.field(), refusal.message()));
    return new ApiProblem(
        code.httpStatus(), code.code(), title(code), detail, refusal.ruleIds(), errors);
  }

  /** "order-already-processed" → "Order already processed". */
  static String title(RefusalCode code) {
    String words = code.code().replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
