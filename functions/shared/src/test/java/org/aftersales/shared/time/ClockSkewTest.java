package org.aftersales.shared.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClockSkewTest {

  private static final Instant GRANTED = Instant.parse("2026-11-03T09:12:00.734Z");

  @Test
  void the_same_second_truncated_is_never_before_even_without_an_allowance() {
    ClockSkew none = new ClockSkew(Duration.ZERO);

    assertThat(none.isBefore(Instant.parse("2026-11-03T09:12:00Z"), GRANTED)).isFalse();
    assertThat(none.isBefore(Instant.parse("2026-11-03T09:11:59.999Z"), GRANTED)).isTrue();
  }

  @Test
  void up_to_the_allowance_behind_is_not_before_and_beyond_it_is() {
    ClockSkew skew = new ClockSkew(Duration.ofMinutes(5));

    assertThat(skew.earliestAfter(GRANTED)).isEqualTo(Instant.parse("2026-11-03T09:07:00Z"));
    assertThat(skew.isBefore(Instant.parse("2026-11-03T09:07:00Z"), GRANTED)).isFalse();
    assertThat(skew.isBefore(Instant.parse("2026-11-03T09:06:59.999Z"), GRANTED)).isTrue();
    assertThat(skew.isBefore(GRANTED.plusSeconds(1), GRANTED)).isFalse();
  }

  @Test
  void the_allowance_is_the_function_configuration_else_five_minutes() {
    assertThat(ClockSkew.fromVariables(Map.of()).allowance()).isEqualTo(ClockSkew.DEFAULT);
    assertThat(ClockSkew.DEFAULT).isEqualTo(Duration.ofMinutes(5));
    assertThat(ClockSkew.fromVariables(Map.of("CLOCK_SKEW_ALLOWANCE", "PT30S")).allowance())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(ClockSkew.fromVariables(Map.of("CLOCK_SKEW_ALLOWANCE", "PT0S")).allowance())
        .isZero();
    assertThatThrownBy(() -> ClockSkew.fromVariables(Map.of("CLOCK_SKEW_ALLOWANCE", "5 minutes")))
        .hasMessageContaining("CLOCK_SKEW_ALLOWANCE must be an ISO-8601 duration");
    assertThatThrownBy(() -> ClockSkew.fromVariables(Map.of("CLOCK_SKEW_ALLOWANCE", "-PT1S")))
        .hasMessageContaining("must not be negative");
  }
}
