package org.aftersales.contracts;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersales.localaws.CloudFormationYaml;

/**
 * Validates a template (already in JSON form, see {@link CloudFormationYaml}) against the SAM
 * project's JSON schema ({@code sam.schema.json}, draft-04) and reduces the raw errors to one line
 * per real problem.
 *
 * <p>The schema matches every resource (and every function event) through an {@code anyOf} over all
 * types, so one typo yields an error per branch (~100). A branch whose own {@code Type} property
 * failed its {@code enum}/{@code pattern} is not the branch the author meant: its errors are
 * dropped, leaving the errors of the branch whose {@code Type} matched, e.g. {@code
 * /Resources/Fn/Properties: property 'Timeoutt' is not defined ...}. When no branch's {@code Type}
 * matched, the one line says the type is unknown. Loading the schema reads the file once;
 * validation has no side effects.
 */
final class SamSchemaCheck {

  /** An anyOf branch in an evaluation path: the prefix up to and including "anyOf/N". */
  private static final Pattern ANY_OF_BRANCH = Pattern.compile("/anyOf/(\\d+)");

  /** After a branch prefix: the branch's own Type property rejected the value. */
  private static final Pattern TYPE_REJECTED =
      Pattern.compile("^(/\\$ref|/allOf/\\d+)*/properties/Type/(enum|pattern)$");

  private final Schema schema;

  private SamSchemaCheck(Schema schema) {
    this.schema = schema;
  }

  static SamSchemaCheck load(Path samSchema) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    try (InputStream in = Files.newInputStream(samSchema)) {
      return new SamSchemaCheck(registry.getSchema(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + samSchema, e);
    }
  }

  /** Every raw error of the validator, unfiltered (for diagnosis and the test of the filter). */
  List<Error> rawErrors(JsonNode template) {
    return schema.validate(template);
  }

  /** One line per problem, "instance location: message", in the validator's order. */
  List<String> problems(JsonNode template) {
    List<Error> errors = rawErrors(template);
    Map<Branch, String> rejected = new LinkedHashMap<>(); // → the Type value it rejected
    for (Error error : errors) {
      String evaluation = error.getEvaluationPath().toString();
      String instance = error.getInstanceLocation().toString();
      if (!instance.endsWith("/Type")) {
        continue;
      }
      Matcher m = ANY_OF_BRANCH.matcher(evaluation);
      while (m.find()) {
        if (TYPE_REJECTED.matcher(evaluation.substring(m.end())).matches()) {
          rejected.put(
              new Branch(
                  evaluation.substring(0, m.start()),
                  m.group(1),
                  instance.substring(0, instance.length() - "/Type".length())),
              textOf(error.getInstanceNode()));
        }
      }
    }

    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> erroredBranches =
        new LinkedHashMap<>(); // anyOf group → branch indexes
    for (Error error : errors) {
      boolean inRejectedBranch = false;
      for (Branch branch : rejected.keySet()) {
        String index = branch.indexOf(error);
        if (index != null) {
          erroredBranches.computeIfAbsent(branch.group(), g -> new LinkedHashSet<>()).add(index);
          inRejectedBranch |= index.equals(branch.index());
        }
      }
      if (!inRejectedBranch) {
        problems.add(error.getInstanceLocation() + ": " + error.getMessage());
      }
    }
    // Every branch that failed had its Type rejected: the Type itself is the problem.
    Map<String, Set<String>> rejectedBranches = new LinkedHashMap<>();
    rejected
        .keySet()
        .forEach(
            b ->
                rejectedBranches
                    .computeIfAbsent(b.group(), g -> new LinkedHashSet<>())
                    .add(b.index()));
    rejected.forEach(
        (branch, type) -> {
          boolean insideRejected =
              rejected.keySet().stream().anyMatch(outer -> outer.encloses(branch));
          if (!insideRejected
              && rejectedBranches.get(branch.group()).equals(erroredBranches.get(branch.group()))) {
            problems.add(branch.instance() + "/Type: '" + type + "' matches no known type");
          }
        });
    return problems.stream().distinct().toList();
  }

  private static String textOf(JsonNode node) {
    return node == null ? "null" : node.isTextual() ? node.asText() : node.toString();
  }

  /** One branch of one anyOf, applied to one instance (the same anyOf serves every resource). */
  private record Branch(String anyOfPath, String index, String instance) {
    String group() {
      return anyOfPath + "@" + instance;
    }

    /** Whether the other branch's anyOf is nested inside this branch. */
    boolean encloses(Branch other) {
      String prefix = anyOfPath + "/anyOf/" + index + "/";
      return other.anyOfPath.startsWith(prefix)
          && (other.instance.equals(instance) || other.instance.startsWith(instance + "/"));
    }

    /** The branch index of this branch's anyOf that the error was found in, or null. */
    String indexOf(Error error) {
      String evaluation = error.getEvaluationPath().toString();
      String at = error.getInstanceLocation().toString();
      if (!evaluation.startsWith(anyOfPath + "/anyOf/")
          || !(at.equals(instance) || at.startsWith(instance + "/"))) {
        return null;
      }
      String rest = evaluation.substring(anyOfPath.length() + "/anyOf/".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? rest : rest.substring(0, slash);
    }
  }
}
