package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What the functions' Lambda packages carry (build/lambda-zip.xml; lean packages for cold start):
 * no S3 SDK where S3 is never used, none of the SDK's generated service metadata, no CRT in a
 * default package.
 */
class LambdaPackagesTest {

  private static final Path ROOT = Path.of(System.getProperty("aftersales.root", ".."));
  private static final List<String> S3_FREE = List.of("orders", "cancellation", "refunds");

  /**
   * Functions that use S3: claims (evidence upload URLs) and returns (LAW-3's copy of a withdrawal
   * record, its client built on the first withdrawal only, so no other route pays for it).
   */
  private static final List<String> S3_USERS = List.of("claims", "returns");

  private static final String SERVICE_METADATA = "software/amazon/awssdk/regions/servicemetadata/";
  private static final String REGION = "software/amazon/awssdk/regions/Region.class";

  @Test
  void s3_free_functions_ship_no_s3_sdk_and_no_service_metadata() throws IOException {
    for (String module : S3_FREE) {
      List<String> entries = entries(module);

      assertThat(entries).as(module).contains(REGION).anyMatch(e -> e.startsWith("lib/dynamodb-"));
      assertThat(entries)
          .as(module)
          .noneMatch(e -> e.startsWith("lib/s3-") || e.startsWith(SERVICE_METADATA))
          .noneMatch(e -> e.startsWith("lib/regions-") || isCrt(e));
    }
  }

  @Test
  void s3_users_ship_the_s3_sdk_without_service_metadata() throws IOException {
    for (String module : S3_USERS) {
      List<String> entries = entries(module);

      assertThat(entries).as(module).contains(REGION).anyMatch(e -> e.startsWith("lib/s3-"));
      assertThat(entries).as(module).noneMatch(e -> e.startsWith(SERVICE_METADATA) || isCrt(e));
    }
  }

  /** The CRT client jar, the CRT's classes or its native libraries (only in -Pcrt packages). */
  private static boolean isCrt(String entry) {
    return entry.startsWith("lib/aws-crt")
        || entry.startsWith("software/amazon/awssdk/crt/")
        || entry.startsWith("linux/");
  }

  private static List<String> entries(String module) throws IOException {
    Path zip = ROOT.resolve("functions/" + module + "/target/" + module + "-lambda.zip");
    try (ZipFile file = new ZipFile(zip.toFile())) {
      return file.stream().map(ZipEntry::getName).toList();
    }
  }
}
