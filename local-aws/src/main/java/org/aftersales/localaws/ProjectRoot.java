package org.aftersales.localaws;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root, where {@code template.yaml}, {@code events/} and {@code local/servers} are:
 * the {@code aftersales.root} system property (the build sets it for every test JVM), else the
 * nearest ancestor of the working directory holding {@code template.yaml}. Reads only.
 */
public final class ProjectRoot {

  private ProjectRoot() {}

  public static Path find() {
    String configured = System.getProperty("aftersales.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (no template.yaml above "
            + Path.of("").toAbsolutePath()
            + "): set -Daftersales.root or run from inside the repository");
  }
}
