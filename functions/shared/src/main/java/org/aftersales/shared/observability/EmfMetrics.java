package org.aftersales.shared.observability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.shared.json.Json;

/**
 * Metrics in CloudWatch Embedded Metric Format: collected during an invocation, then {@link
 * #flush()}ed once as JSON lines on stdout, which CloudWatch turns into metrics with no API call:
 *
 * <pre>{"_aws": {"Timestamp": 1764165600000, "CloudWatchMetrics": [{"Namespace": "AfterSales",
 *   "Dimensions": [["Service"]], "Metrics": [{"Name": "Latency", "Unit": "Milliseconds"}]}]},
 *  "Service": "aftersales", "Latency": 12}</pre>
 *
 * Namespace from {@code METRICS_NAMESPACE}, dimension {@code Service} from {@code SERVICE_NAME}. A
 * metric recorded more than once in an invocation is written as an array of values. At most 100
 * metrics per line (the EMF limit); more are split over several lines. Not thread-safe (one
 * invocation per JVM at a time).
 */
public final class EmfMetrics {

  /** The CloudWatch units this project uses. */
  public enum Unit {
    COUNT("Count"),
    MILLISECONDS("Milliseconds"),
    SECONDS("Seconds"),
    BYTES("Bytes"),
    NONE("None");

    private final String cloudWatchName;

    Unit(String cloudWatchName) {
      this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
      return cloudWatchName;
    }
  }

  static final int MAX_METRICS_PER_LINE = 100;

  private record Metric(Unit unit, List<Double> values) {}

  private final PrintStream out;
  private final Clock clock;
  private final String namespace;
  private final String service;
  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final Map<String, String> properties = new LinkedHashMap<>();

  public EmfMetrics(PrintStream out, Clock clock, String namespace, String service) {
    this.out = out;
    this.clock = clock;
    this.namespace = namespace;
    this.service = service;
  }

  public static EmfMetrics fromEnvironment() {
    return new EmfMetrics(
        System.out, Clock.systemUTC(), Environment.metricsNamespace(), Environment.serviceName());
  }

  /** Records a value; a name keeps the unit it was first recorded with. */
  public void put(String name, double value, Unit unit) {
    metrics.computeIfAbsent(name, n -> new Metric(unit, new ArrayList<>())).values().add(value);
  }

  public void count(String name) {
    put(name, 1, Unit.COUNT);
  }

  /** A searchable field of the metric line that is not a dimension (an id, never personal data). */
  public void property(String name, String value) {
    properties.put(name, value);
  }

  /** Writes what was recorded since the last flush, then forgets it. Writes nothing if empty. */
  public void flush() {
    try {
      if (metrics.isEmpty()) {
        return;
      }
      List<Map.Entry<String, Metric>> all = new ArrayList<>(metrics.entrySet());
      for (int from = 0; from < all.size(); from += MAX_METRICS_PER_LINE) {
        out.println(
            Json.write(line(all.subList(from, Math.min(all.size(), from + MAX_METRICS_PER_LINE)))));
      }
    } finally {
      metrics.clear();
      properties.clear();
    }
  }

  private ObjectNode line(List<Map.Entry<String, Metric>> chunk) {
    ObjectNode line = Json.object();
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    directive.putArray("Dimensions").addArray().add("Service");
    ArrayNode definitions = directive.putArray("Metrics");
    line.put("Service", service);
    properties.forEach(line::put);
    for (Map.Entry<String, Metric> entry : chunk) {
      Metric metric = entry.getValue();
      definitions
          .addObject()
          .put("Name", entry.getKey())
          .put("Unit", metric.unit().cloudWatchName());
      if (metric.values().size() == 1) {
        putNumber(line, entry.getKey(), metric.values().getFirst());
      } else {
        ArrayNode values = line.putArray(entry.getKey());
        metric.values().forEach(v -> addNumber(values, v));
      }
    }
    return line;
  }

  private static void putNumber(ObjectNode line, String name, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      line.put(name, (long) value);
    } else {
      line.put(name, value);
    }
  }

  private static void addNumber(ArrayNode values, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      values.add((long) value);
    } else {
      values.add(value);
    }
  }
}
