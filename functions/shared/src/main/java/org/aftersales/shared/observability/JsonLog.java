package org.aftersales.shared.observability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.aftersales.shared.json.Json;

/**
 * Structured logs: one JSON object per line on stdout (CloudWatch Logs keeps each line as one
 * event). Every line has {@code time}, {@code level}, {@code message}, {@code service}, {@code
 * function} and, during an invocation, {@code requestId} and {@code route}.
 *
 * <p>NO personal data: never a request or response body, a name, an address, an email. Extra
 * fields are for ids, statuses, counts and durations only. Error lines carry the exception
 * class, its message and stack trace, so only bugs (5xx) should log an exception: a client's
 * bad input is logged by its problem code. Not thread-safe across invocations (Lambda runs one
 * invocation per JVM at a time).
 */
public final class JsonLog {

  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  private final PrintStream out;
  private final Clock clock;
  private final String service;
  private String function;
  private String requestId;
  private String route;

  public JsonLog(PrintStream out, Clock clock, String service, String function) {
    this.out = out;
    this.clock = clock;
    this.service = service;
    this.function = function;
  }

  /** Logs to stdout, service and function name from the Lambda environment. */
  public static JsonLog fromEnvironment() {
    return new JsonLog(
        System.out,
        Clock.systemUTC(),
        Environment.serviceName(),
        System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local"));
  }

  /** Sets the fields every line of the current invocation carries. */
  public void beginInvocation(String requestId, String route, String functionName) {
    this.requestId = requestId;
    this.route = route;
    if (functionName != null) {
      this.function = functionName;
    }
  }

  public void endInvocation() {
    this.requestId = null;
    this.route = null;
  }

  public void info(String message, Map<String, ?> fields) {
    write(Level.INFO, message, fields, null);
  }

  public void warn(String message, Map<String, ?> fields) {
    write(Level.WARN, message, fields, null);
  }

  /** An error with its exception class, message and stack trace. */
  public void error(String message, Map<String, ?> fields, Throwable error) {
    write(Level.ERROR, message, fields, error);
  }

  public void write(Level level, String message, Map<String, ?> fields, Throwable error) {
    ObjectNode line = Json.object();
    line.put("time", clock.instant().toString());
    line.put("level", level.name());
    line.put("message", message);
    line.put("service", service);
    line.put("function", function);
    if (requestId != null) {
      line.put("requestId", requestId);
    }
    if (route != null) {
      line.put("route", route);
    }
    fields.forEach((name, value) -> line.set(name, Json.MAPPER.valueToTree(value)));
    if (error != null) {
      line.put("errorClass", error.getClass().getName());
      line.put("errorMessage", String.valueOf(error.getMessage()));
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      line.put("stackTrace", trace.toString());
    }
    // One println of a String: the line is written whole, never interleaved.
    out.println(Json.write(line));
  }
}
