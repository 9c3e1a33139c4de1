package org.aftersales.policy.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class AllocationProperties {

  @Property
  @Label("GEN-1 parts sum exactly and are deterministic")
  void GEN_1_parts_sum_exactly_and_are_deterministic(
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long total,
      @ForAll @Size(min = 1, max = 30)
          List<@LongRange(min = 0, max = 10_000_000) Long> weightList) {
    long[] weights = weightList.stream().mapToLong(Long::longValue).toArray();
    long[] parts = Allocation.largestRemainder(total, weights);
    assertThat(Arrays.stream(parts).sum()).isEqualTo(total);
    assertThat(Arrays.stream(parts).allMatch(p -> p >= 0)).isTrue();
    assertThat(Allocation.largestRemainder(total, weights.clone())).containsExactly(parts);
    long weightSum = Arrays.stream(weights).sum();
    for (int i = 0; i < parts.length; i++) {
      double exact =
          weightSum == 0 ? (double) total / parts.length : (double) total * weights[i] / weightSum;
      assertThat(Math.abs(parts[i] - exact)).isLessThan(1.0 + 1e-6 * Math.max(1, exact));
    }
  }
}
