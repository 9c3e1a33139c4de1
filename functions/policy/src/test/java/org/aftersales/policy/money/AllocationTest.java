package org.aftersales.policy.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AllocationTest {

  @Test
  @DisplayName("GEN-1 largest remainder gives leftovers to largest remainders")
  void GEN_1_largest_remainder_gives_leftovers_to_largest_remainders() {
    // 100 × [1,2,3]/6 = 16.67, 33.33, 50 → floors 16, 33, 50 (99), the 1 left goes to the .67
    assertThat(Allocation.largestRemainder(100, new long[] {1, 2, 3})).containsExactly(17, 33, 50);
  }

  @Test
  @DisplayName("GEN-1 ties go to the lower index")
  void GEN_1_ties_go_to_the_lower_index() {
    assertThat(Allocation.largestRemainder(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
    assertThat(Allocation.largestRemainder(5, new long[] {2, 2, 2, 2})).containsExactly(2, 1, 1, 1);
    assertThat(Allocation.evenly(499, 2)).containsExactly(250, 249);
  }

  @Test
  @DisplayName("GEN-1 all zero weights spread evenly")
  void GEN_1_all_zero_weights_spread_evenly() {
    assertThat(Allocation.largestRemainder(10, new long[] {0, 0, 0})).containsExactly(4, 3, 3);
    assertThat(Allocation.largestRemainder(0, new long[] {0, 0})).containsExactly(0, 0);
  }

  @Test
  @DisplayName("GEN-1 zero weight gets nothing when others weigh")
  void GEN_1_zero_weight_gets_nothing_when_others_weigh() {
    assertThat(Allocation.largestRemainder(7, new long[] {0, 1, 1})).containsExactly(0, 4, 3);
  }

  @Test
  @DisplayName("GEN-1 rejects negative inputs and no parts")
  void GEN_1_rejects_negative_inputs_and_no_parts() {
    assertThatThrownBy(() -> Allocation.largestRemainder(-1, new long[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Allocation.largestRemainder(1, new long[] {1, -1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Allocation.largestRemainder(1, new long[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Allocation.largestRemainder(0, new long[0])).isEmpty();
  }

  @Test
  @DisplayName("GEN-1 no overflow with large amounts")
  void GEN_1_no_overflow_with_large_amounts() {
    long[] parts =
        Allocation.largestRemainder(
            Long.MAX_VALUE / 2, new long[] {Long.MAX_VALUE / 3, Long.MAX_VALUE / 3, 7});
    assertThat(Arrays.stream(parts).sum()).isEqualTo(Long.MAX_VALUE / 2);
  }
}
