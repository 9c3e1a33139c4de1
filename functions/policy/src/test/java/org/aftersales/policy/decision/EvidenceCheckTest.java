package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.aftersales.policy.document.EvidenceKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EvidenceCheckTest {
  static final byte[] JPEG = {
    (byte) 0xFF,
    (byte) 0xD8,
    (byte) 0xFF,
    (byte) 0xE0,
    0,
    0x10,
    'J',
    'F',
    'I',
    'F',
    0,
    1,
    1,
    0,
    0,
    1
  };
  static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'
  };
  static final byte[] MP4 = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};

  @Test
  @DisplayName("DOA-3 real images and videos pass")
  void DOA_3_real_images_and_videos_pass() {
    assertThat(EvidenceCheck.check(POLICY, EvidenceKind.PROBLEM, "image/jpeg", 120_000, JPEG).ok())
        .isTrue();
    assertThat(
            EvidenceCheck.check(POLICY, EvidenceKind.SHIPPING_LABEL, "image/png", 120_000, PNG)
                .ok())
        .isTrue();
    assertThat(EvidenceCheck.check(POLICY, EvidenceKind.PROBLEM, "video/mp4", 9_000_000, MP4).ok())
        .isTrue();
  }

  @Test
  @DisplayName("DOA-3 content that is not what it claims is rejected")
  void DOA_3_content_that_is_not_what_it_claims_is_rejected() {
    byte[] html = "<html><body>hi</body>".getBytes(StandardCharsets.US_ASCII);
    EvidenceCheck.Verdict v =
        EvidenceCheck.check(POLICY, EvidenceKind.PACKAGING, "image/jpeg", 500, html);
    assertThat(v.ok()).isFalse();
    assertThat(v.reason()).contains("not a real image/jpeg");
    assertThat(EvidenceCheck.check(POLICY, EvidenceKind.PACKAGING, "image/png", 500, JPEG).ok())
        .isFalse();
    assertThat(
            EvidenceCheck.check(
                    POLICY, EvidenceKind.PACKAGING, "image/jpeg", 500, new byte[] {(byte) 0xFF})
                .ok())
        .isFalse();
  }

  @Test
  @DisplayName("DOA-3 size limits and content types come from the policy")
  void DOA_3_size_limits_and_content_types_come_from_the_policy() {
    EvidenceCheck.Verdict tooBig =
        EvidenceCheck.check(POLICY, EvidenceKind.SHIPPING_LABEL, "image/jpeg", 10_485_761, JPEG);
    assertThat(tooBig.reason()).contains("10485760");
    assertThat(
            EvidenceCheck.check(POLICY, EvidenceKind.SHIPPING_LABEL, "image/jpeg", 10_485_760, JPEG)
                .ok())
        .isTrue();
    assertThat(
            EvidenceCheck.check(POLICY, EvidenceKind.SHIPPING_LABEL, "video/mp4", 1000, MP4)
                .reason())
        .contains("must be one of");
    assertThat(EvidenceCheck.check(POLICY, EvidenceKind.PROBLEM, "image/jpeg", 0, JPEG).reason())
        .contains("empty");
  }
}
