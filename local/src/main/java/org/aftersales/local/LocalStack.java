package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.aftersales.localaws.LocalResources;
import org.aftersales.localaws.LocalServers;

/**
 * The local stack's entry point ({@code ./run-local.sh} starts it) and lifecycle: reads {@code
 * template.yaml}, starts the local DynamoDB and S3 servers with their data in the data dir, creates
 * the table and bucket, serves the HTTP API ({@link LocalApi}) and the stack's own endpoints
 * ({@link LocalAdminEndpoints}), forwards S3 events, fires schedules, sends the functions' logs to
 * their file ({@link FunctionLogs}), has the demo data seeded ({@link DemoData}) and the
 * ready-to-paste commands printed ({@link TryIt}). Also the {@code env} and {@code invoke} commands
 * (see {@link LocalOptions}). Side effects: child processes, files under the data dir, a listening
 * socket; everything stops on Ctrl-C.
 */
public final class LocalStack implements AutoCloseable {

  /** The local stack's own token issuer (never a real one: its tokens are only good here). */
  public static final String ISSUER = "https://aftersales.local/issuer";

  static final String PAGES_ORIGIN = "PagesOrigin";
  private static final String DATA_DIR_MARKER = ".aftersales-local";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SUPERVISION_INTERVAL = Duration.ofSeconds(1);

  private final LocalOptions options;
  private final SamTemplate template;
  private final PrintStream console;
  private final boolean consoleIsTerminal;
  private FunctionLogs functionLogs;
  private LocalServers servers;
  private LocalFunctions functions;
  private LocalSchedules schedules;
  private LocalBus bus;
  private LocalAdminEndpoints admin;
  private LocalApi api;

  private LocalStack(LocalOptions options, SamTemplate template, PrintStream console) {
    this.options = options;
    this.template = template;
    this.console = console;
    this.consoleIsTerminal =
        console == System.out && System.console() != null && System.console().isTerminal();
  }

  public static void main(String[] args) {
    try {
      LocalOptions options = LocalOptions.parse(args);
      SamTemplate template = SamTemplate.load(options.template(), pagesOrigin(options));
      switch (options.command()) {
        case "env" ->
            System.out.print(
                LocalEnvironment.exports(
                    LocalEnvironment.required(
                        template,
                        dynamoDbEndpoint(options, System.getenv()),
                        s3Endpoint(options, System.getenv()),
                        sesEndpoint(options, System.getenv()),
                        eventBridgeEndpoint(options, System.getenv()))));
        case "invoke" -> System.exit(invoke(options, template));
        default -> serve(options, template);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("run-local: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * The parameters with {@code PagesOrigin} (the CORS origin of web/'s pages) set to the stack's
   * own origin when the template has it and the command line doesn't: the pages are served here.
   */
  static Map<String, String> pagesOrigin(LocalOptions options) {
    Map<String, String> parameters = new LinkedHashMap<>(options.parameters());
    SamTemplate template = SamTemplate.load(options.template(), options.parameters());
    if (template.root().path("Parameters").has(PAGES_ORIGIN)) {
      parameters.putIfAbsent(PAGES_ORIGIN, "http://127.0.0.1:" + options.port());
    }
    return parameters;
  }

  private static void serve(LocalOptions options, SamTemplate template) {
    LocalStack stack = new LocalStack(options, template, System.out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stack.console.println(
                      "Local stack stopped: API, schedules, DynamoDB and S3 servers (data kept in "
                          + options.dataDir()
                          + ")");
                },
                "local-stack-shutdown"));
    Instant started = Instant.now();
    stack.start();
    stack.console.printf(
        "Local stack ready in %d ms: http://127.0.0.1:%d (Ctrl-C stops everything)%n",
        Duration.between(started, Instant.now()).toMillis(), stack.api.port());
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts servers, tables, functions, the API and schedules; seeds and prints the curl commands.
   */
  void start() {
    Path dataDir = checkEnvironmentAndPrepareDataDir();
    functionLogs = FunctionLogs.redirect(dataDir, options.verboseLogs());
    console.println(functionLogs.describe());
    JwtKeys keys = JwtKeys.loadOrCreate(dataDir);
    String audience = audience();
    functions = new LocalFunctions(template, dataDir.resolve("functions"), console);
    schedules = new LocalSchedules(template, functions);
    bus = new LocalBus(template, functions, options.webhook(), console);
    URI busEndpoint = eventBridgeEndpoint(options, System.getenv());
    bus.start(busEndpoint);
    console.println(
        "EventBridge bus (PutEvents) at "
            + busEndpoint
            + ": "
            + template.rules().size()
            + " rules"
            + options.webhook().map(w -> ", every event POSTed to " + w).orElse(""));
    startServersWithResources(dataDir, new S3EventForwarder(template, functions));

    admin =
        new LocalAdminEndpoints(
            new JwtIssuer(keys, ISSUER, audience),
            functions,
            schedules,
            options.root().resolve("openapi.yaml"),
            new WebPages(options.root().resolve("web")),
            servers::health);
    api =
        new LocalApi(
            new RouteTable(template.routes()),
            new JwtVerifier(keys.publicKey(), ISSUER, audience),
            functions,
            CorsPolicy.of(template),
            admin,
            console);
    try {
      api.start(options.port());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on 127.0.0.1:"
              + options.port()
              + " ("
              + e.getMessage()
              + "); try --port N",
          e);
    }
    servers.supervise(SUPERVISION_INTERVAL, problem -> console.println("[local] " + problem));
    schedules.start(Instant.now());
    console.println("Functions (" + template.functions().size() + "):");
    functions.printStatus();
    URI base = URI.create("http://127.0.0.1:" + api.port());
    if (options.seed()) {
      DemoData.seedOnce(
          dataDir,
          whyOrdersFunctionCannotRun(),
          () ->
              new DemoData(
                  base,
                  admin.token("storefront-service", List.of(), List.of("aftersales/orders.write")),
                  admin.token("warehouse-1", List.of("warehouse"), List.of()),
                  console),
          console);
    }
    TryIt.print(base, admin, dataDir, consoleIsTerminal, console);
  }

  /** Why the demo data can't be seeded through OrdersFunction, or null when it can. */
  private String whyOrdersFunctionCannotRun() {
    if (!functions.has("OrdersFunction")) {
      return "is not in the template";
    }
    String reason = functions.get("OrdersFunction").unavailableReason();
    return reason == null ? null : "can't run: " + reason;
  }

  private Path prepareDataDir() {
    Path dataDir = options.dataDir();
    try {
      if (options.fresh() && Files.exists(dataDir)) {
        if (!Files.exists(dataDir.resolve(DATA_DIR_MARKER))) {
          throw new IllegalStateException(
              "--fresh would delete " + dataDir + ", which is not a local stack data dir");
        }
        LambdaFunction.deleteRecursively(dataDir);
      }
      Files.createDirectories(dataDir);
      Path marker = dataDir.resolve(DATA_DIR_MARKER);
      if (!Files.exists(marker)) {
        Files.writeString(
            marker,
            "data of ./run-local.sh: DynamoDB tables, S3 objects, the JWT signing key; delete freely\n");
      }
      return dataDir;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot prepare the data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The audience the local tokens carry: the template's {@code JwtAudience} default, else
   * "aftersales".
   */
  private String audience() {
    JsonNode parameter = template.root().path("Parameters").path("JwtAudience").path("Default");
    return parameter.isMissingNode() ? "aftersales" : parameter.asText().split(",")[0].strip();
  }

  /**
   * {@code run-local.sh invoke}: through the running stack when there is one on the port, else with
   * servers of its own.
   */
  private static int invoke(LocalOptions options, SamTemplate template) {
    String functionId = options.arguments().get(0);
    template.function(functionId);
    Path eventFile = options.root().resolve(options.arguments().get(1));
    byte[] event;
    try {
      event = Files.readAllBytes(eventFile);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the event file " + eventFile);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    URI running = URI.create("http://127.0.0.1:" + options.port() + "/_local/");
    try {
      http.send(
          HttpRequest.newBuilder(running.resolve("health")).build(),
          HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(running.resolve("functions/" + functionId + "/invocations"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode result = JSON.readTree(response.body());
      System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      return result.path("status").asText().equals("ok") ? 0 : 1;
    } catch (IOException noStackRunning) {
      // no stack on the port: run the function with servers of our own below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    LocalOptions quiet =
        new LocalOptions(
            "invoke",
            options.arguments(),
            options.port(),
            false,
            options.dataDir(),
            options.root(),
            options.template(),
            options.parameters(),
            false,
            false,
            java.util.Optional.empty());
    // Like `sam local invoke`: the function's logs on stderr, only the result on stdout.
    PrintStream result = System.out;
    System.setOut(System.err);
    try (LocalStack stack = new LocalStack(quiet, template, System.err)) {
      stack.startForInvoke();
      LambdaFunction.Invocation invocation = stack.functions.invoke(functionId, event);
      stack.functions.log(
          "invoke " + eventFile.getFileName(),
          functionId,
          invocation.failed() ? "error" : "ok",
          invocation);
      result.println(LocalAdminEndpoints.describe(invocation).toPrettyString());
      return invocation.failed() ? 1 : 0;
    } finally {
      System.setOut(result);
    }
  }

  private void startForInvoke() {
    Path dataDir = checkEnvironmentAndPrepareDataDir();
    functions = new LocalFunctions(template, dataDir.resolve("functions"), console);
    startServersWithResources(dataDir, notification -> {});
  }

  private Path checkEnvironmentAndPrepareDataDir() {
    List<String> mismatches = LocalEnvironment.mismatches(template, System.getenv());
    if (!mismatches.isEmpty()) {
      throw new IllegalStateException(
          "this process's environment is not the functions' environment (start the stack with "
              + "./run-local.sh, which sets it from template.yaml):\n  - "
              + String.join("\n  - ", mismatches));
    }
    return prepareDataDir();
  }

  /**
   * Starts the servers (s3rver creates the buckets with their CORS rules) and creates the tables.
   */
  private void startServersWithResources(Path dataDir, Consumer<JsonNode> s3Events) {
    Map<String, Path> buckets = new LinkedHashMap<>();
    template
        .resourcesOfType("AWS::S3::Bucket")
        .forEach(
            (id, properties) -> {
              String name = template.names().ref(id);
              buckets.put(
                  name, LocalResources.writeCors(dataDir, name, properties, template.names()));
            });
    URI dynamo = dynamoDbEndpoint(options, System.getenv());
    URI s3 = s3Endpoint(options, System.getenv());
    URI ses = sesEndpoint(options, System.getenv());
    servers =
        LocalServers.start(
            new LocalServers.Settings(
                options.root().resolve("local/servers"),
                dataDir,
                dynamo.getPort(),
                s3.getPort(),
                true,
                buckets,
                ses.getPort()),
            s3Events);
    template
        .resourcesOfType("AWS::DynamoDB::Table")
        .forEach(
            (id, properties) -> {
              String name = template.names().ref(id);
              boolean created = LocalResources.createTable(dynamo, name, properties);
              console.println(
                  "DynamoDB table "
                      + name
                      + (created ? " created" : " kept from " + dataDir)
                      + " at "
                      + dynamo);
            });
    buckets.keySet().forEach(name -> console.println("S3 bucket " + name + " at " + s3));
    console.println(
        "SES inbox (emails the functions sent, kept in memory until the stack stops): "
            + servers.sesEndpoint()
            + "/  (JSON: "
            + servers.sesEndpoint()
            + "/store)");
  }

  /**
   * The DynamoDB server's endpoint: {@code AWS_ENDPOINT_URL_DYNAMODB} when set, else port {@code
   * --port} + 1, so it is the same on every start of the stack on that port.
   */
  static URI dynamoDbEndpoint(LocalOptions options, Map<String, String> environment) {
    return endpoint(environment.get("AWS_ENDPOINT_URL_DYNAMODB"), options.port() + 1);
  }

  /**
   * The S3 server's endpoint: {@code AWS_ENDPOINT_URL_S3} when set, else port {@code --port} + 2:
   * presigned URLs printed before a restart of the stack still reach it afterwards.
   */
  static URI s3Endpoint(LocalOptions options, Map<String, String> environment) {
    return endpoint(environment.get("AWS_ENDPOINT_URL_S3"), options.port() + 2);
  }

  /**
   * The SES server's endpoint: {@code AWS_ENDPOINT_URL_SESV2} when set, else port {@code --port} +
   * 3, so the inbox link printed at start stays the same between runs.
   */
  static URI sesEndpoint(LocalOptions options, Map<String, String> environment) {
    return endpoint(environment.get("AWS_ENDPOINT_URL_SESV2"), options.port() + 3);
  }

  /**
   * The local bus's PutEvents endpoint: {@code AWS_ENDPOINT_URL_EVENTBRIDGE} when set, else port
   * {@code --port} + 4.
   */
  static URI eventBridgeEndpoint(LocalOptions options, Map<String, String> environment) {
    return endpoint(environment.get("AWS_ENDPOINT_URL_EVENTBRIDGE"), options.port() + 4);
  }

  private static URI endpoint(String value, int port) {
    return value == null || value.isBlank()
        ? URI.create("http://127.0.0.1:" + port)
        : URI.create(value);
  }

  @Override
  public synchronized void close() {
    if (schedules != null) {
      schedules.close();
      schedules = null;
    }
    if (bus != null) {
      bus.close();
      bus = null;
    }
    if (api != null) {
      api.close();
      api = null;
    }
    if (servers != null) {
      servers.close();
      servers = null;
    }
    if (functionLogs != null) {
      functionLogs.close();
      functionLogs = null;
    }
  }
}
