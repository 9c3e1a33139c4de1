package org.aftersales.policy.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.OrderValidation;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderPricingTest {
  private static final UnitRef L1_0 = new UnitRef("L1", 0);
  private static final UnitRef L1_1 = new UnitRef("L1", 1);

  @Test
  @DisplayName("GEN-2 GEN-3 api example paid prices and delivery shares")
  void GEN_2_GEN_3_api_example_paid_prices_and_delivery_shares() {
    OrderPricing p = OrderPricing.of(TestOrders.apiExample());
    // line 2 × 29.99 − 5.00 order discount = 54.98 → 27.49 each; delivery 4.99 → 2.50 + 2.49
    assertThat(p.paidPrice(L1_0)).isEqualTo(Money.of(2749, "EUR"));
    assertThat(p.paidPrice(L1_1)).isEqualTo(Money.of(2749, "EUR"));
    assertThat(p.deliveryShare(L1_0)).isEqualTo(Money.of(250, "EUR"));
    assertThat(p.deliveryShare(L1_1)).isEqualTo(Money.of(249, "EUR"));
    assertThat(p.ceiling(L1_0).plus(p.ceiling(L1_1))).isEqualTo(p.paidTotal());
  }

  @Test
  @DisplayName("GEN-2 order level discount is spread over lines by value after line discounts")
  void GEN_2_order_level_discount_is_spread_over_lines_by_value_after_line_discounts() {
    LineSpec big =
        new LineSpec(
            "L1", "s1", "lamp", "home", 1, 3500, 500, 0, List.of()); // 3000 after line discount
    LineSpec small = new LineSpec("L2", "s2", "bulb", "home", 2, 500, 0, 0, List.of()); // 1000
    OrderSpec spec =
        new OrderSpec(
            "o",
            "c",
            TestOrders.EUR,
            TestOrders.PLACED,
            TestOrders.SHIP_BY,
            List.of(big, small),
            400,
            0,
            3600,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 1), new ParcelLine("L2", 2)))));
    assertThat(OrderValidation.validate(spec)).isEmpty();
    OrderPricing p = OrderPricing.of(spec);
    assertThat(p.orderDiscountShare("L1")).isEqualTo(Money.of(300, "EUR"));
    assertThat(p.orderDiscountShare("L2")).isEqualTo(Money.of(100, "EUR"));
    assertThat(p.paidPrice(L1_0)).isEqualTo(Money.of(2700, "EUR"));
    assertThat(p.paidPrice(new UnitRef("L2", 0))).isEqualTo(Money.of(450, "EUR"));
    assertThat(p.paidPrice(new UnitRef("L2", 1))).isEqualTo(Money.of(450, "EUR"));
  }

  @Test
  @DisplayName(
      "GEN-2 line tax is part of the paid price and uneven lines split by largest remainder")
  void GEN_2_line_tax_is_part_of_the_paid_price_and_uneven_lines_split_by_largest_remainder() {
    OrderPricing p = OrderPricing.of(TestOrders.twoParcels());
    // after line discounts: L1 5998, L2 900; order discount 300 → 260.81.. / 39.13.. → 261 / 39
    assertThat(p.orderDiscountShare("L1")).isEqualTo(Money.of(261, "EUR"));
    assertThat(p.orderDiscountShare("L2")).isEqualTo(Money.of(39, "EUR"));
    assertThat(p.linePaid("L1")).isEqualTo(Money.of(5737, "EUR"));
    assertThat(p.paidPrice(L1_0)).isEqualTo(Money.of(2869, "EUR")); // 5737 = 2869 + 2868
    assertThat(p.paidPrice(L1_1)).isEqualTo(Money.of(2868, "EUR"));
    assertThat(p.paidPrice(new UnitRef("L2", 0))).isEqualTo(Money.of(911, "EUR")); // 900 − 39 + 50
  }

  @Test
  @DisplayName("GEN-3 delivery is spread by paid price")
  void GEN_3_delivery_is_spread_by_paid_price() {
    OrderPricing p = OrderPricing.of(TestOrders.twoParcels());
    // 600 × [2869, 2868, 911] / 6648 = 258.9, 258.8, 82.2 → floors 258, 258, 82; the 2 left go to
    // the two largest remainders
    long d0 = p.deliveryShare(L1_0).amount();
    long d1 = p.deliveryShare(L1_1).amount();
    long d2 = p.deliveryShare(new UnitRef("L2", 0)).amount();
    assertThat(new long[] {d0, d1, d2}).containsExactly(259, 259, 82);
    assertThat(d0 + d1 + d2).isEqualTo(600);
  }

  @Test
  @DisplayName("GEN-1 GEN-2 jpy order has whole yen")
  void GEN_1_GEN_2_jpy_order_has_whole_yen() {
    OrderPricing p = OrderPricing.of(TestOrders.jpy());
    // 5940 − 100 = 5840 → 1947, 1947, 1946; delivery 500 → 167, 167, 166
    assertThat(p.paidPrice(new UnitRef("L1", 0))).isEqualTo(Money.of(1947, "JPY"));
    assertThat(p.paidPrice(new UnitRef("L1", 2))).isEqualTo(Money.of(1946, "JPY"));
    assertThat(p.deliveryShare(new UnitRef("L1", 0))).isEqualTo(Money.of(167, "JPY"));
    assertThat(p.deliveryShare(new UnitRef("L1", 2))).isEqualTo(Money.of(166, "JPY"));
    assertThat(p.paidTotal()).isEqualTo(Money.of(6340, "JPY"));
    assertThat(p.paidPrice(new UnitRef("L1", 0)).currency()).isEqualTo(Currency.getInstance("JPY"));
  }

  @Test
  @DisplayName("GEN-3 free items share delivery evenly when everything is free")
  void GEN_3_free_items_share_delivery_evenly_when_everything_is_free() {
    LineSpec free = new LineSpec("L1", "s", "gift", "home", 2, 0, 0, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o",
            "c",
            TestOrders.EUR,
            TestOrders.PLACED,
            TestOrders.SHIP_BY,
            List.of(free),
            0,
            301,
            301,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 2)))));
    OrderPricing p = OrderPricing.of(spec);
    assertThat(p.deliveryShare(L1_0)).isEqualTo(Money.of(151, "EUR"));
    assertThat(p.deliveryShare(L1_1)).isEqualTo(Money.of(150, "EUR"));
  }

  @Test
  void unknown_units_are_refused() {
    OrderPricing p = OrderPricing.of(TestOrders.apiExample());
    assertThatThrownBy(() -> p.paidPrice(new UnitRef("L1", 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("GEN-1 GEN-3 a KWD order keeps three decimals: 1.250 KWD items, 0.501 KWD delivery")
  void GEN_1_GEN_3_kwd_order_in_fils() {
    LineSpec line = new LineSpec("L1", "s", "lamp", "home", 2, 1250, 0, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o-kw",
            "c",
            TestOrders.KWD,
            TestOrders.PLACED,
            TestOrders.SHIP_BY,
            List.of(line),
            0,
            501,
            3001,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 2)))));
    assertThat(OrderValidation.validate(spec)).isEmpty();
    OrderPricing p = OrderPricing.of(spec);
    assertThat(p.paidPrice(L1_0)).hasToString("1.250 KWD");
    assertThat(p.deliveryShare(L1_0)).hasToString("0.251 KWD");
    assertThat(p.deliveryShare(L1_1)).hasToString("0.250 KWD");
  }
}
