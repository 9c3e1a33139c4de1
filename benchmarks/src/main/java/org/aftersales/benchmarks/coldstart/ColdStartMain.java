package org.aftersales.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tiny main a cold-start run starts in a fresh JVM, on the classpath of an unpacked Lambda zip:
 * what the Java runtime does on a cold start, minus its polling loop.
 *
 * <ul>
 *   <li>no argument: prints {@code @@READY} at once (the bare JVM start, the floor);
 *   <li>{@code <handler-class>}: loads and constructs the handler with its no-arg constructor
 *       (Lambda's init phase: static init, clients, policy book), then prints {@code @@READY};
 *   <li>{@code <handler-class> <event-file> <order-id>}: init, then one invocation of the event
 *       (with {@code o-1001} replaced by the order id), then prints {@code @@RESPONSE <json>}.
 * </ul>
 *
 * The handler reads its settings from the environment, as in Lambda; its log and metric lines go to
 * stdout before the marker line.
 */
public final class ColdStartMain {

  private ColdStartMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    if (args.length == 0) {
      out.println("\n@@READY");
      out.flush();
      return;
    }
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    if (args.length == 1) {
      out.println("\n@@READY " + handler.getClass().getName());
      out.flush();
      return;
    }
    byte[] event =
        Files.readString(Path.of(args[1]))
            .replace("o-1001", args[2])
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), response, null);
    out.println("\n@@RESPONSE " + response.toString(StandardCharsets.UTF_8));
    out.flush();
  }
}
