package org.aftersales.shared.observability;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.aftersales.shared.json.Json;

/**
 * Structured logs: one JSON object per line on stdout (CloudWatch Logs keeps each line as one
 * event). Every line has {@code time}, {@code level}, {@code message}, {@code service}, {@code
 * function} and, during an invocation, {@code requestId} and {@code route}.
 *
 * <p>NO personal data: never a request or response body, a name, an address, an email. Extra fields
 * are for ids, statuses, counts and durations only. Error lines carry the exception class, its
 * message and stack trace (JSON parser messages withheld, as they quote the input), so only bugs
 * (5xx) should log an exception: a client's bad input is logged by its problem code. Not
 * thread-safe across invocations (Lambda runs one invocation per JVM at a time).
 */
public final class JsonLog {

  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /**
   * Frames kept per exception in a stack trace: enough to find the bug, short enough for one log
   * event.
   */
  static final int MAX_FRAMES = 60;

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
      line.put("errorMessage", safeMessage(error));
      line.put("stackTrace", stackTrace(error));
    }
    // One println of a String: the line is written whole, never interleaved.
    out.println(Json.write(line));
  }

  /**
   * The exception's message, except for JSON parser errors: theirs quote the input they choked on
   * (a body), so only the location is kept.
   */
  static String safeMessage(Throwable error) {
    if (error instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      return "[JSON error message withheld: it may quote the input]"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    return String.valueOf(error.getMessage());
  }

  /** Like {@link Throwable#printStackTrace()}, with {@link #safeMessage} for every cause. */
  static String stackTrace(Throwable error) {
    StringBuilder trace = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (t != error) {
        trace.append("Caused by: ");
      }
      trace.append(t.getClass().getName()).append(": ").append(safeMessage(t)).append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
        trace.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > MAX_FRAMES) {
        trace.append("\t... ").append(frames.length - MAX_FRAMES).append(" more\n");
      }
    }
    return trace.toString();
  }
}
