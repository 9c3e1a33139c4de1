package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aftersales.local.fixture.EchoHandler;
import org.aftersales.local.fixture.FixtureZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaFunctionTest {

  private static FunctionDefinition echo(String id, Path zip) {
    return new FunctionDefinition(
        id,
        EchoHandler.class.getName(),
        "handleRequest",
        zip,
        256,
        10,
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        2);
  }

  @Test
  void a_function_runs_from_its_own_zip_in_its_own_class_loader_with_a_lambda_context()
      throws Exception {
    Path zip =
        FixtureZip.build(
            java.nio.file.Files.createTempDirectory("echo").resolve("echo-lambda.zip"));
    LambdaFunction function =
        new LambdaFunction(echo("EchoFunction", zip), zip.getParent().resolve("functions"));

    LambdaFunction.Invocation first =
        function.invoke("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), "req-1");
    LambdaFunction.Invocation second =
        function.invoke("{}".getBytes(StandardCharsets.UTF_8), "req-2");

    assertThat(first.error()).isNull();
    var output = new ObjectMapper().readTree(first.output());
    assertThat(output.path("body").asText()).isEqualTo("{\"hello\":1}");
    assertThat(output.at("/headers/x-loader").asText()).isEqualTo("EchoFunction");
    assertThat(output.at("/headers/x-sees-local-stack").asText()).isEqualTo("false");
    assertThat(output.at("/headers/x-function-name").asText()).isEqualTo("EchoFunction");
    assertThat(output.at("/headers/x-remaining-ms-positive").asText()).isEqualTo("true");
    assertThat(first.coldStart()).isTrue();
    assertThat(second.coldStart()).isFalse();
  }

  @Test
  void two_functions_of_one_zip_get_separate_class_loaders(@TempDir Path dir) throws Exception {
    Path zip = FixtureZip.build(dir.resolve("echo-lambda.zip"));
    LambdaFunction a = new LambdaFunction(echo("A", zip), dir.resolve("functions"));
    LambdaFunction b = new LambdaFunction(echo("B", zip), dir.resolve("functions"));

    var mapper = new ObjectMapper();
    assertThat(
            mapper.readTree(a.invoke(new byte[0], "1").output()).at("/headers/x-loader").asText())
        .isEqualTo("A");
    assertThat(
            mapper.readTree(b.invoke(new byte[0], "2").output()).at("/headers/x-loader").asText())
        .isEqualTo("B");
  }

  @Test
  void a_missing_zip_or_handler_class_is_reported_not_thrown(@TempDir Path dir) throws Exception {
    Path zip = FixtureZip.build(dir.resolve("echo-lambda.zip"));
    LambdaFunction missingZip =
        new LambdaFunction(echo("M", dir.resolve("none.zip")), dir.resolve("functions"));
    LambdaFunction missingClass =
        new LambdaFunction(
            new FunctionDefinition(
                "C",
                "org.example.Nope",
                "handleRequest",
                zip,
                256,
                10,
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                2),
            dir.resolve("functions"));

    assertThat(missingZip.unavailableReason()).contains("is not built yet");
    assertThat(missingClass.unavailableReason()).contains("has no handler class org.example.Nope");
    assertThat(missingClass.invoke(new byte[0], "1").error())
        .isInstanceOf(LambdaFunction.NotRunnableException.class);
  }
}
