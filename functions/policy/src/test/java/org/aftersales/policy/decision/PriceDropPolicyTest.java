package org.aftersales.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PriceDropPolicyTest {

  @Test
  @DisplayName("NOF-1 a price drop request is answered with the rule")
  void NOF_1_a_price_drop_request_is_answered_with_the_rule() {
    Decision<String> d = PriceDropPolicy.answer(Fixtures.POLICY);
    assertThat(d.accepted()).isFalse();
    assertThat(d.refusal().code().code()).isEqualTo("price-drop-not-refunded");
    assertThat(d.refusal().code().httpStatus()).isEqualTo(422);
    assertThat(d.ruleIds()).containsExactly("NOF-1");
    assertThat(d.refusal().message()).contains("what you paid");
  }
}
