package org.aftersales.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The template's {@code Schedule} events: each enabled {@code rate(…)} schedule fires its function
 * every period from the stack's start, with the scheduled instant as the event's {@code time};
 * {@link #fireNow} fires a function's schedules at once (the {@code POST /_local/schedules/{id}}
 * endpoint). {@code cron(…)} schedules only fire on demand. Side effects: a timer thread that
 * invokes functions.
 */
public final class LocalSchedules implements AutoCloseable {

  private final LocalFunctions functions;
  private final List<ScheduleDefinition> schedules = new ArrayList<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "local-schedules");
            thread.setDaemon(true);
            return thread;
          });

  public LocalSchedules(SamTemplate template, LocalFunctions functions) {
    this.functions = functions;
    template.functions().forEach(f -> schedules.addAll(f.schedules()));
  }

  public void start(Instant startedAt) {
    for (ScheduleDefinition schedule : schedules) {
      if (!schedule.enabled() || schedule.rate().isEmpty()) {
        continue;
      }
      Duration period = schedule.rate().get();
      timer.scheduleAtFixedRate(
          new Runnable() {
            private long fired;

            @Override
            public void run() {
              fired++;
              fire(
                  schedule,
                  startedAt.plus(period.multipliedBy(fired)),
                  "schedule " + schedule.expression());
            }
          },
          period.toMillis(),
          period.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Fires every schedule of the function now; returns the invocations (empty when it has none). */
  public List<LambdaFunction.Invocation> fireNow(String functionId) {
    List<LambdaFunction.Invocation> invocations = new ArrayList<>();
    for (ScheduleDefinition schedule : schedules) {
      if (schedule.functionId().equals(functionId)) {
        invocations.add(fire(schedule, Instant.now(), "POST /_local/schedules/" + functionId));
      }
    }
    return invocations;
  }

  public boolean hasSchedule(String functionId) {
    return schedules.stream().anyMatch(s -> s.functionId().equals(functionId));
  }

  private LambdaFunction.Invocation fire(
      ScheduleDefinition schedule, Instant scheduledTime, String trigger) {
    byte[] event =
        ScheduledEvents.payload(schedule, scheduledTime)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    LambdaFunction.Invocation invocation = functions.invoke(schedule.functionId(), event);
    functions.log(trigger, schedule.functionId(), invocation.failed() ? "error" : "ok", invocation);
    return invocation;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
