package org.aftersales.shared.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvidenceKeyTest {

  @Test
  void builds_and_parses_claims_claim_id_kind_upload_id() {
    EvidenceKey key = new EvidenceKey("cl-1", "SHIPPING_LABEL", "up_2.pdf");

    assertThat(key.value()).isEqualTo("claims/cl-1/SHIPPING_LABEL/up_2.pdf");
    assertThat(EvidenceKey.parse(key.value())).isEqualTo(key);
    assertThat(EvidenceKey.claimPrefix("cl-1")).isEqualTo("claims/cl-1/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "a b", "ü"})
  void a_part_must_be_one_plain_path_segment(String bad) {
    assertThatThrownBy(() -> new EvidenceKey(bad, "PROBLEM", "u"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EvidenceKey("c", bad, "u"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EvidenceKey("c", "PROBLEM", bad))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "claims/c/PROBLEM",
        "claims/c/PROBLEM/u/x",
        "other/c/PROBLEM/u",
        "claims/../PROBLEM/u"
      })
  void parseRefusesOtherKeys(String key) {
    assertThatThrownBy(() -> EvidenceKey.parse(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_withdrawal_record_is_kept_under_its_own_prefix() {
    assertThat(EvidenceKey.withdrawalRecord("wd-1a2b")).isEqualTo("withdrawals/wd-1a2b.json");
    assertThatThrownBy(() -> EvidenceKey.withdrawalRecord("../claims/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * LAW-3: upload URLs are signed only for {@link EvidenceKey#value()} (claims' {@code IssueUpload}
   * builds an EvidenceKey; the store's presigner takes nothing else), so no upload can write a
   * withdrawal record: whatever the parts, even named like a record's key, an upload key starts
   * with {@code claims/} and never with, or equal to, anything under {@code withdrawals/}.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"withdrawals", "wd-1a2b.json", "withdrawals.json", "wd-1a2b", "..a", "W", "x.."})
  void no_upload_key_reaches_a_withdrawal_record(String part) {
    String record = EvidenceKey.withdrawalRecord("wd-1a2b");
    for (EvidenceKey upload :
        java.util.List.of(
            new EvidenceKey(part, "PROBLEM", "u"),
            new EvidenceKey("c", part, "u"),
            new EvidenceKey("c", "PROBLEM", part),
            new EvidenceKey(part, part, part))) {
      assertThat(upload.value())
          .startsWith(EvidenceKey.PREFIX)
          .doesNotStartWith(EvidenceKey.WITHDRAWALS_PREFIX)
          .isNotEqualTo(record);
      assertThat(upload.acceptedKey("0A1B"))
          .doesNotStartWith(EvidenceKey.WITHDRAWALS_PREFIX)
          .isNotEqualTo(record);
    }
    assertThat(EvidenceKey.WITHDRAWALS_PREFIX)
        .doesNotStartWith(EvidenceKey.PREFIX)
        .doesNotStartWith(EvidenceKey.ACCEPTED_PREFIX);
  }
}
