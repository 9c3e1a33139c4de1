package org.aftersales.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** Reading template.yaml for the local servers: intrinsic tags, CORS XML, CreateTable mapping. */
class CloudFormationTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shortFormIntrinsicTagsBecomeTheirJsonForms(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("t.yaml");
    Files.writeString(
        file,
        """
        Parameters:
          Origin:
            Type: String
            Default: https://shop.example.com
        Resources:
          Thing:
            Type: AWS::S3::Bucket
            Properties:
              A: !Ref Origin
              B: !GetAtt Table.Arn
              C: !Sub 'arn:${AWS::Partition}:s3:::x'
              D: !Join [',', [a, b]]
              E: plain
              F: 3
        """);

    CloudFormationTemplate template = CloudFormationTemplate.read(file);
    JsonNode properties = template.resourceProperties("Thing", "AWS::S3::Bucket");

    assertThat(properties.get("A")).isEqualTo(JSON.readTree("{\"Ref\":\"Origin\"}"));
    assertThat(properties.get("B"))
        .isEqualTo(JSON.readTree("{\"Fn::GetAtt\":[\"Table\",\"Arn\"]}"));
    assertThat(properties.get("C"))
        .isEqualTo(JSON.readTree("{\"Fn::Sub\":\"arn:${AWS::Partition}:s3:::x\"}"));
    assertThat(properties.get("D"))
        .isEqualTo(JSON.readTree("{\"Fn::Join\":[\",\",[\"a\",\"b\"]]}"));
    assertThat(properties.get("E").asText()).isEqualTo("plain");
    assertThat(properties.get("F").asInt()).isEqualTo(3);
    assertThat(template.resolveString(properties.get("A"))).isEqualTo("https://shop.example.com");
    assertThatThrownBy(() -> template.resolveString(properties.get("B")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> template.resourceProperties("Thing", "AWS::DynamoDB::Table"))
        .hasMessageContaining("AWS::S3::Bucket");
  }

  @Test
  void theEvidenceBucketsCorsRuleAllowsPutFromTheStorefrontAndThePagesOrigins() {
    CloudFormationTemplate template =
        CloudFormationTemplate.read(LocalAws.projectRoot().resolve("template.yaml"));

    String xml =
        BucketDefinition.corsXml(
            template, template.resourceProperties("EvidenceBucket", "AWS::S3::Bucket"));

    assertThat(xml)
        .isEqualTo(
            "<CORSConfiguration><CORSRule><AllowedOrigin>https://shop.example.com</AllowedOrigin>"
                + "<AllowedOrigin>https://care.example.com</AllowedOrigin>"
                + "<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>"
                + "<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>");
  }

  @Test
  void theTableMapsToACreateTableRequestWithItsThreeIndexes() {
    CloudFormationTemplate template =
        CloudFormationTemplate.read(LocalAws.projectRoot().resolve("template.yaml"));

    CreateTableRequest request =
        TableDefinition.createTableRequest(
            template.resourceProperties("AfterSalesTable", "AWS::DynamoDB::Table"), "t");

    assertThat(request.tableName()).isEqualTo("t");
    assertThat(request.billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
    assertThat(request.attributeDefinitions()).hasSize(8);
    assertThat(request.keySchema())
        .extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
        .containsExactly("pk HASH", "sk RANGE");
    assertThat(request.globalSecondaryIndexes())
        .extracting(
            i ->
                i.indexName()
                    + ":"
                    + i.keySchema().get(0).attributeName()
                    + "/"
                    + i.keySchema().get(1).attributeName()
                    + ":"
                    + i.projection().projectionTypeAsString())
        .containsExactly(
            "ByOrder:gsi1pk/gsi1sk:ALL",
            "ByStatus:gsi2pk/gsi2sk:ALL",
            "Unshipped:gsi3pk/gsi3sk:ALL");
    assertThat(request.hasLocalSecondaryIndexes()).isFalse();
  }
}
