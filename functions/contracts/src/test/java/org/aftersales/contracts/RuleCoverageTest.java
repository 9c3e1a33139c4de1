package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/policy.md is the repository's list of rules: one heading per rule ({@code ### CAN-3 …})
 * followed by its status, {@code **Status:** built …}, {@code partly built …} or {@code not built
 * yet}. This test keeps the page and the code in step, so neither can rot silently:
 *
 * <ul>
 *   <li>every rule has a status;
 *   <li>a built or partly built rule has a test named after it somewhere under {@code
 *       functions/*}{@code /src/test/java}, as a test method ({@code CAN_3_…}) or a display name /
 *       label ({@code "CAN-3 …"}), so {@code grep -r CAN-3 functions/*}{@code /src/test} finds it;
 *   <li>a rule marked not built yet has no such test: once tests cite it, its status must say
 *       built;
 *   <li>every rule id the main code cites is a rule of the page.
 * </ul>
 *
 * The page is in the repository, so the test never skips.
 */
class RuleCoverageTest {

  private static final String RULE_ID = "(?:GEN|CAN|RET|DOA|CHG|MSG|WAR|LAW|NOF)-\\d+";
  private static final Pattern RULE_HEADING =
      Pattern.compile("(?m)^### (" + RULE_ID + ")\\b[^\\n]*\\n(?:\\s*\\n)*([^\\n]*)");
  private static final Pattern STATUS =
      Pattern.compile("^\\*\\*Status:\\*\\* (built|partly built|not built yet)\\b");
  private static final Pattern CITED = Pattern.compile("\\b(" + RULE_ID + ")\\b");

  enum Status {
    BUILT,
    PARTLY_BUILT,
    NOT_BUILT_YET,
    MISSING
  }

  @Test
  void every_rule_of_docs_policy_has_a_status_and_built_rules_have_tests() {
    Map<String, Status> rules = rules(read(ProjectFiles.root().resolve("docs/policy.md")));
    String tests = testSources();

    assertThat(rules).hasSizeGreaterThan(50);
    assertThat(problems(rules, tests)).as("docs/policy.md against the tests").isEmpty();
  }

  @Test
  void every_rule_the_code_cites_is_a_rule_of_docs_policy() {
    Map<String, Status> rules = rules(read(ProjectFiles.root().resolve("docs/policy.md")));

    assertThat(undefined(rules.keySet(), sources("src/main/java")))
        .as("rule ids cited by the main code but not defined in docs/policy.md")
        .isEmpty();
  }

  @Test
  void a_built_rule_without_a_test_and_a_not_built_rule_with_one_are_reported() {
    String page =
        """
        ### CAN-1 Unprocessed can be cancelled

        **Status:** built — `CancellationPolicy`.

        ### CAN-3 Overdue and unshipped

        **Status:** built — `CancellationPolicy`.

        ### CAN-9 Invented

        **Status:** built — nowhere.

        ### LAW-1 Withdrawal

        **Status:** partly built — who is covered.

        ### MSG-1 Announced

        **Status:** not built yet

        ### MSG-2 Events

        **Status:** not built yet

        ### WAR-1 No status
        Some text.
        """;
    String tests =
        """
        @DisplayName("CAN-3 overdue and unshipped can be cancelled")
        void CAN_1_unprocessed_can_be_cancelled() {}
        void MSG_2_published_once() {}
        """;

    Map<String, Status> rules = rules(page);

    assertThat(rules)
        .containsEntry("CAN-1", Status.BUILT)
        .containsEntry("LAW-1", Status.PARTLY_BUILT)
        .containsEntry("MSG-1", Status.NOT_BUILT_YET)
        .containsEntry("WAR-1", Status.MISSING);
    assertThat(problems(rules, tests))
        .containsExactly(
            "CAN-9 is built but no test is named after it",
            "LAW-1 is partly built but no test is named after it",
            "MSG-2 is marked not built yet but a test is named after it: mark it built",
            "WAR-1 has no **Status:** line (built / partly built / not built yet)");
  }

  @Test
  void a_rule_cited_by_the_code_but_not_on_the_page_is_reported() {
    assertThat(undefined(Set.of("CAN-1", "RET-4"), "// CAN-1 and RET-4, also RET-10 and LAW-2"))
        .containsExactly("LAW-2", "RET-10");
  }

  /** Rule id → status, in the page's order. */
  static Map<String, Status> rules(String page) {
    Map<String, Status> rules = new LinkedHashMap<>();
    Matcher heading = RULE_HEADING.matcher(page);
    while (heading.find()) {
      Matcher status = STATUS.matcher(heading.group(2));
      rules.put(
          heading.group(1),
          !status.find()
              ? Status.MISSING
              : switch (status.group(1)) {
                case "built" -> Status.BUILT;
                case "partly built" -> Status.PARTLY_BUILT;
                default -> Status.NOT_BUILT_YET;
              });
    }
    return rules;
  }

  static List<String> problems(Map<String, Status> rules, String testSources) {
    List<String> problems = new ArrayList<>();
    rules.forEach(
        (rule, status) -> {
          boolean tested = hasTestNamedAfter(rule, testSources);
          switch (status) {
            case BUILT, PARTLY_BUILT -> {
              if (!tested) {
                problems.add(rule + " is " + label(status) + " but no test is named after it");
              }
            }
            case NOT_BUILT_YET -> {
              if (tested) {
                problems.add(
                    rule + " is marked not built yet but a test is named after it: mark it built");
              }
            }
            case MISSING ->
                problems.add(
                    rule + " has no **Status:** line (built / partly built / not built yet)");
          }
        });
    return problems;
  }

  private static String label(Status status) {
    return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  static Set<String> undefined(Set<String> rules, String sources) {
    Set<String> undefined = new TreeSet<>();
    Matcher cited = CITED.matcher(sources);
    while (cited.find()) {
      if (!rules.contains(cited.group(1))) {
        undefined.add(cited.group(1));
      }
    }
    return undefined;
  }

  private static boolean hasTestNamedAfter(String rule, String testSources) {
    return Pattern.compile("\"" + rule + "\\b|\\bvoid " + rule.replace('-', '_') + "_")
        .matcher(testSources)
        .find();
  }

  /** Every module's tests but this class (whose examples name invented rules). */
  private static String testSources() {
    return sources("src/test/java").replace(read(thisFile()), "");
  }

  private static Path thisFile() {
    return ProjectFiles.root()
        .resolve(
            "functions/contracts/src/test/java/org/aftersales/contracts/RuleCoverageTest.java");
  }

  /** The Java files under {@code functions/<module>/<dir>} of every module, concatenated. */
  private static String sources(String dir) {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> modules = Files.list(ProjectFiles.root().resolve("functions"))) {
      for (Path module : modules.sorted().toList()) {
        Path sources = module.resolve(dir);
        if (!Files.isDirectory(sources)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(sources)) {
          files
              .filter(f -> f.toString().endsWith(".java"))
              .sorted()
              .forEach(f -> all.append(read(f)).append('\n'));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
