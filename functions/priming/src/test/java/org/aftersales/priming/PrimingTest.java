package org.aftersales.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

/** When the priming work runs: before the snapshot under SnapStart, else at once in init. */
class PrimingTest {

  /**
   * A CRaC context as the Lambda runtime's global one behaves: it keeps what is registered and runs
   * each resource's {@code beforeCheckpoint} when the snapshot is taken; a resource's failure fails
   * the checkpoint.
   */
  private static final class Checkpoints extends Context<Resource> {
    final List<Resource> registered = new ArrayList<>();

    @Override
    public void register(Resource resource) {
      registered.add(resource);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
      for (Resource resource : registered) {
        try {
          resource.beforeCheckpoint(this);
        } catch (Exception e) {
          CheckpointException failed = new CheckpointException();
          failed.addSuppressed(e);
          throw failed;
        }
      }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {}
  }

  private final Checkpoints checkpoints = new Checkpoints();

  @Test
  void under_snap_start_the_work_waits_for_the_checkpoint_and_runs_there() throws Exception {
    AtomicInteger runs = new AtomicInteger();

    Priming.beforeSnapshot(runs::incrementAndGet, "snap-start", null, () -> checkpoints);

    assertThat(runs).as("not in init").hasValue(0);
    assertThat(checkpoints.registered).hasSize(1);
    checkpoints.beforeCheckpoint(null);
    assertThat(runs).as("once, before the snapshot").hasValue(1);
  }

  @Test
  void under_snap_start_a_failure_fails_the_checkpoint() {
    Priming.beforeSnapshot(
        () -> {
          throw new IllegalStateException("table unreachable");
        },
        "snap-start",
        null,
        () -> checkpoints);

    assertThatThrownBy(() -> checkpoints.beforeCheckpoint(null))
        .isInstanceOf(CheckpointException.class)
        .satisfies(e -> assertThat(e.getSuppressed()[0]).hasMessageContaining("table unreachable"));
  }

  @Test
  void otherwise_it_runs_in_init() {
    AtomicInteger runs = new AtomicInteger();

    Priming.beforeSnapshot(runs::incrementAndGet, "on-demand", null, () -> checkpoints);
    Priming.beforeSnapshot(runs::incrementAndGet, null, null, () -> checkpoints);

    assertThat(runs).hasValue(2);
    assertThat(checkpoints.registered).isEmpty();
  }

  @Test
  void with_priming_off_nothing_runs_in_init_or_at_the_checkpoint() throws Exception {
    AtomicInteger runs = new AtomicInteger();

    Priming.beforeSnapshot(runs::incrementAndGet, "on-demand", "off", () -> checkpoints);
    Priming.beforeSnapshot(runs::incrementAndGet, "snap-start", "off", () -> checkpoints);
    checkpoints.beforeCheckpoint(null);

    assertThat(runs).hasValue(0);
    assertThat(checkpoints.registered).isEmpty();
  }

  @Test
  void a_failure_in_init_does_not_fail_the_function() {
    AtomicInteger runs = new AtomicInteger();

    assertThatCode(
            () ->
                Priming.beforeSnapshot(
                    () -> {
                      runs.incrementAndGet();
                      throw new IllegalStateException("table unreachable");
                    },
                    "on-demand",
                    null,
                    () -> checkpoints))
        .doesNotThrowAnyException();
    assertThat(runs).as("it did run").hasValue(1);
  }

  @Test
  void a_missing_resource_is_named() {
    assertThatCode(() -> Priming.resource(PrimingTest.class, "priming/none.json"))
        .hasMessageContaining("priming/none.json");
  }
}
