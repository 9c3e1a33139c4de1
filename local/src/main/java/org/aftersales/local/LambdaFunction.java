package org.aftersales.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One function of the template running like its own Lambda: its packaged zip unpacked under the
 * data dir, a {@link URLClassLoader} over the classes root and {@code lib/*.jar} whose parent is
 * the platform class loader (so it sees only the JDK and its own jars, never the local stack's or
 * another function's classes), and as many execution environments as invocations arrive side by
 * side (up to {@link #MAX_ENVIRONMENTS}): each its own class loader and handler instance, created
 * on its first invocation (a cold start), then reused warm, one invocation at a time, as Lambda
 * does. Side effects: unpacks the zip (again when it is newer than the unpacked copy).
 */
public final class LambdaFunction {

  /** What an invocation produced: the handler's output, or the error Lambda would report. */
  /**
   * Thrown (as an invocation's error) when the function's package or handler class isn't built yet.
   */
  public static final class NotRunnableException extends IllegalStateException {
    public NotRunnableException(String message) {
      super(message);
    }
  }

  public record Invocation(byte[] output, Throwable error, Duration duration, boolean coldStart) {
    public boolean failed() {
      return error != null;
    }
  }

  /**
   * How many execution environments of one function may run side by side: Lambda starts another
   * environment (a cold start) when every warm one is busy; locally they are capped to bound
   * memory.
   */
  public static final int MAX_ENVIRONMENTS = 8;

  private final FunctionDefinition definition;
  private final Path unpackDir;
  private final Object unpacking = new Object();
  private final ReentrantLock pool = new ReentrantLock();
  private final Condition released = pool.newCondition();
  private final Deque<Environment> idle = new ArrayDeque<>();
  private int environments;

  public LambdaFunction(FunctionDefinition definition, Path functionsDir) {
    this.definition = definition;
    this.unpackDir = functionsDir.resolve(definition.logicalId());
  }

  public FunctionDefinition definition() {
    return definition;
  }

  /**
   * Why this function can't run yet (zip not built, handler class not in it), or null when it can.
   */
  public String unavailableReason() {
    Path zip = definition.codeZip();
    if (!Files.isRegularFile(zip)) {
      return "its package " + zip + " is not built yet (./mvnw -pl local -am package -DskipTests)";
    }
    String classEntry = definition.handlerClass().replace('.', '/') + ".class";
    try (ZipFile file = new ZipFile(zip.toFile())) {
      if (file.getEntry(classEntry) == null) {
        return "its package "
            + zip.getFileName()
            + " has no handler class "
            + definition.handlerClass()
            + " yet";
      }
    } catch (IOException e) {
      return "its package " + zip + " is unreadable: " + e.getMessage();
    }
    return null;
  }

  /** How many execution environments have been started (each one a cold start). */
  public int environments() {
    pool.lock();
    try {
      return environments;
    } finally {
      pool.unlock();
    }
  }

  /**
   * Runs one invocation in an idle environment, in a new one (a cold start) when all are busy and
   * fewer than {@link #MAX_ENVIRONMENTS} exist, else waits for one: invocations of one function run
   * side by side as in Lambda, each environment one at a time.
   */
  public Invocation invoke(byte[] event, String requestId) {
    Environment environment = acquire();
    boolean cold = environment.handler == null;
    Instant start = Instant.now();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Throwable error = null;
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try {
      if (cold) {
        environment.load();
      }
      // The SDK and ServiceLoader look at the context class loader, as they would see the
      // runtime's in Lambda.
      thread.setContextClassLoader(environment.loader);
      LocalContext context =
          new LocalContext(
              requestId,
              definition.logicalId(),
              definition.memoryMb(),
              start.plusSeconds(definition.timeoutSeconds()));
      environment.handlerMethod.invoke(
          environment.handler,
          new ByteArrayInputStream(event),
          output,
          context.asContext(environment.contextInterface));
    } catch (InvocationTargetException e) {
      error = e.getCause();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      error = e;
    } finally {
      thread.setContextClassLoader(previous);
      release(environment);
    }
    return new Invocation(
        output.toByteArray(),
        error,
        Duration.between(start, Instant.now()),
        cold && environment.handler != null);
  }

  private Environment acquire() {
    pool.lock();
    try {
      while (idle.isEmpty() && environments >= MAX_ENVIRONMENTS) {
        released.awaitUninterruptibly();
      }
      if (!idle.isEmpty()) {
        return idle.pop(); // the most recently used: warm environments are reused first
      }
      environments++;
      return new Environment();
    } finally {
      pool.unlock();
    }
  }

  private void release(Environment environment) {
    pool.lock();
    try {
      if (environment.handler == null) {
        environments--; // its cold start failed: the next invocation tries a new one
      } else {
        idle.push(environment);
      }
      released.signal();
    } finally {
      pool.unlock();
    }
  }

  /** One execution environment: its own class loader (static state) and handler instance. */
  private final class Environment {
    private URLClassLoader loader;
    private Object handler;
    private Method handlerMethod;
    private Class<?> contextInterface;

    private void load() throws ReflectiveOperationException {
      String reason = unavailableReason();
      if (reason != null) {
        throw new NotRunnableException(definition.logicalId() + " can't run: " + reason);
      }
      synchronized (unpacking) {
        unpack();
      }
      List<URL> urls = new ArrayList<>();
      try {
        urls.add(unpackDir.toUri().toURL());
        Path lib = unpackDir.resolve("lib");
        if (Files.isDirectory(lib)) {
          try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
              urls.add(jar.toUri().toURL());
            }
          }
        }
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      URLClassLoader created =
          new URLClassLoader(
              definition.logicalId(),
              urls.toArray(URL[]::new),
              ClassLoader.getPlatformClassLoader());
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(
          created); // static initialisers (clients built once per JVM) run now
      try {
        contextInterface =
            Class.forName("com.amazonaws.services.lambda.runtime.Context", false, created);
        Class<?> handlerClass = Class.forName(definition.handlerClass(), true, created);
        handlerMethod =
            handlerClass.getMethod(
                definition.handlerMethod(),
                InputStream.class,
                OutputStream.class,
                contextInterface);
        loader = created;
        handler = handlerClass.getDeclaredConstructor().newInstance();
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }

  private void unpack() {
    Path zip = definition.codeZip();
    Path marker = unpackDir.resolve(".unpacked-from");
    try {
      if (Files.exists(marker)
          && Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(zip)) >= 0) {
        return;
      }
      deleteRecursively(unpackDir);
      Files.createDirectories(unpackDir);
      try (ZipFile file = new ZipFile(zip.toFile())) {
        for (ZipEntry entry : file.stream().toList()) {
          Path target = unpackDir.resolve(entry.getName()).normalize();
          if (!target.startsWith(unpackDir)) {
            throw new IOException("zip entry outside its folder: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            try (InputStream in = file.getInputStream(entry)) {
              Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      }
      Files.writeString(marker, zip.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + zip + " into " + unpackDir, e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
