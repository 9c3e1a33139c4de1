package org.aftersales.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * The two in-process performance measurements in one command: the warm path at 50 lines ({@link
 * WarmHandlers}: every warm scenario, the 50-line ones with their floors and the split between SDK
 * calls and our code) and the auto-cancel cost at 1,000 and 10,000 orders ({@link AutoCancelCost}).
 * Prints the Markdown tables and writes the raw output under {@code benchmarks/results/<UTC
 * timestamp>-warm-autocancel/}: {@code machine.txt}, {@code load.txt} ({@code uptime} before and
 * after each part), {@code warm-handlers.txt}, {@code autocancel-cost.txt}. Run from the repository
 * root.
 *
 * <p>Usage: {@code WarmPathAndAutoCancelBench [warm-up] [measured] [auto-cancel order lines]}
 * (default 300 1000 2).
 */
public final class WarmPathAndAutoCancelBench {

  private WarmPathAndAutoCancelBench() {}

  public static void main(String[] args) throws IOException {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int lines = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path out =
        WarmHandlers.projectRoot().resolve("benchmarks/results/" + stamp + "-warm-autocancel");
    Files.createDirectories(out);
    Files.writeString(
        out.resolve("machine.txt"),
        Machine.describe()
            + "\n"
            + "code "
            + code()
            + "\n"
            + "java.home "
            + System.getProperty("java.home")
            + "\n"
            + "args warm-up "
            + warmup
            + ", measured "
            + measured
            + ", auto-cancel order lines "
            + lines
            + "\n",
        UTF_8);
    step(out, "warm-handlers", o -> WarmHandlers.report(o, warmup, measured, ""));
    step(out, "autocancel-cost", o -> AutoCancelCost.report(o, lines, List.of(1_000, 10_000)));
    System.out.println("raw output in " + WarmHandlers.projectRoot().relativize(out));
  }

  /** The commit measured, from git (the command runs from the repository root). */
  private static String code() {
    String commit = run("git", "rev-parse", "--short", "HEAD");
    if (commit.isEmpty()) {
      return "unknown (not a git checkout)";
    }
    return run("git", "status", "--porcelain", "--untracked-files=no").isEmpty()
        ? commit
        : commit + " with uncommitted changes";
  }

  /**
   * Runs one part with its output on stdout and in {@code <name>.txt}, the load noted around it.
   */
  private static void step(Path out, String name, Consumer<PrintStream> part) throws IOException {
    load(out, "start " + name);
    try (OutputStream file = Files.newOutputStream(out.resolve(name + ".txt"));
        PrintStream both = new PrintStream(new Tee(System.out, file), true, UTF_8)) {
      part.accept(both);
    }
    load(out, "end   " + name);
  }

  private static void load(Path out, String what) throws IOException {
    String line = Instant.now() + " " + what + "; uptime: " + uptime() + "\n";
    System.out.print(line);
    Files.writeString(
        out.resolve("load.txt"), line, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String uptime() {
    String uptime = run("uptime");
    return uptime.isEmpty() ? "uptime gave nothing; load " + Machine.loadAverage() : uptime;
  }

  /** A command's output, stripped; empty when it can not be run or fails. */
  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), UTF_8).strip();
      return p.waitFor() == 0 ? text : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }

    @Override
    public void close() throws IOException {
      second.close();
      first.flush();
    }
  }
}
