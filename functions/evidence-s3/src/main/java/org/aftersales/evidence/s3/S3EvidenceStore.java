package org.aftersales.evidence.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.shared.evidence.EvidenceKey;
import org.aftersales.shared.evidence.EvidenceStore;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@link EvidenceStore} on one S3 bucket. Presigned URLs are signed locally (no request is sent);
 * head, read, copy and delete are one S3 request each. S3 errors propagate as the SDK's exceptions,
 * except a 404 on head (empty) or copy (false) and a 416 on reading an empty object (no bytes).
 */
public record S3EvidenceStore(S3Client s3, S3Presigner presigner, String bucket)
    implements EvidenceStore {

  /** The longest a presigned URL may live; SigV4 allows at most 7 days. */
  public static final Duration MAX_EXPIRY = Duration.ofDays(7);

  private static final String BINARY = "application/octet-stream";

  public S3EvidenceStore {
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(presigner, "presigner");
    Objects.requireNonNull(bucket, "bucket");
  }

  @Override
  public PresignedUpload presignUpload(EvidenceKey key, String contentType, Duration expiry) {
    if (contentType == null || contentType.isBlank()) {
      throw new IllegalArgumentException("contentType is required: it is part of the signature");
    }
    requireExpiry(expiry);
    PresignedPutObjectRequest presigned =
        presigner.presignPutObject(
            presign ->
                presign
                    .signatureDuration(expiry)
                    .putObjectRequest(
                        PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(key.value())
                            .contentType(contentType)
                            .build()));
    return new PresignedUpload(
        toUri(presigned.url()),
        presigned.httpRequest().method().name(),
        headersToSend(presigned.signedHeaders()),
        presigned.expiration());
  }

  @Override
  public PresignedDownload presignDownload(String key, String contentType, Duration expiry) {
    // only evidence keys (accepted copies; uploads recorded before evidence was copied): nothing
    // else
    String uploadId = EvidenceKey.ofStored(key).uploadId();
    requireExpiry(expiry);
    String type = contentType == null || contentType.isBlank() ? BINARY : contentType;
    PresignedGetObjectRequest presigned =
        presigner.presignGetObject(
            presign ->
                presign
                    .signatureDuration(expiry)
                    .getObjectRequest(
                        GetObjectRequest.builder()
                            .bucket(bucket)
                            .key(key)
                            .responseContentType(type)
                            .responseContentDisposition("attachment; filename=\"" + uploadId + "\"")
                            .build()));
    return new PresignedDownload(toUri(presigned.url()), presigned.expiration());
  }

  @Override
  public Optional<StoredObject> head(String key) {
    HeadObjectResponse response;
    try {
      response = s3.headObject(head -> head.bucket(bucket).key(key));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(new StoredObject(key, response.contentLength(), response.contentType()));
  }

  @Override
  public byte[] readFirstBytes(String key, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    // An explicit range: local S3 servers answer suffix ranges (bytes=-n) wrongly.
    GetObjectRequest request =
        GetObjectRequest.builder().bucket(bucket).key(key).range("bytes=0-" + (n - 1)).build();
    ResponseBytes<GetObjectResponse> bytes;
    try {
      bytes = s3.getObjectAsBytes(request);
    } catch (S3Exception e) {
      if (e.statusCode() == 416) { // the object is empty: no byte satisfies the range
        return new byte[0];
      }
      throw e;
    }
    byte[] content = bytes.asByteArray();
    // A server that ignores Range answers 200 with the whole object.
    return content.length > n ? Arrays.copyOf(content, n) : content;
  }

  @Override
  public boolean copy(String from, String to) {
    try {
      s3.copyObject(
          copy ->
              copy.sourceBucket(bucket)
                  .sourceKey(from)
                  .destinationBucket(bucket)
                  .destinationKey(to));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * One PutObject with {@code If-None-Match: *}: S3 answers 412 when the key exists and 409 when a
   * conditional write of the same key is in flight; both mean another write created it.
   */
  @Override
  public boolean createOnce(String key, byte[] content, String contentType) {
    try {
      s3.putObject(
          put -> put.bucket(bucket).key(key).contentType(contentType).ifNoneMatch("*"),
          RequestBody.fromBytes(content));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void delete(String key) {
    s3.deleteObject(delete -> delete.bucket(bucket).key(key));
  }

  private static void requireExpiry(Duration expiry) {
    if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
      throw new IllegalArgumentException("expiry must be in (0, 7 days]: " + expiry);
    }
  }

  private static URI toUri(URL url) {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("presigner produced an invalid URL: " + url, e);
    }
  }

  /** The signed headers a client must send; {@code host} is set by every HTTP client itself. */
  private static Map<String, String> headersToSend(Map<String, List<String>> signed) {
    Map<String, String> headers = new LinkedHashMap<>();
    signed.forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase("host")) {
            headers.put(name, String.join(",", values));
          }
        });
    return headers;
  }
}
