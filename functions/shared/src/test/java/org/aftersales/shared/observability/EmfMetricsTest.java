package org.aftersales.shared.observability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.aftersales.shared.json.Json;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T13:20:00Z"), ZoneOffset.UTC);
  private final EmfMetrics metrics =
      new EmfMetrics(new PrintStream(out, true, UTF_8), clock, "AfterSales", "aftersales");

  private List<JsonNode> lines() {
    return out.toString(UTF_8)
        .lines()
        .map(
            l -> {
              try {
                return Json.MAPPER.readTree(l);
              } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
              }
            })
        .toList();
  }

  @Test
  void writes_one_embedded_metric_format_line() {
    metrics.put("RefundsPastDue", 3, EmfMetrics.Unit.COUNT);
    metrics.put("Latency", 12.5, EmfMetrics.Unit.MILLISECONDS);
    metrics.property("requestId", "r-1");

    metrics.flush();

    assertThat(lines()).hasSize(1);
    assertThat(lines().getFirst())
        .isEqualTo(
            Json.MAPPER.valueToTree(
                java.util.Map.of(
                    "_aws",
                    java.util.Map.of(
                        "Timestamp",
                        1795699200000L,
                        "CloudWatchMetrics",
                        List.of(
                            java.util.Map.of(
                                "Namespace",
                                "AfterSales",
                                "Dimensions",
                                List.of(List.of("Service")),
                                "Metrics",
                                List.of(
                                    java.util.Map.of("Name", "RefundsPastDue", "Unit", "Count"),
                                    java.util.Map.of("Name", "Latency", "Unit", "Milliseconds"))))),
                    "Service",
                    "aftersales",
                    "requestId",
                    "r-1",
                    "RefundsPastDue",
                    3,
                    "Latency",
                    12.5)));
  }

  @Test
  void a_metric_recorded_twice_is_an_array_of_values_and_flush_forgets() {
    metrics.count("ReturnsAuthorized");
    metrics.count("ReturnsAuthorized");

    metrics.flush();
    metrics.flush();

    assertThat(lines()).hasSize(1);
    assertThat(lines().getFirst().path("ReturnsAuthorized")).isEqualTo(Json.array().add(1).add(1));
  }

  @Test
  void nothing_recorded_writes_nothing() {
    metrics.flush();

    assertThat(out.size()).isZero();
  }

  @Test
  void more_than_100_metrics_are_split_over_lines() {
    for (int i = 0; i < 150; i++) {
      metrics.count("M" + i);
    }

    metrics.flush();

    assertThat(lines()).hasSize(2);
    assertThat(lines().get(0).path("_aws").path("CloudWatchMetrics").get(0).path("Metrics"))
        .hasSize(100);
    assertThat(lines().get(1).path("_aws").path("CloudWatchMetrics").get(0).path("Metrics"))
        .hasSize(50);
    assertThat(lines().get(1).path("M149").asInt()).isEqualTo(1);
    assertThat(lines().get(1).has("M0")).isFalse();
  }
}
