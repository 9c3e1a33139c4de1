package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local DynamoDB ({@code dynalite}) and S3 ({@code local/servers/s3rver.js}) servers as child
 * processes, with their data under the data dir ({@code dynamodb/}, {@code s3/}) so it survives
 * restarts. s3rver's JSON event lines are handed, in order and off its stdout reader, to the given
 * consumer. Side effects: starts two {@code node} processes; {@link #close} destroys them (also
 * called by the stack's shutdown hook on Ctrl-C).
 */
public final class LocalServers implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final List<Process> processes = new ArrayList<>();
  private final ExecutorService eventForwarder =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "s3-event-forwarder");
            thread.setDaemon(true);
            return thread;
          });

  private LocalServers() {}

  /**
   * Starts both servers on the loopback ports of the given endpoints and returns once both accept
   * connections. {@code buckets} maps bucket name → CORS XML file (or null) for s3rver to create.
   */
  public static LocalServers start(
      Path serversDir,
      Path dataDir,
      URI dynamoEndpoint,
      URI s3Endpoint,
      Map<String, Path> buckets,
      Consumer<JsonNode> s3Events) {
    Path dynalite = serversDir.resolve("node_modules/dynalite/cli.js");
    if (!Files.isRegularFile(dynalite)) {
      throw new IllegalStateException(
          "the local servers are not installed: run `npm ci --no-audit --no-fund` in "
              + serversDir);
    }
    LocalServers servers = new LocalServers();
    try {
      Path logs = Files.createDirectories(dataDir.resolve("logs"));
      Path dynamoData = Files.createDirectories(dataDir.resolve("dynamodb"));
      Path s3Data = Files.createDirectories(dataDir.resolve("s3"));

      Process dynamo =
          new ProcessBuilder(
                  "node",
                  dynalite.toString(),
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(dynamoEndpoint.getPort()),
                  "--path",
                  dynamoData.toString(),
                  "--createTableMs",
                  "0",
                  "--deleteTableMs",
                  "0",
                  "--updateTableMs",
                  "0")
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(logs.resolve("dynalite.log").toFile()))
              .start();
      servers.processes.add(dynamo);

      List<String> s3Command =
          new ArrayList<>(
              List.of(
                  "node",
                  "--openssl-legacy-provider",
                  serversDir.resolve("s3rver.js").toString(),
                  "--port",
                  String.valueOf(s3Endpoint.getPort()),
                  "--directory",
                  s3Data.toString(),
                  "--exit-with-stdin"));
      buckets.forEach(
          (name, cors) ->
              s3Command.addAll(List.of("--bucket", cors == null ? name : name + "=" + cors)));
      Process s3 =
          new ProcessBuilder(s3Command)
              .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("s3rver.log").toFile()))
              .start();
      servers.processes.add(s3);

      CompletableFuture<Void> s3Ready = new CompletableFuture<>();
      Thread reader = new Thread(() -> servers.readS3Lines(s3, s3Ready, s3Events), "s3rver-stdout");
      reader.setDaemon(true);
      reader.start();

      waitForPort(dynamo, dynamoEndpoint.getPort(), "dynalite", logs.resolve("dynalite.log"));
      try {
        s3Ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(
            "s3rver did not start (see " + logs.resolve("s3rver.log") + ")", e);
      }
      return servers;
    } catch (IOException e) {
      servers.close();
      throw new UncheckedIOException("cannot start the local servers", e);
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
  }

  private void readS3Lines(Process s3, CompletableFuture<Void> ready, Consumer<JsonNode> s3Events) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(s3.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonNode message;
        try {
          message = JSON.readTree(line);
        } catch (IOException e) {
          System.err.println("[s3rver] unexpected output: " + line);
          continue;
        }
        if (message.has("ready")) {
          ready.complete(null);
        } else if (message.has("event")) {
          JsonNode event = message.get("event");
          eventForwarder.execute(() -> s3Events.accept(event));
        }
      }
    } catch (IOException e) {
      // the process ended; close() or the exit check reports it
    } finally {
      ready.completeExceptionally(new IllegalStateException("s3rver exited with " + exitCode(s3)));
    }
  }

  private static void waitForPort(Process process, int port, String name, Path log) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " (see " + log + ")");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
      }
    }
    throw new IllegalStateException(
        name + " did not listen on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
  }

  private static String exitCode(Process process) {
    try {
      return process.waitFor(1, TimeUnit.SECONDS)
          ? String.valueOf(process.exitValue())
          : "(still running)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(unknown)";
    }
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    eventForwarder.shutdownNow();
  }
}
