package org.aftersales.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AwsSettingsTest {

  @Test
  void reads_region_and_endpoint_overrides_from_the_environment() {
    AwsSettings settings =
        AwsSettings.fromEnvironment(
            Map.of(
                "AWS_REGION", "eu-central-1",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4567",
                "AWS_ENDPOINT_URL_S3", " http://127.0.0.1:4568 "));

    assertThat(settings.region()).isEqualTo(Region.EU_CENTRAL_1);
    assertThat(settings.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:4567"));
    assertThat(settings.s3Endpoint()).contains(URI.create("http://127.0.0.1:4568"));
  }

  @Test
  void without_variables_it_is_us_east_1_and_the_services_own_endpoints() {
    AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL_S3", ""));

    assertThat(settings.region()).isEqualTo(Region.US_EAST_1);
    assertThat(settings.dynamoDbEndpoint()).isEmpty();
    assertThat(settings.s3Endpoint()).isEmpty();
  }

  @Test
  void resource_names_come_from_table_name_and_evidence_bucket() {
    assertThat(ResourceNames.fromEnvironment(Map.of("TABLE_NAME", "t", "EVIDENCE_BUCKET", "b")))
        .isEqualTo(new ResourceNames("t", "b"));
    assertThatThrownBy(() -> ResourceNames.fromEnvironment(Map.of("TABLE_NAME", "t")))
        .hasMessageContaining("EVIDENCE_BUCKET");
    assertThatThrownBy(
            () -> ResourceNames.fromEnvironment(Map.of("TABLE_NAME", " ", "EVIDENCE_BUCKET", "b")))
        .hasMessageContaining("TABLE_NAME");
  }
}
