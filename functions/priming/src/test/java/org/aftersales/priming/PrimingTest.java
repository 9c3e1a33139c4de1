package org.aftersales.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the priming work runs: before the snapshot under SnapStart, else at once in init. */
class PrimingTest {

  @Test
  void under_snap_start_the_work_waits_for_the_checkpoint() {
    AtomicInteger runs = new AtomicInteger();

    Priming.beforeSnapshot(runs::incrementAndGet, "snap-start", null);

    assertThat(runs).hasValue(0);
  }

  @Test
  void otherwise_it_runs_in_init() {
    AtomicInteger runs = new AtomicInteger();

    Priming.beforeSnapshot(runs::incrementAndGet, "on-demand", null);
    Priming.beforeSnapshot(runs::incrementAndGet, null, null);

    assertThat(runs).hasValue(2);
  }

  @Test
  void with_priming_off_nothing_runs_in_init_or_at_the_checkpoint() {
    AtomicInteger runs = new AtomicInteger();

    Priming.beforeSnapshot(runs::incrementAndGet, "on-demand", "off");
    Priming.beforeSnapshot(runs::incrementAndGet, "snap-start", "off");

    assertThat(runs).hasValue(0);
  }

  @Test
  void a_failure_in_init_does_not_fail_the_function() {
    assertThatCode(
            () ->
                Priming.beforeSnapshot(
                    () -> {
                      throw new IllegalStateException("table unreachable");
                    },
                    "on-demand",
                    null))
        .doesNotThrowAnyException();
  }

  @Test
  void a_missing_resource_is_named() {
    assertThatCode(() -> Priming.resource(PrimingTest.class, "priming/none.json"))
        .hasMessageContaining("priming/none.json");
  }
}
