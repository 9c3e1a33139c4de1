package org.aftersales.policy.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.document.StorePolicies;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.law.Jurisdiction;
import org.aftersales.policy.law.StatutoryTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional facts of an order (API: {@code contact}, {@code buyer}, {@code deliveryCountry}, a
 * parcel's {@code deliveryAddress}): checked by {@link OrderValidation}, each bad one named.
 */
class CustomerFactsValidationTest {

  private static OrderSpec with(
      Contact contact, Buyer buyer, String deliveryCountry, Map<String, String> p1Address) {
    OrderSpec s = TestOrders.apiExample();
    return new OrderSpec(
        s.orderId(),
        s.customerId(),
        s.currency(),
        s.placedAt(),
        s.expectedShipBy(),
        s.lines(),
        s.orderDiscount(),
        s.deliveryCharge(),
        s.paidTotal(),
        List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 2)), p1Address)),
        contact,
        buyer,
        deliveryCountry);
  }

  private static List<String> fields(OrderSpec spec) {
    return OrderValidation.validate(spec).stream().map(FieldError::field).toList();
  }

  @Test
  void an_order_without_them_is_valid_and_a_consumers() {
    OrderSpec plain = TestOrders.apiExample();
    assertThat(OrderValidation.validate(plain)).isEmpty();
    assertThat(plain.buyer()).isEqualTo(Buyer.CONSUMER);
    assertThat(plain.contact()).isEmpty();
    assertThat(plain.deliveryCountry()).isNull();
    assertThat(plain.parcelCountry("P1")).isNull();
  }

  @Test
  void MSG_3_valid_contact_buyer_and_countries_pass() {
    OrderSpec spec =
        with(
            new Contact("kim@example.com", "de-AT"),
            Buyer.BUSINESS,
            "AT",
            Map.of("street", "Ring 1", "country", "DE"));
    assertThat(OrderValidation.validate(spec)).isEmpty();
  }

  @Test
  void MSG_3_every_bad_fact_is_named() {
    OrderSpec spec =
        with(
            new Contact("kim at example", "english"),
            null,
            "Germany",
            Map.of("street", "Ring 1", "country", "de"));
    assertThat(fields(spec))
        .containsExactlyInAnyOrder(
            "contact.email",
            "contact.language",
            "buyer",
            "deliveryCountry",
            "parcels[0].deliveryAddress.country");
  }

  @Test
  void MSG_3_a_contact_may_name_only_a_language_or_only_an_email() {
    assertThat(OrderValidation.validate(with(new Contact(null, "de"), Buyer.CONSUMER, null, null)))
        .isEmpty();
    assertThat(
            OrderValidation.validate(
                with(new Contact("kim@example.com", null), Buyer.CONSUMER, null, null)))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "de", "de-AT", "zh-Hant-TW", "sr-Latn", "es-419", "EN-gb"})
  void MSG_3_bcp_47_tags_are_languages(String tag) {
    assertThat(OrderValidation.isLanguageTag(tag)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "english",
        "en_US",
        "e",
        "en-",
        "-en",
        "x-private",
        "en--US",
        "de-AT-",
        "123",
        "en-US-u",
        "i-klingon",
        "en US",
        "abcdefghi"
      })
  void MSG_3_other_texts_are_not_languages(String tag) {
    assertThat(OrderValidation.isLanguageTag(tag)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"DE", "AT", "US", "GB", "FR"})
  void ISO_3166_alpha_2_codes_are_countries(String code) {
    assertThat(OrderValidation.isCountryCode(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "DEU", "D", "XX", "UK", "Germany", " DE", ""})
  void other_texts_are_not_countries(String code) {
    assertThat(OrderValidation.isCountryCode(code)).isFalse();
  }

  @Test
  void a_parcels_address_country_overrides_the_orders_delivery_country_for_that_parcel() {
    OrderSpec s = TestOrders.apiExample();
    OrderSpec spec =
        new OrderSpec(
            s.orderId(),
            s.customerId(),
            s.currency(),
            s.placedAt(),
            s.expectedShipBy(),
            List.of(TestOrders.hdmiLine(2)),
            s.orderDiscount(),
            s.deliveryCharge(),
            s.paidTotal(),
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)), Map.of("country", "AT")),
                new ParcelSpec("P2", List.of(new ParcelLine("L1", 1)), Map.of("city", "Bonn"))),
            null,
            Buyer.CONSUMER,
            "DE");
    assertThat(OrderValidation.validate(spec)).isEmpty();
    assertThat(spec.parcelCountry("P1")).isEqualTo("AT");
    assertThat(spec.parcelCountry("P2")).isNull();
    assertThat(spec.parcelCountry("P9")).isNull();
    StatutoryTerms law = StorePolicies.book().versions().getLast().law();
    assertThat(Jurisdiction.ofParcel(spec, "P1", law).country()).isEqualTo("AT");
    assertThat(Jurisdiction.ofParcel(spec, "P2", law).country()).isEqualTo("DE");
  }

  @Test
  void a_parcel_address_has_the_shape_a_change_of_address_has() {
    OrderSpec spec =
        with(null, Buyer.CONSUMER, null, Map.of("street", " ", "city", "x".repeat(201)));
    assertThat(fields(spec))
        .containsExactlyInAnyOrder(
            "parcels[0].deliveryAddress.street", "parcels[0].deliveryAddress.city");
  }

  @Test
  void MSG_3_a_missing_language_is_filled_in_and_the_address_never_shows_in_to_string() {
    OrderSpec spec = with(new Contact("kim@example.com", null), Buyer.CONSUMER, null, null);
    OrderSpec filled = spec.withContactLanguageOr("en");
    assertThat(filled.contact().orElseThrow().language()).isEqualTo("en");
    assertThat(filled.withContactLanguageOr("de")).isEqualTo(filled);
    assertThat(filled.toString()).doesNotContain("kim@example.com");
    assertThat(filled.contact().orElseThrow().toString()).doesNotContain("kim@");
    assertThat(TestOrders.apiExample().withContactLanguageOr("en"))
        .isEqualTo(TestOrders.apiExample());
  }
}
