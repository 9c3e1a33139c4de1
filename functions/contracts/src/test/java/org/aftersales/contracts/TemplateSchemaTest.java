package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.localaws.CloudFormationYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the SAM project's own JSON schema (vendored in src/test/resources/sam, so
 * it runs in a plain clone), after the YAML short-form intrinsics are mapped to their JSON forms.
 * The fixture tests prove the reduction of the schema's ~100 anyOf errors to the one line that
 * names the problem.
 */
class TemplateSchemaTest {

  private static SamSchemaCheck check;

  @BeforeAll
  static void loadSchema() {
    check = SamSchemaCheck.load(ProjectFiles.samSchema());
  }

  @Test
  void template_is_valid_against_the_sam_schema() {
    JsonNode template = CloudFormationYaml.read(ProjectFiles.template());

    assertThat(check.problems(template)).isEmpty();
    assertThat(template.path("AWSTemplateFormatVersion").isTextual()).isTrue();
    assertThat(template.path("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
    assertThat(template.path("Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
  }

  @Test
  void a_misspelt_function_property_is_reported_as_one_line() {
    JsonNode fixture = CloudFormationYaml.read(ProjectFiles.fixture("typo-property.yaml"));

    assertThat(check.rawErrors(fixture))
        .as("the schema's raw errors, one per anyOf branch")
        .hasSizeGreaterThan(50);
    assertThat(check.problems(fixture))
        .containsExactly(
            "/Resources/HelloFunction/Properties: property 'Timeoutt' is not defined in the schema and the schema does not allow additional properties");
  }

  @Test
  void a_misspelt_event_property_is_reported_as_one_line() {
    ObjectNode fixture =
        (ObjectNode) CloudFormationYaml.read(ProjectFiles.fixture("typo-property.yaml"));
    ObjectNode properties = (ObjectNode) fixture.at("/Resources/HelloFunction/Properties");
    properties.set("Timeout", properties.remove("Timeoutt"));
    ObjectNode event = (ObjectNode) properties.at("/Events/Hello/Properties");
    event.set("Methodd", event.remove("Method"));

    assertThat(check.problems(fixture))
        .containsExactly(
            "/Resources/HelloFunction/Properties/Events/Hello/Properties: property 'Methodd' is not defined in the schema and the schema does not allow additional properties");
  }

  @Test
  void a_misspelt_serverless_type_is_reported_as_one_line() {
    ObjectNode fixture =
        (ObjectNode) CloudFormationYaml.read(ProjectFiles.fixture("typo-property.yaml"));
    ((ObjectNode) fixture.at("/Resources/HelloFunction")).put("Type", "AWS::Serverless::Functoin");

    assertThat(check.problems(fixture))
        .containsExactly(
            "/Resources/HelloFunction/Type: 'AWS::Serverless::Functoin' matches no known type");
  }

  @Test
  void a_misspelt_event_type_is_reported_as_one_line() {
    ObjectNode fixture =
        (ObjectNode) CloudFormationYaml.read(ProjectFiles.fixture("typo-property.yaml"));
    ObjectNode properties = (ObjectNode) fixture.at("/Resources/HelloFunction/Properties");
    properties.set("Timeout", properties.remove("Timeoutt"));
    ((ObjectNode) properties.at("/Events/Hello")).put("Type", "HttpApii");

    assertThat(check.problems(fixture))
        .containsExactly(
            "/Resources/HelloFunction/Properties/Events/Hello/Type: 'HttpApii' matches no known type");
  }

  @Test
  void a_valid_fixture_has_no_problems() {
    ObjectNode fixture =
        (ObjectNode) CloudFormationYaml.read(ProjectFiles.fixture("typo-property.yaml"));
    ObjectNode properties = (ObjectNode) fixture.at("/Resources/HelloFunction/Properties");
    properties.set("Timeout", properties.remove("Timeoutt"));

    assertThat(check.problems(fixture)).isEmpty();
  }
}
