package org.aftersales.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Starting and closing a pair of servers leaves no process behind. Uses its own pair (not the
 * per-JVM one the other tests share) so closing it can be observed.
 */
class LocalAwsLifecycleIT {

  @Test
  void close_stops_both_server_processes() {
    List<Long> pids;
    try (LocalAws aws = LocalAws.start()) {
      pids = aws.serverPids();
      assertThat(aws.isRunning()).isTrue();
      assertThat(aws.dynamoDb().listTables().tableNames()).containsExactly(LocalAws.TABLE_NAME);
      assertThat(pids)
          .allSatisfy(pid -> assertThat(alive(pid)).as("pid %d before close", pid).isTrue());
    }

    assertThat(pids)
        .allSatisfy(pid -> assertThat(alive(pid)).as("pid %d after close", pid).isFalse());
  }

  @Test
  void closing_twice_is_harmless() {
    LocalAws aws = LocalAws.start();
    aws.close();
    aws.close();

    assertThat(aws.isRunning()).isFalse();
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    return handle.map(ProcessHandle::isAlive).orElse(false);
  }
}
