package org.aftersales.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aftersales.localaws.ProjectRoot;
import org.aftersales.shared.json.Json;

/**
 * The event catalogue as the tests hold it (MSG-1, docs/events.md): an event checked against its
 * type's JSON Schema ({@code docs/events/schemas/<type>.json}), and the first real event of each
 * type a test run keeps as the catalogue's example ({@code target/event-examples/<type>.json}, from
 * which docs/events.md's examples are copied). Safe to share between test threads.
 */
public final class EventCatalogue {

  private final Map<String, JsonNode> examples = new TreeMap<>();

  /** The schema violations of {@code event} against {@code type}'s schema; empty when valid. */
  public static List<String> errors(String type, JsonNode event) {
    Path file = ProjectRoot.find().resolve("docs/events/schemas/" + type + ".json");
    try (InputStream in = Files.newInputStream(file)) {
      Schema schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
      return schema.validate(event).stream().map(Error::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps {@code event} as the example of {@code type} unless one is kept already. */
  public synchronized void keep(String type, JsonNode event) {
    examples.putIfAbsent(type, event);
  }

  /** Writes the examples kept to the module's {@code target/event-examples/}. */
  public synchronized void write() throws IOException {
    Path dir = Path.of("target", "event-examples");
    Files.createDirectories(dir);
    for (var e : examples.entrySet()) {
      Files.writeString(
          dir.resolve(e.getKey() + ".json"),
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(e.getValue()));
    }
  }
}
