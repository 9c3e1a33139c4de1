package org.aftersales.priming;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming (cold start): work that takes a function's request path once — class loading,
 * SDK client set-up, the first connection, JSON parse and write — so that the first request after a
 * restore does not pay for it. The work must write nothing and leave no state: each function primes
 * a second, quiet instance of its handler (logs and metrics to nowhere) on requests that only read.
 *
 * <p>When Lambda initialises the function for SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE =
 * snap-start}) the work is registered as a CRaC {@link Resource} and runs in {@code
 * beforeCheckpoint}, before the snapshot is taken (a failure there fails the snapshot, so a broken
 * request path is not published). Otherwise (on-demand, local runs, the lambda-bench kit) it runs
 * at once, in init; a failure is reported on stderr and does not fail the init. With {@code
 * PRIMING=off} in the environment nothing is primed (the first request pays for everything): for an
 * on-demand function whose cold start should not do more than its first request, and to measure the
 * cold start without priming (docs/benchmarks.md).
 */
public final class Priming implements Resource {

  /** The priming work of one function. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** CRaC contexts may hold resources weakly: these stay reachable until the checkpoint. */
  private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

  private final Work work;

  private Priming(Work work) {
    this.work = work;
  }

  /** Runs {@code work} before the SnapStart snapshot, or now when not initialised for SnapStart. */
  public static void beforeSnapshot(Work work) {
    beforeSnapshot(
        work,
        System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"),
        System.getenv("PRIMING"),
        Core::getGlobalContext);
  }

  /**
   * As {@link #beforeSnapshot(Work)}, with the environment's two settings and the CRaC context the
   * work is registered with under SnapStart (the runtime's global one; read only then).
   */
  static void beforeSnapshot(
      Work work,
      String initializationType,
      String setting,
      Supplier<? extends Context<Resource>> checkpoints) {
    if ("off".equals(setting)) {
      return;
    }
    Priming priming = new Priming(work);
    if ("snap-start".equals(initializationType)) {
      REGISTERED.add(priming);
      checkpoints.get().register(priming);
      return;
    }
    try {
      work.run();
    } catch (Exception | LinkageError e) {
      System.err.println("priming failed (the first request pays for it): " + e);
    }
  }

  /**
   * Hands each event (payload JSON) to {@code handler}, discarding its responses, as the runtime
   * would with no {@code Context}.
   */
  public static void invoke(RequestStreamHandler handler, String... events) throws Exception {
    for (String event : events) {
      handler.handleRequest(
          new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
          OutputStream.nullOutputStream(),
          null);
    }
  }

  /** The text of a classpath resource of {@code owner}'s module, such as a priming event. */
  public static String resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name + " beside " + owner.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
    work.run();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: clients read credentials from the environment on each use.
  }
}
