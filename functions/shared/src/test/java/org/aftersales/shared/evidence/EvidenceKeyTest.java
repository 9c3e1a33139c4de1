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
}
