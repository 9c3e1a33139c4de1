package org.aftersales.emails;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.AwsSettings;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

/**
 * {@link EmailSender} over SES v2 {@code SendEmail} (simple content, UTF-8 text) from the
 * configured sender. The client is built like every SDK client here ({@link AwsClients#configure}:
 * region, credentials, fail-fast call budget); its endpoint is {@code AWS_ENDPOINT_URL_SESV2} when
 * set (the SDK's variable for the service id {@code SESv2}; the tests and the local stack point it
 * at aws-ses-v2-local), else SES's regional endpoint.
 */
record SesEmailSender(SesV2Client ses, String from) implements EmailSender, AutoCloseable {

  /** The standard endpoint variable of SES v2 (service id {@code SESv2}). */
  static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_SESV2";

  /** A client for {@code settings}, pointed at {@code endpoint} when given. */
  static SesV2Client client(AwsSettings settings, Optional<URI> endpoint) {
    SesV2ClientBuilder builder = AwsClients.configure(SesV2Client.builder(), settings);
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The endpoint override in {@code env}, if any. */
  static Optional<URI> endpoint(Map<String, String> env) {
    String value = env.get(ENDPOINT_VARIABLE);
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(URI.create(value.strip()));
  }

  @Override
  public String send(String to, String subject, String text) {
    return ses.sendEmail(
            r ->
                r.fromEmailAddress(from)
                    .destination(d -> d.toAddresses(to))
                    .content(
                        c ->
                            c.simple(
                                m ->
                                    m.subject(s -> s.data(subject).charset("UTF-8"))
                                        .body(b -> b.text(t -> t.data(text).charset("UTF-8"))))))
        .messageId();
  }

  @Override
  public void close() {
    ses.close();
  }
}
