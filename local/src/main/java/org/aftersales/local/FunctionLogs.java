package org.aftersales.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the functions' own logs go while the stack serves. A function writes its JSON log lines and
 * EMF metrics to standard output, as in Lambda (where they go to CloudWatch); every function runs
 * in the stack's JVM, so that is the stack's {@code System.out}. By default it is redirected to
 * {@code DATA_DIR/logs/functions.log} (appended, one JSON object a line), so the console keeps one
 * human line per invocation; with {@code --verbose-logs} they stay on the console instead. Standard
 * error is left alone (a function's stack traces and warnings stay in sight). Side effects: {@link
 * System#setOut} until {@link #close}, the log file.
 */
final class FunctionLogs implements AutoCloseable {

  static final Path FILE = Path.of("logs", "functions.log");

  private final PrintStream previous;
  private final PrintStream file;
  private final Path path;

  private FunctionLogs(PrintStream previous, PrintStream file, Path path) {
    this.previous = previous;
    this.file = file;
    this.path = path;
  }

  /**
   * Redirects {@code System.out} to {@code DATA_DIR/logs/functions.log}; when {@code verbose},
   * leaves it on the console.
   */
  static FunctionLogs redirect(Path dataDir, boolean verbose) {
    PrintStream previous = System.out;
    if (verbose) {
      return new FunctionLogs(previous, null, null);
    }
    Path path = dataDir.resolve(FILE);
    try {
      Files.createDirectories(path.getParent());
      PrintStream file =
          new PrintStream(
              Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
              true,
              StandardCharsets.UTF_8);
      System.setOut(file);
      return new FunctionLogs(previous, file, path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** The console line that says where the logs are. */
  String describe() {
    return file == null
        ? "Function logs (JSON lines, EMF metrics): on this console (--verbose-logs)"
        : "Function logs (JSON lines, EMF metrics): "
            + path
            + " (./run-local.sh --verbose-logs shows them here instead)";
  }

  @Override
  public void close() {
    if (file != null) {
      System.setOut(previous);
      file.close();
    }
  }
}
