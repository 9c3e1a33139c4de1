package org.aftersales.evidence.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.aftersales.shared.aws.AwsSettings;
import org.aftersales.shared.aws.ResourceNames;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * S3 clients configured the way a function is (from its environment variables) work against the
 * local S3 server: path-style addressing, plain uploads.
 */
@ExtendWith(LocalAwsServers.class)
class S3ClientsIT {

  @Test
  void clients_built_from_a_functions_environment_reach_the_local_bucket(LocalAws aws) {
    try (S3Clients clients = S3Clients.create(AwsSettings.fromEnvironment(aws.environment()))) {
      ResourceNames names = ResourceNames.fromEnvironment(aws.environment());

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
              .presigner()
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
  void the_shared_instance_is_one_per_jvm() {
    assertThat(S3Clients.shared()).isSameAs(S3Clients.shared());
  }
}
