package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code LocalStack} started as its own process, as run-local.sh starts it: the module's classes
 * and runtime class path ({@code target/classpath.txt}), the template's environment plus the
 * loopback endpoints of free ports, on a free API port. {@link #close} stops it with SIGTERM (the
 * shutdown hook Ctrl-C runs too) and checks that its node servers are gone.
 */
final class StackProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final URI api;
  private final Map<String, String> environment;
  private final StringBuffer output = new StringBuffer();

  private StackProcess(Process process, URI api, Map<String, String> environment) {
    this.process = process;
    this.api = api;
    this.environment = environment;
  }

  static StackProcess start(Path templateFile, Map<String, String> parameters, String... arguments)
      throws Exception {
    int port = freePortWithTwoFreeAbove();
    // The template as the stack reads it on that port: PagesOrigin is its own origin (a function's
    // environment may name it), as LocalStack.pagesOrigin sets it and `LocalStack env` prints it.
    List<String> options =
        new ArrayList<>(
            List.of("--port", String.valueOf(port), "--template", templateFile.toString()));
    parameters.forEach((name, value) -> options.addAll(List.of("--parameter", name + "=" + value)));
    SamTemplate template =
        SamTemplate.load(
            templateFile,
            LocalStack.pagesOrigin(LocalOptions.parse(options.toArray(String[]::new))));
    List<URI> servers = freeEndpointsAwayFrom(port, 3);
    Map<String, String> environment =
        LocalEnvironment.required(template, servers.get(0), servers.get(1), servers.get(2));
    Path classes =
        Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classpath =
        classes
            + File.pathSeparator
            + Files.readString(classes.getParent().resolve("classpath.txt")).strip();
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                classpath,
                LocalStack.class.getName(),
                "--port",
                String.valueOf(port),
                "--template",
                templateFile.toString()));
    parameters.forEach((name, value) -> command.addAll(List.of("--parameter", name + "=" + value)));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    StackProcess stack =
        new StackProcess(builder.start(), URI.create("http://127.0.0.1:" + port), environment);
    stack.awaitReady();
    return stack;
  }

  /**
   * A free loopback port P with P + 1 and P + 2 free too: the stack puts DynamoDB and S3 there
   * (ports derived from {@code --port}, so they survive a restart), so a port the OS handed to
   * someone else must not be one of them.
   */
  static int freePortWithTwoFreeAbove() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = LocalEnvironment.freeLoopbackEndpoint().getPort();
      if (port + 2 <= 65_535 && bindable(port + 1) && bindable(port + 2)) {
        return port;
      }
    }
    throw new IOException("no free loopback port with the two above it free");
  }

  /**
   * {@code count} free loopback endpoints, all different and none on the stack's port or the few
   * above it that the stack derives from it: a port the OS hands out twice in a row must not start
   * two servers on one port.
   */
  private static List<URI> freeEndpointsAwayFrom(int port, int count) throws IOException {
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (int p = port; p <= port + 5; p++) {
      taken.add(p);
    }
    List<URI> endpoints = new ArrayList<>();
    for (int attempt = 0; attempt < 100 && endpoints.size() < count; attempt++) {
      URI endpoint = LocalEnvironment.freeLoopbackEndpoint();
      if (taken.add(endpoint.getPort())) {
        endpoints.add(endpoint);
      }
    }
    if (endpoints.size() < count) {
      throw new IOException("no " + count + " distinct free loopback ports");
    }
    return endpoints;
  }

  private static boolean bindable(int port) {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /**
   * The project's own template.yaml, every real function, on {@code dataDir}, with more of
   * run-local.sh's {@code options} (e.g. {@code --webhook URL}).
   */
  static StackProcess startProject(Path repo, Path dataDir, String... options) throws Exception {
    List<String> arguments =
        new ArrayList<>(List.of("--root", repo.toString(), "--data-dir", dataDir.toString()));
    arguments.addAll(List.of(options));
    return start(repo.resolve("template.yaml"), Map.of(), arguments.toArray(String[]::new));
  }

  private void awaitReady() throws Exception {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.append(line).append('\n');
                  if (line.startsWith("Local stack ready")) {
                    ready.complete(null);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
              ready.completeExceptionally(
                  new IllegalStateException("the stack exited:\n" + output));
            },
            "stack-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  URI api() {
    return api;
  }

  /**
   * A JSON request to the stack's API, with a bearer token unless it is null; a String body is sent
   * as it is, another object as its JSON.
   */
  HttpResponse<String> send(String method, String path, String token, Object body)
      throws Exception {
    return send(method, path, token, body, Map.of());
  }

  /** {@link #send(String, String, String, Object)} with more request {@code headers}. */
  HttpResponse<String> send(
      String method, String path, String token, Object body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                        body instanceof String raw ? raw : JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return HTTP.send(
        request.header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  Map<String, String> environment() {
    return environment;
  }

  String output() {
    return output.toString();
  }

  /** The stack's console reaches the test through a pipe, a moment after the response. */
  void awaitOutput(String text) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!output.toString().contains(text) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(output.toString()).contains(text);
  }

  /**
   * Kills (SIGKILL) the stack's child process whose command line contains {@code name} (a server
   * this test started through the stack) and waits until it is gone.
   */
  void killChild(String name) throws Exception {
    ProcessHandle child =
        process
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no child process " + name));
    child.destroyForcibly();
    child.onExit().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy(); // SIGTERM: the same shutdown hook as Ctrl-C
    assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stack stopped").isTrue();
    Instant deadline = Instant.now().plusSeconds(10);
    while (children.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(children)
        .as("the node servers (%s)", children)
        .hasSizeGreaterThanOrEqualTo(2)
        .noneMatch(ProcessHandle::isAlive);
  }
}
