package org.aftersales.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.localaws.LocalNames;
import org.aftersales.localaws.LocalServers;

/**
 * The process environment the local stack's JVM must have. A JVM can't give each class loader its
 * own environment, and the functions read their configuration with {@code System.getenv} as in
 * Lambda, so every function's template environment (Globals + its own, {@code Ref}s resolved to
 * local names) must be the same and is set once for the whole process — by {@code run-local.sh},
 * which evaluates the output of the {@code env} command before starting the stack — together with
 * the local endpoints ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_S3}, {@code
 * AWS_ENDPOINT_URL_SESV2}, {@code AWS_ENDPOINT_URL_EVENTBRIDGE}), region, the {@code S3RVER}
 * credentials (dynalite accepts any) and the local servers' SDK call budget ({@code
 * SDK_CALL_BUDGET_MS}). Assumption, checked at start: no two functions give one variable different
 * values, and the process has exactly these values.
 */
public final class LocalEnvironment {

  private LocalEnvironment() {}

  /**
   * The variables and values the stack's process needs for {@code template} with these server
   * endpoints.
   */
  public static Map<String, String> required(
      SamTemplate template, URI dynamoEndpoint, URI s3Endpoint, URI sesEndpoint) {
    return required(template, dynamoEndpoint, s3Endpoint, sesEndpoint, freeLoopbackEndpoint());
  }

  /**
   * Like {@link #required(SamTemplate, URI, URI, URI)}, with the local bus's PutEvents endpoint.
   */
  public static Map<String, String> required(
      SamTemplate template,
      URI dynamoEndpoint,
      URI s3Endpoint,
      URI sesEndpoint,
      URI eventBridgeEndpoint) {
    Map<String, String> required = new LinkedHashMap<>();
    List<String> conflicts = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      function
          .environment()
          .forEach(
              (name, value) -> {
                String earlier = required.putIfAbsent(name, value);
                if (earlier != null && !earlier.equals(value)) {
                  conflicts.add(
                      name
                          + " is '"
                          + earlier
                          + "' for one function and '"
                          + value
                          + "' for "
                          + function.logicalId());
                }
              });
    }
    if (!conflicts.isEmpty()) {
      throw new IllegalStateException(
          "the local stack runs every function in one process, so they must share one environment; "
              + "the template gives different values: "
              + String.join("; ", conflicts));
    }
    required.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString());
    required.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
    required.put("AWS_ENDPOINT_URL_SESV2", sesEndpoint.toString());
    required.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridgeEndpoint.toString());
    required.put("AWS_REGION", LocalNames.REGION);
    required.put("AWS_DEFAULT_REGION", LocalNames.REGION);
    required.put("AWS_ACCESS_KEY_ID", LocalServers.ACCESS_KEY);
    required.put("AWS_SECRET_ACCESS_KEY", LocalServers.SECRET_KEY);
    required.put(CALL_BUDGET, callBudgetMillis(System.getenv()));
    return required;
  }

  /** The functions' SDK call budget variable (shared's {@code CallBudget}, whole call in ms). */
  static final String CALL_BUDGET = "SDK_CALL_BUDGET_MS";

  /** The stack's budget when the caller sets none: shared's {@code CallBudget.LOCAL_SERVERS}. */
  static final String LOCAL_CALL_BUDGET_MS = "28000";

  /**
   * The functions' SDK call budget: {@code SDK_CALL_BUDGET_MS} as the caller set it (to measure
   * with Lambda's 2800, say; the functions refuse a value that is not milliseconds at start), else
   * ten times Lambda's — local servers share the developer's machine, and a loaded laptop must not
   * turn a slow answer into a 503.
   */
  static String callBudgetMillis(Map<String, String> process) {
    String set = process.get(CALL_BUDGET);
    return set == null || set.isBlank() ? LOCAL_CALL_BUDGET_MS : set.strip();
  }

  /**
   * Each function's template variables that the process lacks or has with another value, as
   * messages.
   */
  public static List<String> mismatches(SamTemplate template, Map<String, String> process) {
    List<String> mismatches = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      function
          .environment()
          .forEach(
              (name, value) -> {
                String actual = process.get(name);
                if (!value.equals(actual)) {
                  mismatches.add(
                      function.logicalId()
                          + " needs "
                          + name
                          + "='"
                          + value
                          + "' but the process has "
                          + (actual == null ? "none" : "'" + actual + "'"));
                }
              });
    }
    for (String name :
        List.of(
            "AWS_ENDPOINT_URL_DYNAMODB",
            "AWS_ENDPOINT_URL_S3",
            "AWS_ENDPOINT_URL_SESV2",
            "AWS_ENDPOINT_URL_EVENTBRIDGE",
            "AWS_REGION",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY")) {
      if (process.get(name) == null) {
        mismatches.add(name + " is not set");
      }
    }
    return mismatches;
  }

  /** {@code export NAME='value'} lines for a POSIX shell. */
  public static String exports(Map<String, String> variables) {
    StringBuilder lines = new StringBuilder();
    variables.forEach(
        (name, value) ->
            lines
                .append("export ")
                .append(name)
                .append("='")
                .append(value.replace("'", "'\\''"))
                .append("'\n"));
    return lines.toString();
  }

  /** A loopback endpoint on a port that is free now. */
  public static URI freeLoopbackEndpoint() {
    return URI.create("http://127.0.0.1:" + LocalServers.freeLoopbackPort());
  }
}
