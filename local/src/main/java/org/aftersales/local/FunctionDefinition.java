package org.aftersales.local;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of the template with Globals applied and intrinsic
 * functions resolved to local names: handler class and method, the packaged zip, its environment
 * and its events (HTTP routes, S3 subscriptions, schedules), and how often Lambda retries a failed
 * asynchronous invocation ({@code EventInvokeConfig.MaximumRetryAttempts}, 2 by default).
 */
public record FunctionDefinition(
    String logicalId,
    String handlerClass,
    String handlerMethod,
    Path codeZip,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    List<HttpRoute> routes,
    List<S3Subscription> s3Events,
    List<ScheduleDefinition> schedules,
    int asyncRetryAttempts) {

  public FunctionDefinition {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    routes = List.copyOf(routes);
    s3Events = List.copyOf(s3Events);
    schedules = List.copyOf(schedules);
  }
}
