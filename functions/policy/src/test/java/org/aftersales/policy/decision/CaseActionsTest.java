package org.aftersales.policy.decision;

import static org.aftersales.policy.decision.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnReason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CaseActionsTest {

  private static ReturnUpdate authorised() {
    return ReturnPolicyTest.ask(
            ReturnPolicyTest.DELIVERED,
            1,
            ReturnReason.UNWANTED,
            ItemCondition.MINT_UNUSED,
            ReturnPolicyTest.DAY_10)
        .value();
  }

  @Test
  @DisplayName("RET-2 RET-9 an authorised return is sent or withdrawn until its send by date")
  void RET_2_RET_9_an_authorised_return_is_sent_or_withdrawn_until_its_send_by_date() {
    ReturnCase r = authorised().returnCase(); // send by 2026-09-25, Berlin
    Instant lastSecond = Instant.parse("2026-09-25T21:59:59Z");
    OrderActions.Action send = CaseActions.send(r, POLICY, lastSecond);
    assertThat(send.allowed()).isTrue();
    assertThat(send.until()).isEqualTo(LocalDate.parse("2026-09-25"));
    assertThat(send.ruleIds()).containsExactly("RET-2", "RET-9");
    assertThat(CaseActions.withdraw(r, POLICY, lastSecond).allowed()).isTrue();

    Instant dayAfter = Instant.parse("2026-09-25T22:00:00Z");
    OrderActions.Action late = CaseActions.send(r, POLICY, dayAfter);
    assertThat(late.allowed()).isFalse();
    assertThat(late.message()).contains("expired");
    assertThat(CaseActions.withdraw(r, POLICY, dayAfter).allowed()).isFalse();
  }

  @Test
  @DisplayName("RET-9 a withdrawn return offers nothing more")
  void RET_9_a_withdrawn_return_offers_nothing_more() {
    ReturnUpdate authorised = authorised();
    ReturnCase withdrawn =
        ReturnPolicy.withdraw(
                authorised.returnCase(), authorised.order(), ReturnPolicyTest.DAY_10.plusSeconds(5))
            .value()
            .returnCase();
    OrderActions.Action send = CaseActions.send(withdrawn, POLICY, ReturnPolicyTest.DAY_10);
    assertThat(send.allowed()).isFalse();
    assertThat(send.message()).isEqualTo("The return was withdrawn.");
  }

  @Test
  @DisplayName("DOA-2 DOA-7 a claim takes files until its evidence expiry and none under review")
  void DOA_2_DOA_7_a_claim_takes_files_until_its_evidence_expiry_and_none_under_review() {
    ClaimCase opened = DoaPolicyTest.open(DoaPolicyTest.DAY_3).claim(); // 4 Sep 2026
    OrderActions.Action upload = CaseActions.upload(opened, POLICY, DoaPolicyTest.DAY_3);
    assertThat(upload.allowed()).isTrue();
    assertThat(upload.until())
        .isEqualTo(LocalDate.parse("2026-09-04").plusDays(POLICY.evidenceExpiryDays()));
    assertThat(upload.ruleIds()).containsExactly("DOA-2", "DOA-7");

    Instant tooLate =
        DoaPolicyTest.DAY_3.plus(java.time.Duration.ofDays(POLICY.evidenceExpiryDays() + 1));
    assertThat(CaseActions.upload(opened, POLICY, tooLate).allowed()).isFalse();

    ClaimCase review = DoaPolicyTest.underReview().claim();
    OrderActions.Action none = CaseActions.upload(review, POLICY, DoaPolicyTest.DAY_3);
    assertThat(none.allowed()).isFalse();
    assertThat(none.message()).contains("reviewing");
  }
}
