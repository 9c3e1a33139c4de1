package org.aftersales.policy.law;

import static org.assertj.core.api.Assertions.assertThat;

import org.aftersales.policy.document.StorePolicies;
import org.junit.jupiter.api.Test;

class JurisdictionTest {

  private static final StatutoryTerms LAW = StorePolicies.book().versions().getLast().law();

  /** An order delivered to {@code country} whose parcel P2 goes to {@code p2Country}. */
  private static ConsumerFacts order(Buyer buyer, String country, String p2Country) {
    return ConsumerFacts.of(buyer, country, java.util.Map.of("P2", p2Country));
  }

  @Test
  void statutory_law_1_a_consumer_delivered_in_the_EU_is_covered() {
    Jurisdiction j = Jurisdiction.ofOrder(ConsumerFacts.of(Buyer.CONSUMER, "de"), LAW);
    assertThat(j.consumerLaw()).isTrue();
    assertThat(j.country()).isEqualTo("DE");
    assertThat(j.explanation()).contains("EU consumer law applies").contains("DE");
  }

  @Test
  void statutory_law_1_an_EEA_country_is_covered() {
    assertThat(Jurisdiction.judge(Buyer.CONSUMER, "NO", LAW).consumerLaw()).isTrue();
    assertThat(Jurisdiction.judge(Buyer.CONSUMER, "IS", LAW).consumerLaw()).isTrue();
    assertThat(Jurisdiction.judge(Buyer.CONSUMER, "LI", LAW).consumerLaw()).isTrue();
  }

  @Test
  void statutory_law_1_a_business_buyer_is_not_covered() {
    Jurisdiction j = Jurisdiction.judge(Buyer.BUSINESS, "DE", LAW);
    assertThat(j.consumerLaw()).isFalse();
    assertThat(j.explanation()).contains("business");
  }

  @Test
  void statutory_law_1_a_non_EU_country_is_not_covered() {
    for (String c : new String[] {"US", "GB", "CH", "TR"}) {
      Jurisdiction j = Jurisdiction.judge(Buyer.CONSUMER, c, LAW);
      assertThat(j.consumerLaw()).as(c).isFalse();
      assertThat(j.explanation()).contains(c + " is not in the EU or EEA");
    }
  }

  @Test
  void statutory_law_1_an_order_that_names_no_country_is_judged_by_the_store_terms() {
    Jurisdiction j = Jurisdiction.ofOrder(ConsumerFacts.UNKNOWN, LAW);
    assertThat(j.consumerLaw()).isFalse();
    assertThat(j.buyer()).isEqualTo(Buyer.CONSUMER);
    assertThat(j.explanation()).contains("names no delivery country");
    assertThat(Jurisdiction.judge(null, "DE", LAW).buyer()).isEqualTo(Buyer.CONSUMER);
  }

  @Test
  void statutory_law_1_a_parcel_address_country_overrides_the_order_country() {
    ConsumerFacts toUsWithGermanParcel = order(Buyer.CONSUMER, "US", "DE");
    assertThat(Jurisdiction.ofOrder(toUsWithGermanParcel, LAW).consumerLaw()).isFalse();
    assertThat(Jurisdiction.ofParcel(toUsWithGermanParcel, "P1", LAW).consumerLaw()).isFalse();
    assertThat(Jurisdiction.ofParcel(toUsWithGermanParcel, "P2", LAW).consumerLaw()).isTrue();

    ConsumerFacts toGermanyWithSwissParcel = order(Buyer.CONSUMER, "DE", "CH");
    assertThat(Jurisdiction.ofParcel(toGermanyWithSwissParcel, "P1", LAW).consumerLaw()).isTrue();
    assertThat(Jurisdiction.ofParcel(toGermanyWithSwissParcel, "P2", LAW).country())
        .isEqualTo("CH");
    assertThat(Jurisdiction.ofParcel(toGermanyWithSwissParcel, "P2", LAW).consumerLaw()).isFalse();
  }

  @Test
  void statutory_law_1_a_business_parcel_to_the_EU_is_still_not_covered() {
    assertThat(Jurisdiction.ofParcel(order(Buyer.BUSINESS, "US", "FR"), "P2", LAW).consumerLaw())
        .isFalse();
  }
}
