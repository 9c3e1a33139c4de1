package org.aftersales.policy.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.Map;
import java.util.Set;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.document.StorePolicies;
import org.junit.jupiter.api.Test;

class StatutoryTermsTest {

  private static final StatutoryTerms LAW = StorePolicies.book().versions().getLast().law();

  @Test
  void statutory_law_1_the_list_holds_the_27_EU_states_and_the_3_EEA_states() {
    assertThat(LAW.countries()).hasSize(30).contains("DE", "FR", "GR", "IE", "NO", "IS", "LI");
    assertThat(LAW.countries()).doesNotContain("GB", "CH", "US", "EL");
  }

  @Test
  void statutory_law_1_the_withdrawal_period_is_14_days_with_its_article_in_every_country() {
    for (String c : LAW.countries()) {
      assertThat(LAW.in(c).withdrawalDays().value()).as(c).isEqualTo(14);
      assertThat(LAW.in(c).withdrawalDays().source()).as(c).contains("2011/83/EU Art. 9");
    }
  }

  @Test
  void statutory_law_5_the_directives_values_hold_where_no_national_law_differs() {
    CountryLaw de = LAW.in("de");
    assertThat(de.guaranteeMonths().value()).isEqualTo(24);
    assertThat(de.guaranteeMonths().source()).contains("2019/771 Art. 10");
    assertThat(de.presumptionMonths().value()).isEqualTo(12);
    assertThat(de.presumptionMonths().source()).contains("2019/771 Art. 11");
    assertThat(de.repairExtensionMonths().value()).isEqualTo(12);
    assertThat(de.repairExtensionMonths().source()).contains("2024/1799");
  }

  @Test
  void statutory_law_5_national_values_differ_where_a_state_set_its_own_and_name_their_law() {
    assertThat(LAW.in("ES").guaranteeMonths().value()).isEqualTo(36);
    assertThat(LAW.in("ES").presumptionMonths().value()).isEqualTo(24);
    assertThat(LAW.in("PT").guaranteeMonths().source()).startsWith("PT ");
    assertThat(LAW.in("FR").guaranteeMonths().value()).isEqualTo(24);
    assertThat(LAW.in("FR").presumptionMonths().value()).isEqualTo(24);
    assertThat(LAW.in("FR").presumptionMonths().source()).contains("L217-7");
  }

  @Test
  void statutory_law_1_a_country_outside_the_list_has_no_values() {
    assertThat(LAW.covers("US")).isFalse();
    assertThat(LAW.covers(null)).isFalse();
    assertThatThrownBy(() -> LAW.in("US")).hasMessageContaining("US is not in the EU/EEA list");
  }

  @Test
  void statutory_law_1_excluded_categories_name_their_point_of_Art_16() {
    assertThat(LAW.exclusion("Custom-Made"))
        .get()
        .extracting(Exclusion::article)
        .asString()
        .contains("Art. 16(c)");
    assertThat(LAW.exclusion("custom-made").get().onlyOnceUnsealed()).isFalse();
    assertThat(LAW.exclusion("personal-care").get().onlyOnceUnsealed()).isTrue();
    assertThat(LAW.exclusion("electronics")).isEmpty();
  }

  @Test
  void statutory_law_2_cheapest_delivery_per_currency_and_the_store_pays_the_return() {
    assertThat(LAW.deliveryCap(Currency.getInstance("EUR"))).contains(499L);
    assertThat(LAW.deliveryCap(Currency.getInstance("USD"))).isEmpty();
    assertThat(LAW.consumerBearsReturnCost()).isFalse();
  }

  @Test
  void GEN_7_every_policy_version_carries_its_statutory_section() {
    for (PolicyDocument v : StorePolicies.book().versions()) {
      assertThat(v.law().covers("DE")).as(v.version()).isTrue();
    }
  }

  @Test
  void statutory_law_5_invalid_statutory_values_are_refused() {
    Sourced s = new Sourced(12, "x");
    assertThatThrownBy(() -> new Sourced(0, "x")).hasMessageContaining("positive");
    assertThatThrownBy(() -> new Sourced(14, " ")).hasMessageContaining("names its source");
    assertThatThrownBy(() -> new CountryLaw(s, new Sourced(6, "y"), s, s))
        .hasMessageContaining("can not outlast the guarantee");
    assertThatThrownBy(
            () ->
                new StatutoryTerms(
                    Set.of("DE"),
                    LAW.defaults(),
                    Map.of("US", LAW.defaults()),
                    Map.of(),
                    Map.of(),
                    false))
        .hasMessageContaining("US, which is not in the EU/EEA list");
    assertThatThrownBy(
            () ->
                new StatutoryTerms(
                    Set.of("DE"), LAW.defaults(), Map.of(), Map.of(), Map.of("EURO", 1L), false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
