package org.aftersales.policy.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  @DisplayName("GEN-1 minor units follow iso 4217 digits")
  void GEN_1_minor_units_follow_iso_4217_digits() {
    assertThat(Money.of(1500, "JPY").fractionDigits()).isZero();
    assertThat(Money.of(1999, "EUR").fractionDigits()).isEqualTo(2);
    assertThat(Money.of(1250, "KWD").fractionDigits()).isEqualTo(3);
    assertThat(Money.of(1500, "JPY")).hasToString("1500 JPY");
    assertThat(Money.of(1999, "EUR")).hasToString("19.99 EUR");
    assertThat(Money.of(1250, "KWD")).hasToString("1.250 KWD");
    assertThat(Money.of(-5, "EUR")).hasToString("-0.05 EUR");
  }

  @Test
  @DisplayName("GEN-1 arithmetic is exact integer arithmetic")
  void GEN_1_arithmetic_is_exact_integer_arithmetic() {
    Money a = Money.of(1999, "EUR");
    Money b = Money.of(1, "EUR");
    assertThat(a.plus(b)).isEqualTo(Money.of(2000, "EUR"));
    assertThat(a.minus(b)).isEqualTo(Money.of(1998, "EUR"));
    assertThat(a.negate()).isEqualTo(Money.of(-1999, "EUR"));
    assertThat(a.times(3)).isEqualTo(Money.of(5997, "EUR"));
    assertThat(Money.zero(Currency.getInstance("EUR")).isZero()).isTrue();
    assertThat(a.min(b)).isEqualTo(b);
    assertThat(a.max(b)).isEqualTo(a);
    assertThat(b.minus(a).floorAtZero()).isEqualTo(Money.of(0, "EUR"));
    assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").plus(b))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  @DisplayName("GEN-1 refuses to mix currencies")
  void GEN_1_refuses_to_mix_currencies() {
    assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "JPY")))
        .isInstanceOf(CurrencyMismatchException.class)
        .hasMessageContaining("EUR")
        .hasMessageContaining("JPY");
    assertThatThrownBy(() -> Money.of(1, "EUR").compareTo(Money.of(1, "USD")))
        .isInstanceOf(CurrencyMismatchException.class);
  }

  @Test
  @DisplayName("GEN-1 refuses currencies without minor unit")
  void GEN_1_refuses_currencies_without_minor_unit() {
    assertThatThrownBy(() -> Money.of(1, "XXX")).isInstanceOf(IllegalArgumentException.class);
  }
}
