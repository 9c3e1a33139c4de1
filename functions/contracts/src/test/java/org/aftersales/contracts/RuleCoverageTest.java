package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every rule of POLICY.md ({@code **CAN-3 …**}) has a test named after it in the policy module, as
 * a test method ({@code CAN_3_…}) or a display name / label ({@code "CAN-3 …"}), so {@code grep -r
 * CAN-3 functions/policy/src/test} finds it. Skipped when POLICY.md is not beside the repository.
 */
class RuleCoverageTest {

  private static final Pattern RULE_DEFINITION =
      Pattern.compile("\\*\\*((?:GEN|CAN|RET|DOA|CHG|NOF)-\\d+)");

  @Test
  void everyRuleOfThePolicyHasATestNamedAfterIt() {
    Path policy = ProjectFiles.root().resolve("../shared/POLICY.md").normalize();
    Assumptions.assumeTrue(
        Files.isRegularFile(policy), () -> "POLICY.md not found at " + policy + ": skipped");

    Set<String> rules = ruleIds(read(policy));
    String tests = testSources(ProjectFiles.root().resolve("functions/policy/src/test/java"));

    assertThat(rules).hasSizeGreaterThan(30);
    assertThat(untested(rules, tests))
        .as("rules of POLICY.md without a test named after them")
        .isEmpty();
  }

  @Test
  void aRuleWithoutATestIsReported() {
    String tests =
        """
                @DisplayName("CAN-3 overdue and unshipped can be cancelled")
                void CAN_1_unprocessed_can_be_cancelled() {}
                """;

    assertThat(untested(ruleIds("**CAN-1 …** **CAN-3 …** **CAN-9 …**"), tests))
        .containsExactly("CAN-9");
  }

  static Set<String> ruleIds(String policyText) {
    Set<String> ids = new TreeSet<>();
    Matcher matcher = RULE_DEFINITION.matcher(policyText);
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return ids;
  }

  static List<String> untested(Set<String> rules, String testSources) {
    List<String> missing = new ArrayList<>();
    for (String rule : rules) {
      Pattern named = Pattern.compile("\"" + rule + "\\b|\\bvoid " + rule.replace('-', '_') + "_");
      if (!named.matcher(testSources).find()) {
        missing.add(rule);
      }
    }
    return missing;
  }

  private static String testSources(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      StringBuilder all = new StringBuilder();
      files
          .filter(f -> f.toString().endsWith(".java"))
          .forEach(f -> all.append(read(f)).append('\n'));
      return all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
