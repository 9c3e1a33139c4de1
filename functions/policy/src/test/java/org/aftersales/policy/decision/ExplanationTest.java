package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.aftersales.policy.decision.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.aftersales.policy.TestOrders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExplanationTest {

  @Test
  @DisplayName("GEN-8 every decision carries its rule ids and one plain-language line per rule")
  void GEN_8_decisions_explain_themselves() {
    Decision<CancellationPolicy.Cancellation> d =
        CancellationPolicy.cancel(
            register(TestOrders.apiExample()),
            POLICY,
            "cn-1",
            null,
            Instant.parse("2026-11-03T09:00:00Z"));
    assertThat(d.explanation().lines())
        .isNotEmpty()
        .allSatisfy(
            l -> {
              assertThat(l.ruleId()).matches("(GEN|CAN|RET|DOA|NOF)-\\d");
              assertThat(l.text()).isNotBlank().endsWith(".");
            });
    assertThat(d.ruleIds()).containsExactly("CAN-1", "CAN-5", "GEN-5");
    // the refund's breakdown is itemised and adds up (GEN-8)
    var refund = d.value().refund();
    assertThat(refund.breakdown().lines()).allSatisfy(l -> assertThat(l.ruleIds()).isNotEmpty());
    assertThat(refund.breakdown().total()).isEqualTo(refund.amount());
  }

  @Test
  @DisplayName("GEN-8 rule ids are distinct and in order of first use; refusals keep theirs")
  void GEN_8_rule_ids_and_refusals() {
    Explanation e = Explanation.of("CAN-1", "a.").and("CAN-5", "b.").and("CAN-1", "c.");
    assertThat(e.ruleIds()).containsExactly("CAN-1", "CAN-5");
    Decision<String> refused = Decision.refuse(RefusalCode.NOT_MINT, "RET-1", "Not mint.");
    assertThat(refused.ruleIds()).containsExactly("RET-1");
    assertThat(refused.map(String::length).refusal().code()).isEqualTo(RefusalCode.NOT_MINT);
    assertThatThrownBy(refused::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not-mint");
    assertThat(Decision.accept("x", e).map(String::length).value()).isEqualTo(1);
  }
}
