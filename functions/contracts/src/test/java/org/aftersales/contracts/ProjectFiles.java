package org.aftersales.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.aftersales.localaws.ProjectRoot;

/**
 * Where the files under contract are, from the repository root ({@link ProjectRoot}); all of them
 * are in the repository. The SAM schema is vendored in this module's test resources.
 */
final class ProjectFiles {

  private ProjectFiles() {}

  static Path root() {
    return ProjectRoot.find();
  }

  static Path template() {
    return root().resolve("template.yaml");
  }

  static Path openApi() {
    return root().resolve("openapi.yaml");
  }

  /** openapi.yaml read as plain YAML. */
  static JsonNode openApiDocument() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(openApi().toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + openApi(), e);
    }
  }

  /** The SAM project's schema, vendored with its licence in src/test/resources/sam. */
  static Path samSchema() {
    return resource("/sam/sam.schema.json");
  }

  /** A test fixture under src/test/resources/fixtures. */
  static Path fixture(String name) {
    return resource("/fixtures/" + name);
  }

  private static Path resource(String name) {
    try {
      return Path.of(ProjectFiles.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test resource " + name, e);
    }
  }
}
