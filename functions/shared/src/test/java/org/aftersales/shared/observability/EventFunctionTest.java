package org.aftersales.shared.observability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.aftersales.shared.json.Json;
import org.junit.jupiter.api.Test;

/** The skeleton of a non-HTTP function: log context, output, one EMF flush with Latency. */
class EventFunctionTest {

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(stdout, true, UTF_8);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T14:00:00Z"), ZoneOffset.UTC);
  private final JsonLog log = new JsonLog(out, clock, "aftersales", "TestFunction");
  private final EmfMetrics metrics = new EmfMetrics(out, clock, "AfterSales", "aftersales");

  /** Logs one line and counts one metric, then answers or fails as told. */
  private final class Probe extends EventFunction {
    private final RuntimeException failure;

    Probe(RuntimeException failure) {
      super("schedule", EventFunctionTest.this.log, EventFunctionTest.this.metrics);
      this.failure = failure;
    }

    @Override
    protected JsonNode handle(JsonNode event, Context context) {
      log.info("working", Map.of());
      metrics.count("Worked");
      if (failure != null) {
        throw failure;
      }
      return Json.object().put("seen", event.path("id").asText());
    }
  }

  private String invoke(Probe probe, String event) throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    probe.handleRequest(new ByteArrayInputStream(event.getBytes(UTF_8)), output, null);
    return output.toString(UTF_8);
  }

  private List<JsonNode> lines() throws Exception {
    return stdout.toString(UTF_8).lines().map(this::json).toList();
  }

  private JsonNode json(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError(line, e);
    }
  }

  @Test
  void answers_the_work_output_and_flushes_its_metrics_with_latency_once() throws Exception {
    String output = invoke(new Probe(null), "{\"id\": \"ev-1\"}");

    assertThat(json(output).path("seen").asText()).isEqualTo("ev-1");
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("requestId").asText()).isEqualTo("ev-1");
    assertThat(lines.get(0).path("route").asText()).isEqualTo("schedule");
    JsonNode emf = lines.get(1);
    assertThat(emf.path("Worked").asInt()).isEqualTo(1);
    assertThat(emf.has("Latency")).isTrue();
  }

  @Test
  void a_failure_is_logged_rethrown_and_the_metrics_still_flushed() throws Exception {
    IllegalStateException broken = new IllegalStateException("store down");

    assertThatThrownBy(() -> invoke(new Probe(broken), "{}")).isSameAs(broken);

    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1).path("level").asText()).isEqualTo("ERROR");
    assertThat(lines.get(1).path("requestId").asText()).isEqualTo("unknown");
    assertThat(lines.get(2).has("Latency")).isTrue();
    assertThat(lines.get(2).path("Worked").asInt()).isEqualTo(1);

    log.info("after", Map.of());
    assertThat(lines().getLast().has("requestId")).as("the log context is closed").isFalse();
  }
}
