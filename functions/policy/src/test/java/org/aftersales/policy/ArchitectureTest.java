package org.aftersales.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.aftersales.policy.document.PolicyBook;
import org.junit.jupiter.api.Test;

/**
 * The policy module is pure (docs/design.md): no AWS, Lambda or JSON library types, no I/O (the
 * policy book is built in code, {@code StorePolicies}).
 */
class ArchitectureTest {
  static final JavaClasses POLICY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.aftersales.policy");

  @Test
  void policy_classes_were_imported() {
    org.assertj.core.api.Assertions.assertThat(POLICY.contain(PolicyBook.class)).isTrue();
    org.assertj.core.api.Assertions.assertThat(POLICY.size()).isGreaterThan(40);
  }

  @Test
  void no_aws_lambda_or_json_library() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("org.aftersales.policy..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "software.amazon..",
                "com.amazonaws..",
                "com.fasterxml..",
                "tools.jackson..",
                "com.google.gson..",
                "jakarta.json..",
                "javax.json..",
                "org.json..");
    rule.check(POLICY);
  }

  @Test
  void no_io() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("org.aftersales.policy..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.io..",
                "java.net..",
                "java.nio.file..",
                "java.nio.channels..",
                "java.sql..",
                "java.net.http..")
            .because("the policy is pure; its book is built in code (StorePolicies)");
    rule.check(POLICY);
  }

  @Test
  void no_wall_clock_or_randomness_in_the_policy() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("org.aftersales.policy..")
            .should()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.LocalDate.class, "now")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(java.util.UUID.class, "randomUUID")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.Random")
            .because("decisions take 'now' as a parameter so they are repeatable");
    rule.check(POLICY);
  }
}
