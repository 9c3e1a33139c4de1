package org.aftersales.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Clients configured the way a function is (from its environment variables) work against the local
 * servers.
 */
@ExtendWith(LocalAwsServers.class)
class AwsClientsIT {

  @Test
  void clientsBuiltFromAFunctionsEnvironmentReachTheLocalTableAndBucket(LocalAws aws) {
    try (AwsClients clients = AwsClients.create(AwsSettings.fromEnvironment(aws.environment()))) {
      ResourceNames names = ResourceNames.fromEnvironment(aws.environment());

      assertThat(clients.dynamoDb().listTables().tableNames()).contains(names.tableName());
      assertThat(clients.dynamoDb().serviceClientConfiguration().endpointOverride())
          .contains(aws.dynamoDbEndpoint());

      // A plain SDK PutObject: refused by the local server unless chunked encoding is off.
      String key = "claims/" + aws.uniqueId("cl") + "/PROBLEM/sdk";
      clients
          .s3()
          .putObject(
              p -> p.bucket(names.evidenceBucket()).key(key).contentType("text/plain"),
              RequestBody.fromString("hello evidence"));
      String read =
          clients
              .s3()
              .getObjectAsBytes(g -> g.bucket(names.evidenceBucket()).key(key))
              .asString(StandardCharsets.UTF_8);
      assertThat(read).isEqualTo("hello evidence");

      String url =
          clients
              .s3Presigner()
              .presignGetObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(1))
                          .getObjectRequest(g -> g.bucket(names.evidenceBucket()).key(key)))
              .url()
              .toString();
      assertThat(url)
          .as("path-style on the local endpoint")
          .startsWith(aws.s3Endpoint() + "/" + names.evidenceBucket() + "/claims/");
    }
  }

  @Test
  void theSharedInstanceIsOnePerJvm() {
    assertThat(AwsClients.shared()).isSameAs(AwsClients.shared());
    assertThat(UrlConnectionHttpClient.class).isNotNull();
  }
}
