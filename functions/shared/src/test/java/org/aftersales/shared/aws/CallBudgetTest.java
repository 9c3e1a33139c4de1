package org.aftersales.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallBudgetTest {

  @Test
  void unset_as_in_aws_is_lambdas_fail_fast_budget() {
    assertThat(CallBudget.fromEnvironment(Map.of())).isEqualTo(CallBudget.LAMBDA);
    assertThat(CallBudget.fromEnvironment(Map.of(CallBudget.VARIABLE, " ")))
        .isEqualTo(CallBudget.LAMBDA);
    assertThat(CallBudget.LAMBDA)
        .isEqualTo(
            new CallBudget(
                Duration.ofMillis(500), Duration.ofMillis(2_000), Duration.ofMillis(2_800), 3));
  }

  @Test
  void a_set_budget_scales_connect_and_attempt_with_the_whole_call() {
    CallBudget scaled = CallBudget.fromEnvironment(Map.of(CallBudget.VARIABLE, "28000"));

    assertThat(scaled)
        .isEqualTo(
            new CallBudget(
                Duration.ofMillis(5_000), Duration.ofMillis(20_000), Duration.ofMillis(28_000), 3));
    assertThat(CallBudget.LOCAL_SERVERS).isEqualTo(scaled);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "2.8s", "-1", "0", "99", "600001"})
  void anything_but_milliseconds_from_100_to_600000_is_refused_by_name(String value) {
    assertThatThrownBy(() -> CallBudget.fromEnvironment(Map.of(CallBudget.VARIABLE, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SDK_CALL_BUDGET_MS")
        .hasMessageContaining(value);
  }

  @Test
  void the_settings_carry_the_environments_budget() {
    Map<String, String> env =
        Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s", CallBudget.VARIABLE, "5600");

    assertThat(AwsSettings.fromEnvironment(env).budget()).isEqualTo(CallBudget.ofCallMillis(5_600));
    assertThat(AwsSettings.fromEnvironment(Map.of()).budget()).isEqualTo(CallBudget.LAMBDA);
  }
}
