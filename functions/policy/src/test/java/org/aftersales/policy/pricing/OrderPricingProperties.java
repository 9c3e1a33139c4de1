package org.aftersales.policy.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.OrderValidation;
import org.aftersales.policy.order.UnitRef;

class OrderPricingProperties {

  @Property(tries = 500)
  @Label("GEN-2 GEN-3 paid prices plus delivery shares equal paid total")
  void GEN_2_GEN_3_paid_prices_plus_delivery_shares_equal_paid_total(
      @ForAll long seed, @ForAll("currencies") String code) {
    OrderSpec spec = TestOrders.random(seed, Currency.getInstance(code));
    assertThat(OrderValidation.validate(spec)).isEmpty();
    OrderPricing p = OrderPricing.of(spec);
    Money sum = Money.zero(spec.currency());
    for (UnitRef u : p.units()) {
      assertThat(p.paidPrice(u).amount()).isNotNegative();
      assertThat(p.deliveryShare(u).amount()).isNotNegative();
      sum = sum.plus(p.paidPrice(u)).plus(p.deliveryShare(u));
    }
    assertThat(sum).isEqualTo(p.paidTotal());
    assertThat(p.units()).hasSize(spec.units().size());
    // deterministic
    OrderPricing again = OrderPricing.of(spec);
    for (UnitRef u : p.units()) {
      assertThat(again.paidPrice(u)).isEqualTo(p.paidPrice(u));
      assertThat(again.deliveryShare(u)).isEqualTo(p.deliveryShare(u));
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> currencies() {
    return net.jqwik.api.Arbitraries.of("EUR", "JPY", "KWD", "USD");
  }
}
