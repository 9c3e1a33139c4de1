package org.aftersales.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template's bucket as s3rver gets it: its CORS rules with parameters resolved. */
class LocalResourcesTest {

  static final Path ROOT = ProjectRoot.find();

  @Test
  void the_evidence_buckets_cors_rule_allows_put_from_the_storefront_and_the_pages_origins() {
    JsonNode template = CloudFormationYaml.read(ROOT.resolve("template.yaml"));

    String xml =
        LocalResources.corsXml(
            template.at("/Resources/EvidenceBucket/Properties"),
            new LocalNames(template, Map.of()));

    assertThat(xml)
        .isEqualTo(
            "<CORSConfiguration><CORSRule><AllowedOrigin>https://shop.example.com</AllowedOrigin>"
                + "<AllowedOrigin>https://care.example.com</AllowedOrigin>"
                + "<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>"
                + "<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>");
  }

  @Test
  void a_rule_is_written_with_its_id_and_values_escaped_and_no_rules_means_no_file(
      @TempDir Path dir) throws Exception {
    JsonNode template =
        CloudFormationYaml.parse(
            """
            Parameters:
              Origin: {Type: String, Default: "https://a.example?x=1&y=2"}
            Resources:
              Open:
                Type: AWS::S3::Bucket
                Properties:
                  CorsConfiguration:
                    CorsRules:
                      - Id: uploads
                        AllowedOrigins: [!Ref Origin]
                        AllowedMethods: [GET]
              Closed:
                Type: AWS::S3::Bucket
            """);
    LocalNames names = new LocalNames(template, Map.of());

    Path file =
        LocalResources.writeCors(dir, "open", template.at("/Resources/Open/Properties"), names);

    assertThat(Files.readString(file))
        .isEqualTo(
            "<CORSConfiguration><CORSRule><ID>uploads</ID>"
                + "<AllowedOrigin>https://a.example?x=1&amp;y=2</AllowedOrigin>"
                + "<AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>");
    assertThat(
            LocalResources.writeCors(
                dir, "closed", template.at("/Resources/Closed/Properties"), names))
        .isNull();
  }
}
