package org.aftersales.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.decision.Refusal;
import org.aftersales.policy.decision.RefusalCode;
import org.junit.jupiter.api.Test;

class RefusalsTest {

  @Test
  void bad_input_the_policy_finds_is_a_400_naming_its_field() {
    ApiProblem problem =
        Refusals.toProblem(Refusal.invalid("lines[].lineId", "CAN-1", "The order has no line L9."));

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo("invalid-request");
    assertThat(problem.errors())
        .containsExactly(new FieldError("lines[].lineId", "The order has no line L9."));
    assertThat(problem.ruleIds()).containsExactly("CAN-1");
  }

  @Test
  void a_policy_refusal_is_422_with_its_code_rules_and_the_warranty_end() {
    Refusal refusal =
        new Refusal(
            RefusalCode.USE_WARRANTY,
            "Damaged after the DOA window: use the warranty.",
            Explanation.of("RET-7", "Use the warranty."),
            LocalDate.parse("2028-11-10"));

    ApiProblem problem = Refusals.toProblem(refusal);

    assertThat(problem.status()).isEqualTo(422);
    assertThat(problem.code()).isEqualTo("use-warranty");
    assertThat(problem.title()).isEqualTo("Use warranty");
    assertThat(problem.detail()).endsWith("Warranty ends on 2028-11-10.");
    assertThat(problem.errors()).isEmpty();
  }

  @Test
  void a_state_refusal_is_409() {
    ApiProblem problem =
        Refusals.toProblem(Refusal.of(RefusalCode.ORDER_ALREADY_PROCESSED, "CAN-2", "Processed."));

    assertThat(problem.status()).isEqualTo(409);
    assertThat(problem.ruleIds()).containsExactly("CAN-2");
  }
}
