package org.aftersales.policy.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.aftersales.policy.decision.RefusalCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StateMachineTest {

  @Test
  @DisplayName("RET-9 return life authorized received refunded or rejected or withdrawn or expired")
  void RET_9_return_life_authorized_received_refunded_or_rejected_or_withdrawn_or_expired() {
    assertThat(ReturnStatus.AUTHORIZED.next())
        .containsExactlyInAnyOrder(
            ReturnStatus.RECEIVED, ReturnStatus.WITHDRAWN, ReturnStatus.EXPIRED);
    assertThat(ReturnStatus.RECEIVED.next())
        .containsExactlyInAnyOrder(ReturnStatus.REFUNDED, ReturnStatus.REJECTED);
    for (ReturnStatus s :
        new ReturnStatus[] {
          ReturnStatus.REFUNDED, ReturnStatus.REJECTED, ReturnStatus.WITHDRAWN, ReturnStatus.EXPIRED
        }) {
      assertThat(s.isFinal()).isTrue();
    }
    assertThat(ReturnStatus.RECEIVED.moveTo(ReturnStatus.WITHDRAWN).refusal().code())
        .isEqualTo(RefusalCode.ILLEGAL_TRANSITION);
    assertThat(ReturnStatus.AUTHORIZED.moveTo(ReturnStatus.REFUNDED).accepted()).isFalse();
    assertThat(ReturnStatus.AUTHORIZED.moveTo(ReturnStatus.RECEIVED).value())
        .isEqualTo(ReturnStatus.RECEIVED);
  }

  @Test
  @DisplayName("DOA-2 DOA-4 DOA-7 claim life")
  void DOA_2_DOA_4_DOA_7_claim_life() {
    assertThat(ClaimStatus.AWAITING_EVIDENCE.next())
        .containsExactlyInAnyOrder(ClaimStatus.UNDER_REVIEW, ClaimStatus.EXPIRED);
    assertThat(ClaimStatus.UNDER_REVIEW.canMoveTo(ClaimStatus.NEEDS_INFO)).isTrue();
    assertThat(ClaimStatus.NEEDS_INFO.canMoveTo(ClaimStatus.UNDER_REVIEW)).isTrue();
    assertThat(ClaimStatus.NEEDS_INFO.canMoveTo(ClaimStatus.EXPIRED)).isTrue();
    assertThat(ClaimStatus.NEEDS_INFO.canMoveTo(ClaimStatus.REJECTED)).isTrue();
    assertThat(ClaimStatus.NEEDS_INFO.canMoveTo(ClaimStatus.NEEDS_INFO)).isFalse();
    assertThat(ClaimStatus.UNDER_REVIEW.canMoveTo(ClaimStatus.EXPIRED)).isFalse();
    assertThat(
            ClaimStatus.AWAITING_EVIDENCE
                .moveTo(ClaimStatus.APPROVED_FULL_REFUND)
                .refusal()
                .code()
                .code())
        .isEqualTo("illegal-transition");
    for (ClaimOutcome o : ClaimOutcome.values()) {
      assertThat(ClaimStatus.UNDER_REVIEW.canMoveTo(o.status())).as(o.name()).isTrue();
    }
    assertThat(ClaimStatus.APPROVED_PARTIAL_REFUND.isDecided()).isTrue();
    assertThat(ClaimStatus.EXPIRED.isDecided()).isFalse();
    assertThat(ClaimStatus.EXPIRED.isFinal()).isTrue();
    assertThat(ClaimStatus.REJECTED.next()).isEmpty();
  }
}
