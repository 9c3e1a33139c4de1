package org.aftersales.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.ProblemType;
import org.junit.jupiter.api.Test;

/**
 * S3 sequencers (compared after left-padding) and the per-key event bookkeeping of a stored claim.
 */
class ClaimTest {

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private static Claim claim() {
    ClaimCase state =
        new ClaimCase(
            "cl-1",
            "o-1",
            "L1",
            new UnitRef("L1", 0),
            ProblemType.DAMAGED,
            null,
            ClaimStatus.AWAITING_EVIDENCE,
            NOW,
            NOW,
            Set.of(),
            List.of(),
            null,
            null,
            ClaimCoverage.STORED_DOA,
            null);
    return Claim.opened(state, "c-1", "2026-06");
  }

  @Test
  void sequencers_of_different_lengths_compare_after_left_padding() {
    assertThat(Claim.compareSequencers("0A", "9"))
        .isPositive(); // 0x0A > 0x09, though "0A" < "9" as text
    assertThat(Claim.compareSequencers("9", "0A")).isNegative();
    assertThat(Claim.compareSequencers("0055AED6DCD90281E5", "55AED6DCD90281E5")).isZero();
    assertThat(Claim.compareSequencers("0055AED6DCD90281E6", "55aed6dcd90281e5")).isPositive();
  }

  @Test
  void only_a_newer_event_for_an_upload_key_is_new() {
    Claim seen =
        claim()
            .withFile(
                "claims/cl-1/PROBLEM/u1",
                accepted("0B"),
                claim().state().withEvidence(EvidenceKind.PROBLEM));

    assertThat(seen.isNewEvent("claims/cl-1/PROBLEM/u1", "0B")).isFalse(); // the same event again
    assertThat(seen.isNewEvent("claims/cl-1/PROBLEM/u1", "A")).isFalse(); // an older one, shorter
    assertThat(seen.isNewEvent("claims/cl-1/PROBLEM/u1", "00C")).isTrue(); // a newer overwrite
    assertThat(seen.isNewEvent("claims/cl-1/PROBLEM/u2", "01")).isTrue(); // another key
    assertThat(seen.files())
        .extracting(Claim.EvidenceFile::key)
        .containsExactly("accepted/cl-1/PROBLEM/u1/0B");
  }

  @Test
  void a_rejected_newer_version_of_an_upload_key_leaves_the_accepted_file_listed() { // accepted
    // evidence is
    // immutable
    Claim valid = claim().withFile("claims/cl-1/PROBLEM/u1", accepted("0B"), claim().state());
    Claim rejected = valid.withRejectedFile("claims/cl-1/PROBLEM/u1", "0C", valid.state());
    assertThat(rejected.files()).isEqualTo(valid.files());
    assertThat(rejected.sequencers()).containsEntry("claims/cl-1/PROBLEM/u1", "0C");
  }

  private static Claim.EvidenceFile accepted(String sequencer) {
    return new Claim.EvidenceFile(
        "accepted/cl-1/PROBLEM/u1/" + sequencer,
        EvidenceKind.PROBLEM,
        "image/jpeg",
        10,
        sequencer,
        NOW);
  }
}
