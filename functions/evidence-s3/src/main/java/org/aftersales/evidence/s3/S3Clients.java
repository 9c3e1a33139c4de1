package org.aftersales.evidence.s3;

import java.net.URI;
import java.util.function.Consumer;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.AwsSettings;
import org.aftersales.shared.aws.Lazy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner of one JVM, each built on first use from {@link AwsSettings}: the
 * client with the settings and call budget of every SDK client here ({@link AwsClients#configure}),
 * the presigner (which makes no call) with the same region and credentials. Only the claims
 * module's functions use S3, so these live apart from {@code shared}'s {@code AwsClients}: the
 * other functions ship and load no S3 class (lean packages, for cold start).
 *
 * <p>When an S3 endpoint is overridden (a local S3 server), both use path-style addressing and the
 * client sends plain (not aws-chunked) uploads, which the local server requires. {@link #shared()}
 * is the per-JVM instance from the environment; {@link #create(AwsSettings)} an independent one for
 * tests. {@link #close()} closes what was built.
 */
public final class S3Clients implements AutoCloseable {

  private static final class SharedHolder {
    static final S3Clients INSTANCE = create(AwsSettings.fromEnvironment());
  }

  private final AwsSettings settings;
  private final Lazy<S3Client> s3;
  private final Lazy<S3Presigner> presigner;

  private S3Clients(AwsSettings settings) {
    this.settings = settings;
    this.s3 = new Lazy<>(this::buildS3);
    this.presigner = new Lazy<>(this::buildPresigner);
  }

  /** The S3 clients of this JVM, configured from its environment; never closed. */
  public static S3Clients shared() {
    return SharedHolder.INSTANCE;
  }

  /** A new, independent pair (each still built on first use). */
  public static S3Clients create(AwsSettings settings) {
    return new S3Clients(settings);
  }

  public S3Client s3() {
    return s3.get();
  }

  public S3Presigner presigner() {
    return presigner.get();
  }

  /** The evidence store on {@code bucket} over these clients. */
  public S3EvidenceStore evidenceStore(String bucket) {
    return new S3EvidenceStore(s3(), presigner(), bucket);
  }

  @Override
  public void close() {
    s3.closeIfBuilt(S3Client::close);
    presigner.closeIfBuilt(S3Presigner::close);
  }

  private S3Client buildS3() {
    S3ClientBuilder builder = AwsClients.configure(S3Client.builder(), settings);
    onLocalServer(builder::endpointOverride, builder::serviceConfiguration);
    return builder.build();
  }

  private S3Presigner buildPresigner() {
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(settings.region())
            .credentialsProvider(settings.credentials())
            .fipsEnabled(false)
            .dualstackEnabled(false);
    onLocalServer(builder::endpointOverride, builder::serviceConfiguration);
    return builder.build();
  }

  /** With an S3 endpoint overridden (a local server), points a builder at it, path-style. */
  private void onLocalServer(Consumer<URI> endpoint, Consumer<S3Configuration> configuration) {
    settings
        .s3Endpoint()
        .ifPresent(
            uri -> {
              endpoint.accept(uri);
              configuration.accept(localS3Configuration());
            });
  }

  /** A local S3 server has no virtual-host buckets and refuses the SDK's aws-chunked uploads. */
  private static S3Configuration localS3Configuration() {
    return S3Configuration.builder()
        .pathStyleAccessEnabled(true)
        .chunkedEncodingEnabled(false)
        .build();
  }
}
