package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The servers' ports follow from {@code --port}: the same on every start of the stack on that port,
 * so endpoints and presigned URLs printed before a restart still work afterwards.
 */
class LocalEndpointsTest {

  @Test
  void the_servers_listen_next_to_the_api_port_on_every_start() {
    LocalOptions options = LocalOptions.parse("--port", "3950");

    assertThat(LocalStack.dynamoDbEndpoint(options, Map.of()))
        .isEqualTo(URI.create("http://127.0.0.1:3951"));
    assertThat(LocalStack.s3Endpoint(options, Map.of()))
        .isEqualTo(URI.create("http://127.0.0.1:3952"));
    assertThat(LocalStack.s3Endpoint(LocalOptions.parse("--port", "3950"), Map.of()))
        .isEqualTo(LocalStack.s3Endpoint(options, Map.of()));
    assertThat(LocalStack.s3Endpoint(LocalOptions.parse(), Map.of()))
        .isEqualTo(URI.create("http://127.0.0.1:3002"));
  }

  @Test
  void an_endpoint_from_the_environment_wins() {
    LocalOptions options = LocalOptions.parse("--port", "3950");
    Map<String, String> environment =
        Map.of(
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:41000",
            "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:41001");

    assertThat(LocalStack.dynamoDbEndpoint(options, environment))
        .isEqualTo(URI.create("http://127.0.0.1:41000"));
    assertThat(LocalStack.s3Endpoint(options, environment))
        .isEqualTo(URI.create("http://127.0.0.1:41001"));
  }
}
