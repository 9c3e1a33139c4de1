package org.aftersales.returns;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.function.Supplier;
import org.aftersales.shared.evidence.EvidenceKey;
import org.aftersales.shared.evidence.EvidenceStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.ReturnRepository.WithdrawalRecord;

/**
 * LAW-3 (Art. 11a, a durable medium): the copy of a withdrawal's record kept with the evidence, in
 * the evidence bucket at {@link EvidenceKey#withdrawalRecord} ({@code withdrawals/{withdrawalId}
 * .json}), a key no upload URL can name (upload URLs are signed for {@code claims/} keys only). Its
 * content is {@link WithdrawalView#record} — the same bytes for the same record — written with
 * {@code If-None-Match: *}, so an object once there is never replaced. The table's record stays the
 * authority (docs/withdrawal.md); this copy outlives the table's item for the bucket's retention.
 *
 * @param evidence asked for on the first copy (the S3 client is built then, not before)
 */
record WithdrawalRecordCopy(Supplier<EvidenceStore> evidence) {

  static final String CONTENT_TYPE = "application/json";

  /**
   * Writes the copy unless one is there (one PutObject); an S3 failure propagates (the caller's
   * retry writes it).
   */
  void keep(WithdrawalRecord record) {
    evidence
        .get()
        .createOnce(
            EvidenceKey.withdrawalRecord(record.withdrawalId()), content(record), CONTENT_TYPE);
  }

  /** The copy's bytes: {@link WithdrawalView#record} as JSON. */
  static byte[] content(WithdrawalRecord record) {
    return Json.write(WithdrawalView.record(record)).getBytes(UTF_8);
  }
}
