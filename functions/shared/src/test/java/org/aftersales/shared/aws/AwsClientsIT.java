package org.aftersales.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The DynamoDB client configured the way a function is (from its environment variables) works
 * against the local server.
 */
@ExtendWith(LocalAwsServers.class)
class AwsClientsIT {

  @Test
  void clients_built_from_a_functions_environment_reach_the_local_table(LocalAws aws) {
    try (AwsClients clients = AwsClients.create(AwsSettings.fromEnvironment(aws.environment()))) {
      ResourceNames names = ResourceNames.fromEnvironment(aws.environment());

      assertThat(clients.dynamoDb().listTables().tableNames()).contains(names.tableName());
      assertThat(clients.dynamoDb().serviceClientConfiguration().endpointOverride())
          .contains(aws.dynamoDbEndpoint());
    }
  }

  @Test
  void the_shared_instance_is_one_per_jvm() {
    assertThat(AwsClients.shared()).isSameAs(AwsClients.shared());
    assertThat(UrlConnectionHttpClient.class).isNotNull();
  }
}
