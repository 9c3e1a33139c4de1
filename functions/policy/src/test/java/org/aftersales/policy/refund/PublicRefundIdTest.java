package org.aftersales.policy.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicRefundIdTest {

  @Test
  void the_public_id_puts_the_order_in_front_of_the_ledger_id() {
    String ledgerId = RefundIds.of(RefundSource.CANCELLATION, "c-7f3a");

    PublicRefundId id = new PublicRefundId("o-1001", ledgerId);

    assertThat(id.value()).isEqualTo("o-1001~rf-cancellation-c-7f3a");
    assertThat(PublicRefundId.parse(id.value())).contains(id);
  }

  @Test
  void an_order_id_holding_the_separator_still_splits_at_the_ledger_id() {
    String ledgerId = RefundIds.of(RefundSource.RETURN, "r 1/2~x");

    PublicRefundId parsed = PublicRefundId.parse("we~ird~" + ledgerId).orElseThrow();

    assertThat(ledgerId).doesNotContain("~");
    assertThat(parsed.orderId()).isEqualTo("we~ird");
    assertThat(parsed.refundId()).isEqualTo(ledgerId);
  }

  @Test
  void ids_without_an_order_or_ledger_part_are_not_public_ids() {
    assertThat(PublicRefundId.parse("rf-cancellation-c-7f3a")).isEmpty();
    assertThat(PublicRefundId.parse("~rf-cancellation-c-7f3a")).isEmpty();
    assertThat(PublicRefundId.parse("o-1~")).isEmpty();
    assertThat(PublicRefundId.parse(null)).isEmpty();
    assertThatThrownBy(() -> new PublicRefundId("o-1", "a~b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
