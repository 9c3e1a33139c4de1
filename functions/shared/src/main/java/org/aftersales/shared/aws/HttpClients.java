package org.aftersales.shared.aws;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The HTTP client of the SDK clients, with the connect and socket timeouts of {@link AwsClients}:
 * the URL-connection client, or the AWS CRT client when the package carries it (the {@code crt}
 * variant packages of the cold-start comparison, built with {@code -Pcrt}; the default packages do
 * not). The Apache and Netty clients are never shipped.
 */
final class HttpClients {

  /** The CRT client's SDK service, looked up by name: the default packages do not carry it. */
  static final String CRT_SERVICE = "software.amazon.awssdk.http.crt.AwsCrtSdkHttpService";

  private HttpClients() {}

  static SdkHttpClient.Builder<?> withTimeouts(Duration connect, Duration socket) {
    SdkHttpService crt = crtIfCarried();
    if (crt == null) {
      return UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(socket);
    }
    return new WithTimeouts(crt, timeouts(connect, socket));
  }

  static AttributeMap timeouts(Duration connect, Duration socket) {
    return AttributeMap.builder()
        .put(SdkHttpConfigurationOption.CONNECTION_TIMEOUT, connect)
        .put(SdkHttpConfigurationOption.READ_TIMEOUT, socket)
        .build();
  }

  private static SdkHttpService crtIfCarried() {
    try {
      return (SdkHttpService)
          Class.forName(CRT_SERVICE, true, HttpClients.class.getClassLoader())
              .getConstructor()
              .newInstance();
    } catch (ClassNotFoundException notCarried) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the CRT HTTP client is in the package but cannot start", e);
    }
  }

  /** The CRT client's builder with these timeouts taking precedence over the SDK's defaults. */
  record WithTimeouts(SdkHttpService service, AttributeMap timeouts)
      implements SdkHttpClient.Builder<WithTimeouts> {
    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return service.createHttpClientBuilder().buildWithDefaults(timeouts.merge(serviceDefaults));
    }
  }
}
