package org.aftersales.shared.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests the local DynamoDB and S3 servers ({@link LocalAws}), started once
 * per test JVM and stopped when the JVM's tests are over, failed or not.
 *
 * <p>Use either {@code @ExtendWith(LocalAwsServers.class)} and take a {@link LocalAws} parameter
 * (constructor, lifecycle or test method), or {@code @RegisterExtension static final
 * LocalAwsServers servers = new LocalAwsServers();} and call {@link #aws()} from a test. The
 * instance lives in the root context's store, which closes it after the last test; {@link LocalAws}
 * also registers a shutdown hook.
 *
 * <p>A function module that uses it needs {@code shared}'s test-jar and {@code local-aws} (test
 * scope), and builds with {@code -am} so that {@code local-aws} installs the servers first.
 */
public final class LocalAwsServers implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalAwsServers.class);
  private static final String KEY = "servers";

  private volatile LocalAws aws;

  @Override
  public void beforeAll(ExtensionContext context) {
    aws = running(context);
  }

  /** The servers, once this extension has run its {@code beforeAll}. */
  public LocalAws aws() {
    LocalAws current = aws;
    if (current == null) {
      throw new IllegalStateException(
          "LocalAwsServers has not started yet: register it on a static field or with @ExtendWith");
    }
    return current;
  }

  /** The servers of this test JVM, started on first call. */
  public static LocalAws running(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    LocalAws servers =
        store.getOrComputeIfAbsent(
            KEY,
            key -> {
              LocalAws started = LocalAws.start();
              System.err.println(
                  "LocalAwsServers: "
                      + started.startupTimes()
                      + " (dynamodb "
                      + started.dynamoDbEndpoint()
                      + ", s3 "
                      + started.s3Endpoint()
                      + ")");
              return started;
            },
            LocalAws.class);
    if (!servers.isRunning()) {
      throw new IllegalStateException(
          "the local servers of this JVM have stopped: pids " + servers.serverPids());
    }
    return servers;
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == LocalAws.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return running(extensionContext);
  }
}
