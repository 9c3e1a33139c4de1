package org.aftersales.localaws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One server run as a child process of this JVM: its stdout is read line by line on a daemon thread
 * (the first line that {@code isReadyLine} accepts marks it ready, every other line goes to {@code
 * onLine}), its stderr is appended to a log file quoted in failures. {@link #close()} stops it
 * (SIGTERM, then SIGKILL after 3 s) and waits until it is gone.
 */
final class ServerProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(3);

  private final String name;
  private final Process process;
  private final Path stderrLog;
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  private ServerProcess(String name, Process process, Path stderrLog) {
    this.name = name;
    this.process = process;
    this.stderrLog = stderrLog;
  }

  static ServerProcess start(
      String name,
      List<String> command,
      Path workingDirectory,
      Path stderrLog,
      Predicate<String> isReadyLine,
      Consumer<String> onLine) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(workingDirectory.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
    ServerProcess server = new ServerProcess(name, process, stderrLog);
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .name(name + "-stdout")
            .unstarted(() -> server.readStdout(isReadyLine, onLine));
    reader.start();
    return server;
  }

  /** Waits for the ready line and returns it; fails with the server's stderr if it exits first. */
  String awaitReady(Duration timeout) {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          name + " not ready within " + timeout + "; stderr: " + stderr(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String stderr() {
    try {
      return Files.exists(stderrLog)
          ? Files.readString(stderrLog, StandardCharsets.UTF_8).strip()
          : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readStdout(Predicate<String> isReadyLine, Consumer<String> onLine) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!ready.isDone() && isReadyLine.test(line)) {
          ready.complete(line);
        } else {
          onLine.accept(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      ready.completeExceptionally(new IllegalStateException(name + " output unreadable: " + e, e));
    }
    if (!ready.isDone()) {
      int exit;
      try {
        exit = process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exit = -1;
      }
      ready.completeExceptionally(
          new IllegalStateException(
              name + " exited with code " + exit + " before it was ready; stderr: " + stderr()));
    }
  }
}
