package org.aftersales.local;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Every function of the template as a {@link LambdaFunction}, by logical id, and the console log of
 * invocations: one line each with the trigger (route, S3 key, schedule), function, outcome and
 * duration, plus the stack trace when a handler throws. Side effects: console output.
 */
public final class LocalFunctions {

  private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
  private final PrintStream console;

  public LocalFunctions(SamTemplate template, Path functionsDir, PrintStream console) {
    this.console = console;
    template
        .functions()
        .forEach(
            definition ->
                functions.put(
                    definition.logicalId(), new LambdaFunction(definition, functionsDir)));
  }

  public LambdaFunction get(String logicalId) {
    LambdaFunction function = functions.get(logicalId);
    if (function == null) {
      throw new IllegalArgumentException(
          "no function " + logicalId + " in the template; there are " + functions.keySet());
    }
    return function;
  }

  public boolean has(String logicalId) {
    return functions.containsKey(logicalId);
  }

  /**
   * Invokes a function with an event; logs a handler failure's stack trace (the caller logs the
   * outcome line).
   */
  public LambdaFunction.Invocation invoke(String logicalId, byte[] event) {
    LambdaFunction.Invocation invocation =
        get(logicalId).invoke(event, UUID.randomUUID().toString());
    if (invocation.error() instanceof LambdaFunction.NotRunnableException notRunnable) {
      console.println("[" + logicalId + "] " + notRunnable.getMessage());
    } else if (invocation.failed()) {
      StringWriter trace = new StringWriter();
      invocation.error().printStackTrace(new PrintWriter(trace));
      console.println("[" + logicalId + "] invocation failed: " + trace.toString().stripTrailing());
    }
    return invocation;
  }

  /**
   * One console line per invocation: {@code 14:02:11 PUT /orders/{orderId} → OrdersFunction 201 85
   * ms (cold start)}.
   */
  public void log(
      String trigger, String logicalId, String outcome, LambdaFunction.Invocation invocation) {
    console.println(
        LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
            + " "
            + trigger
            + " → "
            + logicalId
            + " "
            + outcome
            + " "
            + invocation.duration().toMillis()
            + " ms"
            + (invocation.coldStart() ? " (cold start)" : ""));
  }

  /**
   * Invokes a function as Lambda's asynchronous invocations do (EventBridge rules, S3
   * notifications): a failed invocation is tried again up to the function's {@code
   * MaximumRetryAttempts}, each attempt logged under {@code trigger}; {@code afterFailure} runs
   * after each failed attempt. A function that can not run is not tried again.
   */
  public void invokeAsync(String trigger, String logicalId, byte[] event, Runnable afterFailure) {
    int retries = get(logicalId).definition().asyncRetryAttempts();
    for (int attempt = 0; attempt <= retries; attempt++) {
      LambdaFunction.Invocation invocation = invoke(logicalId, event);
      log(
          trigger + (attempt == 0 ? "" : " (retry " + attempt + ")"),
          logicalId,
          invocation.failed() ? "error" : "ok",
          invocation);
      if (!invocation.failed()
          || invocation.error() instanceof LambdaFunction.NotRunnableException) {
        return;
      }
      afterFailure.run();
    }
  }

  /** The first lines of the console: every function and whether it can run yet. */
  public void printStatus() {
    for (LambdaFunction function : functions.values()) {
      String reason = function.unavailableReason();
      console.println(
          "  "
              + function.definition().logicalId()
              + ": "
              + (reason == null ? "ready" : "not runnable — " + reason));
    }
  }
}
