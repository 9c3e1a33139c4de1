package org.aftersales.shared.observability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.aftersales.shared.json.Json;
import org.junit.jupiter.api.Test;

class JsonLogTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final JsonLog log =
      new JsonLog(
          new PrintStream(out, true, UTF_8),
          Clock.fixed(Instant.parse("2026-11-26T13:20:00Z"), ZoneOffset.UTC),
          "aftersales",
          "OrdersFunction");

  private JsonNode line(int index) throws Exception {
    return Json.MAPPER.readTree(out.toString(UTF_8).lines().toList().get(index));
  }

  @Test
  void a_line_carries_time_level_service_function_and_the_invocation_context() throws Exception {
    log.beginInvocation("r-1", "POST /orders/{orderId}/cancellation", null);
    log.info("refund granted", Map.of("orderId", "o-1", "amount", 1999));
    log.endInvocation();
    log.warn("after", Map.of());

    JsonNode first = line(0);
    assertThat(first.path("time").asText()).isEqualTo("2026-11-26T13:20:00Z");
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("message").asText()).isEqualTo("refund granted");
    assertThat(first.path("service").asText()).isEqualTo("aftersales");
    assertThat(first.path("function").asText()).isEqualTo("OrdersFunction");
    assertThat(first.path("requestId").asText()).isEqualTo("r-1");
    assertThat(first.path("route").asText()).isEqualTo("POST /orders/{orderId}/cancellation");
    assertThat(first.path("orderId").asText()).isEqualTo("o-1");
    assertThat(first.path("amount").asInt()).isEqualTo(1999);
    assertThat(line(1).has("requestId")).isFalse();
    assertThat(line(1).path("level").asText()).isEqualTo("WARN");
  }

  @Test
  void an_error_line_has_class_message_and_stack_trace_on_one_line() throws Exception {
    log.error("unexpected error", Map.of(), new IllegalStateException("boom\nsecond line"));

    assertThat(out.toString(UTF_8).lines()).hasSize(1);
    JsonNode line = line(0);
    assertThat(line.path("level").asText()).isEqualTo("ERROR");
    assertThat(line.path("errorClass").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.path("errorMessage").asText()).isEqualTo("boom\nsecond line");
    assertThat(line.path("stackTrace").asText()).contains("JsonLogTest");
  }
}
