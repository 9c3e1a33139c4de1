package org.aftersales.policyapi;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;

/**
 * Build step (process-classes): writes {@link PolicyDocuments#RESOURCE} for the policy book of the
 * {@code policy} module into the given classes directory. Never runs in the function.
 */
public final class RenderPolicyDocuments {

  private RenderPolicyDocuments() {}

  public static void main(String[] args) throws IOException {
    Path out =
        Path.of(args[0], PolicyDocuments.class.getPackageName().replace('.', '/'))
            .resolve(PolicyDocuments.RESOURCE);
    Files.createDirectories(out.getParent());
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      render(PolicyBook.loadDefault(), writer);
    }
  }

  /** One line per version, oldest first (the format {@link PolicyDocuments} reads). */
  static void render(PolicyBook book, Writer out) throws IOException {
    JsonFactory json = new JsonFactory();
    for (PolicyDocument version : book.versions()) {
      out.write(
          version.effectiveFrom().toEpochMilli()
              + "\t"
              + version.version()
              + "\t"
              + PolicyJson.of(version, json)
              + "\n");
    }
  }
}
