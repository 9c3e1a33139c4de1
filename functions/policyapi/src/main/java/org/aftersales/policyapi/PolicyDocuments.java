package org.aftersales.policyapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every policy version as {@code GET /policy} shows it, rendered at build time ({@link
 * RenderPolicyDocuments}) into {@link #RESOURCE}: one line per version, oldest first, {@code
 * <effectiveFrom as epoch milliseconds> TAB <version> TAB <document JSON>}. Reading it needs
 * neither the policy book's parser nor {@code java.time} (cold start: the policy endpoint near
 * hello-world); picking a version is GEN-7's rule ({@code PolicyBook.inForceAt}), which {@code
 * PolicyHandlerTest} checks against the book at every boundary.
 */
final class PolicyDocuments {

  static final String RESOURCE = "policy-documents.txt";

  private final long[] effectiveFrom;
  private final String[] versions;
  private final String[] documents;

  private PolicyDocuments(List<String> lines) {
    effectiveFrom = new long[lines.size()];
    versions = new String[lines.size()];
    documents = new String[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split("\t", 3);
      effectiveFrom[i] = Long.parseLong(fields[0]);
      versions[i] = fields[1];
      documents[i] = fields[2];
    }
    if (lines.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " holds no policy version");
    }
  }

  /** The documents rendered into this module's classes at build time. */
  static PolicyDocuments load() {
    try (InputStream in = PolicyDocuments.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing: it is written by the build (process-classes)");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PolicyDocuments parse(BufferedReader text) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = text.readLine(); line != null; line = text.readLine()) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return new PolicyDocuments(lines);
  }

  /** GEN-7: the index of the latest version whose effectiveFrom is not after {@code epochMilli}. */
  private int inForceAt(long epochMilli) {
    int found = -1;
    for (int i = 0; i < effectiveFrom.length; i++) {
      if (effectiveFrom[i] <= epochMilli) {
        found = i;
      }
    }
    if (found < 0) {
      throw new IllegalStateException(
          "GEN-7: no policy version was in force at epoch millisecond " + epochMilli);
    }
    return found;
  }

  String version(long epochMilli) {
    return versions[inForceAt(epochMilli)];
  }

  String document(long epochMilli) {
    return documents[inForceAt(epochMilli)];
  }
}
