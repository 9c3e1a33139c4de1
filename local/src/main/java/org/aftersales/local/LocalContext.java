package org.aftersales.local;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.aftersales.localaws.LocalNames;

/**
 * The Lambda {@code Context} of one local invocation. The {@code Context} and {@code LambdaLogger}
 * interfaces come from each function's own {@code lib/aws-lambda-java-core} jar (its class loader),
 * so {@link #asContext} implements them with a dynamic proxy over these values. The logger prints
 * to standard output, prefixed with the function's name, like the function's other logs ({@link
 * FunctionLogs}).
 */
public record LocalContext(
    String awsRequestId, String functionName, int memoryLimitMb, Instant deadline) {

  public String logGroupName() {
    return "/aws/lambda/" + functionName;
  }

  public String invokedFunctionArn() {
    return "arn:aws:lambda:"
        + LocalNames.REGION
        + ":"
        + LocalNames.ACCOUNT_ID
        + ":function:"
        + functionName;
  }

  /**
   * This context as an instance of {@code contextInterface} (the function's {@code
   * com.amazonaws.services.lambda.runtime.Context}).
   */
  public Object asContext(Class<?> contextInterface) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "getAwsRequestId" -> awsRequestId;
              case "getLogGroupName" -> logGroupName();
              case "getLogStreamName" -> "local/" + awsRequestId;
              case "getFunctionName" -> functionName;
              case "getFunctionVersion" -> "$LATEST";
              case "getInvokedFunctionArn" -> invokedFunctionArn();
              case "getRemainingTimeInMillis" ->
                  (int) Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
              case "getMemoryLimitInMB" -> memoryLimitMb;
              case "getLogger" -> logger(method.getReturnType());
              default -> objectMethodOrDefault(proxy, method, args);
            };
    return Proxy.newProxyInstance(
        contextInterface.getClassLoader(), new Class<?>[] {contextInterface}, handler);
  }

  private Object logger(Class<?> loggerInterface) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("log") && args != null && args.length == 1) {
            String line =
                args[0] instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.UTF_8)
                    : String.valueOf(args[0]);
            System.out.println("[" + functionName + "] " + line.stripTrailing());
            return null;
          }
          return objectMethodOrDefault(proxy, method, args);
        };
    return Proxy.newProxyInstance(
        loggerInterface.getClassLoader(), new Class<?>[] {loggerInterface}, handler);
  }

  private Object objectMethodOrDefault(Object proxy, Method method, Object[] args)
      throws Throwable {
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    return switch (method.getName()) {
      case "toString" -> "LocalContext[" + functionName + " " + awsRequestId + "]";
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default -> null;
    };
  }
}
