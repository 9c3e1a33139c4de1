package org.aftersales.shared.evidence;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Port for claim evidence files (DOA-2, DOA-3): the storefront uploads them straight to storage
 * through a presigned PUT, and the claim service inspects what arrived.
 *
 * <p>Keys are {@code claims/{claimId}/{kind}/{uploadId}} for uploads and {@code accepted/...} for
 * accepted files ({@link EvidenceKey}). Every failure of the underlying store propagates; only "no
 * such object" has a defined answer ({@link #head}).
 */
public interface EvidenceStore {

  /**
   * A URL that lets its holder PUT one object at {@code key}, with exactly {@code contentType} (it
   * is part of the signature: another type is refused), until {@code expiry} has passed. Nothing is
   * written by this call.
   */
  PresignedUpload presignUpload(EvidenceKey key, String contentType, Duration expiry);

  /**
   * A URL that lets its holder GET the object at {@code key} until {@code expiry} has passed, for
   * agents reviewing a claim on the console. The response is forced to {@code contentType} and to
   * {@code Content-Disposition: attachment}, so a file opened directly is downloaded, never
   * rendered as a page of the store's origin. Nothing is read or written by this call.
   */
  PresignedDownload presignDownload(String key, String contentType, Duration expiry);

  /** Size and content type of the object at {@code key}, or empty when there is none. */
  Optional<StoredObject> head(String key);

  /**
   * The first {@code n} bytes of the object at {@code key} (fewer when it is shorter; none when it
   * is empty), read with the explicit range {@code bytes=0-(n-1)}. A missing object fails. Head the
   * object first and refuse an empty one by its size: the local S3 server answers a range on an
   * empty object with a broken response, where S3 answers 416.
   */
  byte[] readFirstBytes(String key, int n);

  /**
   * Copies the object at {@code from} to {@code to} (bytes and content type, in the store: nothing
   * passes through the caller); {@code false} when there is no object at {@code from}.
   */
  boolean copy(String from, String to);

  /**
   * Writes {@code content} at {@code key} only if no object is there (S3's conditional write,
   * {@code If-None-Match: *}): {@code true} when this call created it, {@code false} when an object
   * was there already (left as it was). Other failures propagate.
   */
  boolean createOnce(String key, byte[] content, String contentType);

  /** Deletes the object at {@code key}; deleting a missing object succeeds. */
  void delete(String key);

  /**
   * What a client needs to upload: send {@code method} to {@code url} with every header in {@code
   * headers} (they are signed), before {@code expiresAt}.
   */
  record PresignedUpload(URI url, String method, Map<String, String> headers, Instant expiresAt) {
    public PresignedUpload {
      headers = Map.copyOf(headers);
    }
  }

  /** A short-lived GET URL for one object, valid until {@code expiresAt}. */
  record PresignedDownload(URI url, Instant expiresAt) {}

  /** An object as stored: {@code contentType} is what the uploader sent (signed). */
  record StoredObject(String key, long size, String contentType) {}
}
