package org.aftersales.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code LocalStack} (and so of {@code ./run-local.sh}): a command — {@code
 * serve} (default), {@code env} (print the process environment the stack needs, as shell exports)
 * or {@code invoke FunctionLogicalId EVENT_FILE} — and the options {@code --port N} (HTTP API,
 * default 3000), {@code --fresh} (wipe the data dir first), {@code --data-dir DIR} (default {@code
 * .local-data}), {@code --root DIR} (the repository, default the working dir), {@code --template
 * FILE} (default {@code ROOT/template.yaml}), {@code --parameter Name=Value} (repeatable, a
 * template parameter's local value, like SAM's {@code --parameter-overrides}), {@code --no-seed}
 * {@code --verbose-logs} (the functions' JSON logs and EMF metrics on the console instead of in
 * {@code DATA_DIR/logs/functions.log}) and {@code --webhook URL} (every event of the bus POSTed
 * there as JSON, with the store webhook's retries; {@code http://} allowed locally).
 */
public record LocalOptions(
    String command,
    List<String> arguments,
    int port,
    boolean fresh,
    Path dataDir,
    Path root,
    Path template,
    Map<String, String> parameters,
    boolean seed,
    boolean verboseLogs,
    Optional<URI> webhook) {

  public static final String USAGE =
      """
            usage: ./run-local.sh [--port N] [--fresh] [--data-dir DIR] [--no-seed] [--verbose-logs] [--parameter Name=Value]... [--webhook URL]
                   ./run-local.sh invoke <FunctionLogicalId> events/<FunctionLogicalId>/<case>.json [--port N]
            """;

  public static LocalOptions parse(String... args) {
    String command = "serve";
    List<String> arguments = new ArrayList<>();
    int port = 3000;
    boolean fresh = false;
    boolean seed = true;
    boolean verboseLogs = false;
    Path dataDir = null;
    Path root = Path.of("").toAbsolutePath();
    Path template = null;
    Map<String, String> parameters = new LinkedHashMap<>();
    URI webhook = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
        case "--fresh" -> fresh = true;
        case "--no-seed" -> seed = false;
        case "--verbose-logs" -> verboseLogs = true;
        case "--webhook" -> webhook = webhook(value(args, ++i, arg));
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "--root" -> root = Path.of(value(args, ++i, arg)).toAbsolutePath();
        case "--template" -> template = Path.of(value(args, ++i, arg));
        case "--parameter" -> {
          String assignment = value(args, ++i, arg);
          int equals = assignment.indexOf('=');
          if (equals < 1) {
            throw new IllegalArgumentException(
                "--parameter needs Name=Value, not " + assignment + "\n" + USAGE);
          }
          parameters.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        case "serve", "env", "invoke" -> {
          if (command.equals("env")) {
            continue; // `env` takes the same command line as the stack and reads only its options
          }
          if (!arguments.isEmpty() || !command.equals("serve")) {
            throw new IllegalArgumentException("unexpected " + arg + "\n" + USAGE);
          }
          command = arg;
        }
        default -> {
          if (arg.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
          }
          arguments.add(arg);
        }
      }
    }
    if (command.equals("invoke") && arguments.size() != 2) {
      throw new IllegalArgumentException("invoke needs a function and an event file\n" + USAGE);
    }
    if (command.equals("serve") && !arguments.isEmpty()) {
      throw new IllegalArgumentException("unexpected " + arguments + "\n" + USAGE);
    }
    root = root.normalize();
    return new LocalOptions(
        command,
        List.copyOf(arguments),
        port,
        fresh,
        (dataDir == null ? root.resolve(".local-data") : root.resolve(dataDir)).normalize(),
        root,
        (template == null ? root.resolve("template.yaml") : root.resolve(template)).normalize(),
        Map.copyOf(parameters),
        seed,
        verboseLogs,
        Optional.ofNullable(webhook));
  }

  private static URI webhook(String url) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException("--webhook needs an http(s) URL, not " + url + "\n" + USAGE);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[index];
  }
}
