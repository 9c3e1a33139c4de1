package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aftersales.local.fixture.EchoHandler;
import org.aftersales.local.fixture.FixtureZip;
import org.aftersales.localaws.CloudFormationYaml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: {@code LocalStack} as its own process (as run-local.sh starts it) on free ports, with
 * the project's template.yaml whose functions are replaced by a fixture function packaged as a
 * Lambda zip (the real handlers don't exist yet), talking HTTP to it and to its S3 server.
 */
class LocalStackIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO =
      Path.of(System.getProperty("aftersales.root", "..")).toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Path root;
  private static Path echoLog;
  private static StackProcess stack;
  private static URI api;
  private static Map<String, String> environment;

  @BeforeAll
  static void startStack() throws Exception {
    root = Files.createTempDirectory("local-stack-it");
    Files.createDirectories(root.resolve("local"));
    Files.createSymbolicLink(root.resolve("local/servers"), REPO.resolve("local/servers"));
    Files.writeString(
        root.resolve("openapi.yaml"),
        "openapi: 3.1.0\ninfo: {title: test, version: '1'}\npaths: {}\n");
    FixtureZip.build(root.resolve("echo-lambda.zip"));
    echoLog = root.resolve("echo.log");
    Files.writeString(root.resolve("template.yaml"), testTemplate().toPrettyString());
    stack =
        StackProcess.start(
            root.resolve("template.yaml"),
            Map.of("StorefrontOrigin", "http://localhost:5173"),
            "--root",
            root.toString(),
            "--no-seed");
    api = stack.api();
    environment = stack.environment();
  }

  /**
   * The project's template with its functions replaced by the echo fixture (HTTP routes, S3 event,
   * schedule) and one unbuilt function.
   */
  private static ObjectNode testTemplate() {
    ObjectNode template = (ObjectNode) CloudFormationYaml.read(REPO.resolve("template.yaml"));
    ObjectNode resources = (ObjectNode) template.get("Resources");
    List<String> functions =
        resources.properties().stream()
            .filter(
                r ->
                    r.getValue().path("Type").asText().startsWith("AWS::Serverless::Function")
                        || r.getValue().path("Type").asText().equals("AWS::Logs::LogGroup"))
            .map(Map.Entry::getKey)
            .toList();
    functions.forEach(resources::remove);
    ((ObjectNode) template.with("Globals").with("Function").with("Environment").with("Variables"))
        .put("ECHO_LOG", echoLog.toString());
    ObjectNode echo = resources.putObject("EchoFunction").put("Type", "AWS::Serverless::Function");
    ObjectNode properties =
        echo.putObject("Properties")
            .put("CodeUri", "echo-lambda.zip")
            .put("Handler", EchoHandler.class.getName() + "::handleRequest");
    ObjectNode events = properties.putObject("Events");
    events
        .putObject("Get")
        .put("Type", "HttpApi")
        .putObject("Properties")
        .put("Method", "GET")
        .put("Path", "/echo/{id}")
        .putObject("ApiId")
        .put("Ref", "AfterSalesHttpApi");
    ObjectNode settle =
        events
            .putObject("Settle")
            .put("Type", "HttpApi")
            .putObject("Properties")
            .put("Method", "POST")
            .put("Path", "/echo/{id}/settlement");
    settle.putObject("ApiId").put("Ref", "AfterSalesHttpApi");
    settle.putObject("Auth").putArray("AuthorizationScopes").add("aftersales/refunds.settle");
    ObjectNode open =
        events
            .putObject("Open")
            .put("Type", "HttpApi")
            .putObject("Properties")
            .put("Method", "GET")
            .put("Path", "/open");
    open.putObject("ApiId").put("Ref", "AfterSalesHttpApi");
    open.putObject("Auth").put("Authorizer", "NONE");
    ObjectNode upload =
        events
            .putObject("Upload")
            .put("Type", "S3")
            .putObject("Properties")
            .put("Events", "s3:ObjectCreated:*");
    upload.putObject("Bucket").put("Ref", "EvidenceBucket");
    upload
        .putObject("Filter")
        .putObject("S3Key")
        .putArray("Rules")
        .addObject()
        .put("Name", "prefix")
        .put("Value", "claims/");
    events
        .putObject("Daily")
        .put("Type", "Schedule")
        .putObject("Properties")
        .put("Schedule", "rate(1 day)");
    ObjectNode missing =
        resources.putObject("MissingFunction").put("Type", "AWS::Serverless::Function");
    ObjectNode missingProperties =
        missing
            .putObject("Properties")
            .put("CodeUri", "missing-lambda.zip")
            .put("Handler", "org.example.Missing");
    missingProperties
        .putObject("Events")
        .putObject("Get")
        .put("Type", "HttpApi")
        .putObject("Properties")
        .put("Method", "GET")
        .put("Path", "/missing")
        .putObject("ApiId")
        .put("Ref", "AfterSalesHttpApi");
    return template;
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
    LambdaFunction.deleteRecursively(root); // the servers symlink is removed, not followed
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return stack.send(method, path, token, body);
  }

  private static String token(String body) throws Exception {
    HttpResponse<String> response = send("POST", "/_local/tokens", null, body);
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).path("token").asText();
  }

  @Test
  void serves_the_repository_openapi_yaml() throws Exception {
    HttpResponse<String> response = send("GET", "/openapi.yaml", null, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Files.readString(root.resolve("openapi.yaml")));
  }

  @Test
  void issues_tokens_that_the_authorizer_accepts_and_the_function_sees_as_claims()
      throws Exception {
    String agent = token("{\"sub\":\"agent-1\",\"groups\":[\"care-agents\"]}");

    HttpResponse<String> response = send("GET", "/echo/o%201?x=1", agent, null);

    assertThat(response.statusCode()).as(stack.output()).isEqualTo(200);
    JsonNode event = JSON.readTree(response.body());
    assertThat(event.path("routeKey").asText()).isEqualTo("GET /echo/{id}");
    assertThat(event.at("/pathParameters/id").asText()).isEqualTo("o 1");
    assertThat(event.at("/queryStringParameters/x").asText()).isEqualTo("1");
    assertThat(event.at("/requestContext/authorizer/jwt/claims/sub").asText()).isEqualTo("agent-1");
    assertThat(event.at("/requestContext/authorizer/jwt/claims/cognito:groups").asText())
        .isEqualTo("[care-agents]");
    assertThat(event.at("/requestContext/authorizer/jwt/claims/iss").asText())
        .isEqualTo(LocalStack.ISSUER);
    // the function ran in its own class loader, with the template's environment
    assertThat(response.headers().firstValue("x-loader")).contains("EchoFunction");
    assertThat(response.headers().firstValue("x-sees-local-stack")).contains("false");
    assertThat(response.headers().firstValue("x-table-name")).contains("AfterSalesTable");
    stack.awaitOutput("GET /echo/{id} → EchoFunction 200");
  }

  @Test
  void refuses_a_request_without_token_or_with_a_bad_one_with_401() throws Exception {
    assertThat(send("GET", "/echo/1", null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/echo/1", "not.a.token", null).statusCode()).isEqualTo(401);
    assertThat(send("POST", "/_local/tokens", null, "{\"groups\":[]}").statusCode()).isEqualTo(400);
  }

  @Test
  void refuses_a_token_without_the_route_scope_with_403() throws Exception {
    String customer = token("{\"sub\":\"c-1\"}");
    String payment =
        token("{\"sub\":\"payment-integration\",\"scopes\":[\"aftersales/refunds.settle\"]}");

    assertThat(send("POST", "/echo/rf-1/settlement", customer, "{}").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/echo/rf-1/settlement", payment, "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void public_routes_need_no_token_unknown_routes_are_404_and_unbuilt_functions_503()
      throws Exception {
    HttpResponse<String> open = send("GET", "/open", null, null);
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(open.body()).path("requestContext").has("authorizer")).isFalse();

    assertThat(send("GET", "/nowhere", null, null).statusCode()).isEqualTo(404);

    HttpResponse<String> missing = send("GET", "/missing", token("{\"sub\":\"c-1\"}"), null);
    assertThat(missing.statusCode()).isEqualTo(503);
    assertThat(missing.body()).contains("MissingFunction", "missing-lambda.zip");
  }

  @Test
  void an_object_created_under_the_prefix_triggers_the_function_with_its_key_encoded()
      throws Exception {
    URI s3 = URI.create(environment.get("AWS_ENDPOINT_URL_S3"));
    String bucket = "aftersales-evidence-000000000000-us-east-1";
    // s3rver accepts unsigned PUTs (see local/servers/README.md); enough to make it emit events
    for (String key : List.of("other/ignored.txt", "claims/c%201/PROBLEM/u-1")) {
      HttpResponse<String> put =
          HTTP.send(
              HttpRequest.newBuilder(s3.resolve("/" + bucket + "/" + key))
                  .PUT(HttpRequest.BodyPublishers.ofString("evidence"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    String delivered = waitForEchoLogLine("claims/c+1/PROBLEM/u-1");

    JsonNode record = JSON.readTree(delivered).path("Records").path(0);
    assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
    assertThat(record.at("/s3/bucket/name").asText()).isEqualTo(bucket);
    assertThat(record.at("/s3/object/size").asInt()).isEqualTo(8);
    assertThat(Files.readString(echoLog)).doesNotContain("other/ignored.txt");
  }

  @Test
  void a_schedule_fires_on_demand_with_a_scheduled_event() throws Exception {
    HttpResponse<String> response = send("POST", "/_local/schedules/EchoFunction", null, null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode invocation = JSON.readTree(response.body()).path("invocations").path(0);
    assertThat(invocation.path("status").asText()).isEqualTo("ok");
    JsonNode event = JSON.readTree(invocation.at("/output/body").asText());
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.path("resources").get(0).asText())
        .endsWith(":rule/aftersales-local-EchoFunctionDaily");
    assertThat(send("POST", "/_local/schedules/MissingFunction", null, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void invokes_a_function_with_a_raw_event_like_sam_local_invoke() throws Exception {
    HttpResponse<String> response =
        send("POST", "/_local/functions/EchoFunction/invocations", null, "{\"custom\":true}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).at("/output/body").asText())
        .isEqualTo("{\"custom\":true}");
  }

  @Test
  void answers_cors_preflights_for_the_storefront_origin_given_as_a_parameter_override()
      throws Exception {
    HttpResponse<String> allowed =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve("/echo/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> foreign =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve("/echo/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "GET")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("access-control-allow-origin"))
        .contains("http://localhost:5173");
    assertThat(foreign.statusCode()).isEqualTo(204);
    assertThat(foreign.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void creates_the_template_table_with_its_indexes_on_the_local_dynamodb() throws Exception {
    String amzDate = "20260101T000000Z";
    HttpResponse<String> describe =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(environment.get("AWS_ENDPOINT_URL_DYNAMODB")))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .header("X-Amz-Date", amzDate)
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=S3RVER/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=x")
                .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"AfterSalesTable\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(describe.statusCode()).as(describe.body()).isEqualTo(200);
    JsonNode table = JSON.readTree(describe.body()).path("Table");
    assertThat(table.path("TableStatus").asText()).isEqualTo("ACTIVE");
    assertThat(table.path("GlobalSecondaryIndexes").findValuesAsText("IndexName"))
        .containsExactlyInAnyOrder("ByOrder", "ByStatus", "Unshipped", "Outbox", "UnpaidChanges");
  }

  @Test
  void invocations_of_one_function_run_side_by_side_as_in_lambda() throws Exception {
    String customer = token("{\"sub\":\"c-1\"}");
    // Each waits (up to 10 s) until the other is inside the function too.
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<String>>> both =
          List.of(
              clients.submit(() -> send("GET", "/echo/together", customer, null)),
              clients.submit(() -> send("GET", "/echo/together", customer, null)));

      for (Future<HttpResponse<String>> response : both) {
        assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(response.get().headers().firstValue("x-together")).contains("2");
      }
    }
  }

  @Test
  void tokens_go_to_an_owner_only_file_not_to_an_output_that_is_no_terminal() throws Exception {
    Path tokens = root.resolve(".local-data/tokens.env"); // no tokens in log files

    assertThat(stack.output()).contains(tokens.toString()).doesNotContain("eyJ");
    assertThat(Files.readString(tokens)).contains("export CUSTOMER=eyJ", "export AGENT=eyJ");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)))
        .isEqualTo("rw-------");
  }

  @Test
  void a_body_over_10_mb_is_413_as_api_gateway_answers() throws Exception {
    String customer = token("{\"sub\":\"c-1\"}");
    String tenMegabytes = "x".repeat(10 * 1024 * 1024);

    // At the limit the request goes on (to the authorizer: the route needs a scope it lacks).
    assertThat(send("POST", "/echo/rf-1/settlement", customer, tenMegabytes).statusCode())
        .isEqualTo(403);
    HttpResponse<String> tooLarge =
        send("POST", "/echo/rf-1/settlement", customer, tenMegabytes + "x");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
  }

  @Test
  void bad_percent_encoding_in_the_path_or_query_is_a_problem_400() throws Exception {
    String customer = token("{\"sub\":\"c-1\"}");
    for (String path : List.of("/echo/o%C3%28", "/echo/1?x=%E0%A4", "/nowhere%FF")) {
      HttpResponse<String> response = send("GET", path, customer, null);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.headers().firstValue("content-type"))
          .contains("application/problem+json");
      JsonNode problem = JSON.readTree(response.body());
      assertThat(problem.path("status").asInt()).isEqualTo(400);
      assertThat(problem.path("code").asText()).isEqualTo("invalid-request");
      assertThat(problem.path("detail").asText()).as(path).isNotBlank();
    }
    assertThat(send("GET", "/echo/o%201", customer, null).statusCode()).isEqualTo(200);
    // '%' without two hex digits: java.net.URI (of every Java client, and of the JDK's HTTP server)
    // refuses it, so it is sent by hand; the server answers 400 before the stack sees it.
    try (Socket socket = new Socket(api.getHost(), api.getPort())) {
      socket
          .getOutputStream()
          .write(
              "GET /echo/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 400 ");
    }
  }

  @Test
  void a_dead_server_is_reported_and_started_again_on_its_port_and_data() throws Exception {
    URI s3 = URI.create(environment.get("AWS_ENDPOINT_URL_S3"));
    URI kept = s3.resolve("/aftersales-evidence-000000000000-us-east-1/kept/before-the-crash.txt");
    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(kept)
                        .PUT(HttpRequest.BodyPublishers.ofString("kept"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);

    stack.killChild("dynalite");
    stack.killChild("s3rver.js");
    stack.killChild("aws-ses-v2-local");
    HttpResponse<String> degraded = send("GET", "/_local/health", null, null);
    assertThat(degraded.statusCode()).as(degraded.body()).isEqualTo(503);
    assertThat(JSON.readTree(degraded.body()).path("status").asText()).isEqualTo("degraded");

    JsonNode health = awaitHealthy();
    Map<String, String> restarts = new TreeMap<>();
    health
        .path("servers")
        .forEach(
            server -> restarts.put(server.path("name").asText(), server.path("restarts").asText()));
    Set<String> killed = Set.of("dynamodb", "s3", "ses");
    assertThat(restarts.keySet()).containsAll(killed);
    assertThat(restarts)
        .as("the killed servers restarted once, any other never")
        .allSatisfy(
            (name, count) -> assertThat(count).isEqualTo(killed.contains(name) ? "1" : "0"));
    assertThat(health.path("servers").findValuesAsText("endpoint"))
        .containsExactly(
            environment.get("AWS_ENDPOINT_URL_DYNAMODB"),
            s3.toString(),
            environment.get("AWS_ENDPOINT_URL_SESV2"));
    HttpResponse<String> after =
        HTTP.send(HttpRequest.newBuilder(kept).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("kept");
    creates_the_template_table_with_its_indexes_on_the_local_dynamodb(); // its data dir, kept
    stack.awaitOutput("DynamoDB server (dynalite) died; starting it again on");
    stack.awaitOutput("SES server (aws-ses-v2-local) died; starting it again on");
  }

  private static JsonNode awaitHealthy() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      HttpResponse<String> health = send("GET", "/_local/health", null, null);
      if (health.statusCode() == 200 || Instant.now().isAfter(deadline)) {
        assertThat(health.statusCode()).as(health.body() + "\n" + stack.output()).isEqualTo(200);
        return JSON.readTree(health.body());
      }
      Thread.sleep(100);
    }
  }

  private static String waitForEchoLogLine(String needle) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(echoLog)) {
        for (String line : Files.readAllLines(echoLog)) {
          if (line.contains(needle)) {
            return line;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no event with " + needle + " reached the function; stack output:\n" + stack.output());
  }
}
