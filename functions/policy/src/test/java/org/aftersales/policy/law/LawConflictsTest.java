package org.aftersales.policy.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.document.StorePolicies;
import org.junit.jupiter.api.Test;

class LawConflictsTest {

  private static final PolicyDocument POLICY = StorePolicies.book().versions().getLast();

  private static List<String> raised(String country) {
    return LawConflicts.in(POLICY, POLICY.law().in(country)).stream()
        .map(r -> r.storeRuleId() + ">" + r.lawRuleId() + ": " + r.how())
        .toList();
  }

  @Test
  void LAW_6_the_law_raises_the_return_terms_everywhere_in_the_EU() {
    List<String> de = raised("DE");
    assertThat(de).anyMatch(r -> r.startsWith("RET-1>LAW-1") && r.contains("14 days"));
    assertThat(de).anyMatch(r -> r.startsWith("RET-4>LAW-2") && r.contains("cheapest standard"));
    assertThat(de).anyMatch(r -> r.startsWith("GEN-5>LAW-2") && r.contains("14 days"));
    assertThat(de).anyMatch(r -> r.startsWith("RET-2>LAW-3"));
  }

  @Test
  void LAW_6_a_non_returnable_category_outside_Art_16_is_raised_and_one_inside_is_not() {
    List<String> de = raised("DE");
    assertThat(de).anyMatch(r -> r.startsWith("RET-8>LAW-1") && r.contains("gift-cards"));
    assertThat(de).noneMatch(r -> r.startsWith("RET-8") && r.contains("personal-care"));
    assertThat(de).noneMatch(r -> r.startsWith("RET-8") && r.contains("software"));
  }

  @Test
  void LAW_6_a_category_warranty_below_the_country_guarantee_is_raised() {
    assertThat(raised("DE"))
        .anyMatch(r -> r.startsWith("RET-7>LAW-5") && r.contains("accessories"))
        .noneMatch(r -> r.startsWith("RET-7") && r.contains("of electronics"));
    // Spain's 36 months raise even the 24 month electronics warranty
    assertThat(raised("ES"))
        .anyMatch(r -> r.startsWith("RET-7>LAW-5") && r.contains("of electronics"));
  }

  @Test
  void LAW_6_a_longer_national_presumption_raises_WAR_5() {
    int store = POLICY.warrantyTerms().presumptionMonths();
    assertThat(raised("FR").stream().anyMatch(r -> r.startsWith("WAR-5>LAW-5")))
        .isEqualTo(store < 24);
    assertThat(raised("DE").stream().anyMatch(r -> r.startsWith("WAR-5>LAW-5")))
        .isEqualTo(store < 12);
  }
}
