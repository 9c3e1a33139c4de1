package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aftersales.shared.aws.CallBudget;
import org.junit.jupiter.api.Test;

class LocalEnvironmentTest {

  @Test
  void the_local_functions_get_the_local_servers_budget_unless_the_caller_sets_one() {
    assertThat(LocalEnvironment.CALL_BUDGET).isEqualTo(CallBudget.VARIABLE);
    assertThat(
            CallBudget.fromEnvironment(
                Map.of(CallBudget.VARIABLE, LocalEnvironment.callBudgetMillis(Map.of()))))
        .isEqualTo(CallBudget.LOCAL_SERVERS);
    assertThat(LocalEnvironment.callBudgetMillis(Map.of(CallBudget.VARIABLE, " 2800 ")))
        .isEqualTo("2800");
  }
}
