package org.aftersales.shared.aws;

import java.util.Map;
import java.util.Objects;

/**
 * The names of the table and bucket the functions work on, from the template's Globals ({@code
 * TABLE_NAME = !Ref AfterSalesTable}, {@code EVIDENCE_BUCKET = !Ref EvidenceBucket}).
 */
public record ResourceNames(String tableName, String evidenceBucket) {

  public ResourceNames {
    requireName(tableName, "TABLE_NAME");
    requireName(evidenceBucket, "EVIDENCE_BUCKET");
  }

  public static ResourceNames fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Fails with the missing variable's name when one is unset or blank. */
  public static ResourceNames fromEnvironment(Map<String, String> env) {
    return new ResourceNames(env.get("TABLE_NAME"), env.get("EVIDENCE_BUCKET"));
  }

  private static void requireName(String value, String variable) {
    Objects.requireNonNull(value, () -> "environment variable " + variable + " is not set");
    if (value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + variable + " is blank");
    }
  }
}
