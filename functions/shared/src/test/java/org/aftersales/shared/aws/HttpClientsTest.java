package org.aftersales.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The SDK clients' HTTP client: the package's, with the fail-fast timeouts (a dependency down fails
 * quickly; lean packages).
 */
class HttpClientsTest {

  private static final Duration CONNECT = Duration.ofMillis(500);
  private static final Duration SOCKET = Duration.ofMillis(2_000);

  @Test
  void without_the_crt_in_the_package_it_is_the_url_connection_client() {
    SdkHttpClient.Builder<?> builder = HttpClients.withTimeouts(CONNECT, SOCKET);

    assertThat(builder).isInstanceOf(UrlConnectionHttpClient.Builder.class);
    try (SdkHttpClient client = builder.build()) {
      assertThat(client.clientName()).isEqualTo("UrlConnection");
    }
  }

  @Test
  void a_carried_clients_timeouts_win_over_the_sdks_defaults() {
    List<AttributeMap> built = new ArrayList<>();
    SdkHttpService service = () -> defaults -> recording(built, defaults);
    AttributeMap sdkDefaults =
        AttributeMap.builder()
            .put(SdkHttpConfigurationOption.CONNECTION_TIMEOUT, Duration.ofSeconds(2))
            .put(SdkHttpConfigurationOption.READ_TIMEOUT, Duration.ofSeconds(30))
            .put(SdkHttpConfigurationOption.MAX_CONNECTIONS, 50)
            .build();

    new HttpClients.WithTimeouts(service, HttpClients.timeouts(CONNECT, SOCKET))
        .buildWithDefaults(sdkDefaults);

    assertThat(built).singleElement();
    AttributeMap used = built.getFirst();
    assertThat(used.get(SdkHttpConfigurationOption.CONNECTION_TIMEOUT)).isEqualTo(CONNECT);
    assertThat(used.get(SdkHttpConfigurationOption.READ_TIMEOUT)).isEqualTo(SOCKET);
    assertThat(used.get(SdkHttpConfigurationOption.MAX_CONNECTIONS)).isEqualTo(50);
  }

  private static SdkHttpClient recording(List<AttributeMap> built, AttributeMap config) {
    built.add(config);
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        throw new UnsupportedOperationException("never sent");
      }

      @Override
      public void close() {}
    };
  }
}
