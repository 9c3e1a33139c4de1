package org.aftersales.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code PUT /orders/{orderId}} with the optional facts (API "Orders": {@code contact}, {@code
 * buyer}, {@code deliveryCountry}, a parcel's {@code deliveryAddress}) on the sample events of
 * {@code events/OrdersFunction/}, against the local DynamoDB server: stored, shown to the owner and
 * agents, compared on a re-PUT, and every bad one a {@code 400} that stores nothing.
 */
@ExtendWith(LocalAwsServers.class)
class OrderCustomerFactsIT {

  static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");
  static final String FN = OrdersUnderTest.FN;

  private final LocalAws aws;
  private OrdersUnderTest under;
  private String orderId;

  OrderCustomerFactsIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    under = OrdersUnderTest.at(aws, NOW);
    orderId = aws.uniqueId("o");
  }

  private LambdaRun.Response call(String name) {
    return under
        .lambda()
        .invoke(under.handler(), LambdaRun.forOrder(LambdaRun.event(FN, name), orderId));
  }

  /** The order with contact, with its body changed by {@code edit}. */
  private LambdaRun.Response putEdited(Consumer<ObjectNode> edit) {
    ObjectNode event = LambdaRun.event(FN, "put-order-with-contact");
    ObjectNode body = (ObjectNode) LambdaRun.body(event);
    edit.accept(body);
    return under
        .lambda()
        .invoke(under.handler(), LambdaRun.forOrder(LambdaRun.withBody(event, body), orderId));
  }

  @Test
  void MSG_3_contact_buyer_and_countries_are_stored_and_shown_to_the_owner_and_agents() {
    assertThat(call("put-order-with-contact").status()).isEqualTo(201);

    OrderSpec stored = under.orders().find(orderId).orElseThrow().spec();
    assertThat(stored.contact().orElseThrow().email()).isEqualTo("kim.meyer@example.com");
    assertThat(stored.contact().orElseThrow().language()).isEqualTo("de");
    assertThat(stored.buyer()).isEqualTo(Buyer.CONSUMER);
    assertThat(stored.deliveryCountry()).isEqualTo("DE");
    assertThat(stored.parcelCountry("P1")).isNull();
    assertThat(stored.parcelCountry("P2")).isEqualTo("AT");

    for (String reader : List.of("get-order-customer", "get-order-agent")) {
      JsonNode order = call(reader).body();
      assertThat(order.path("contact").toString())
          .isEqualTo("{\"email\":\"kim.meyer@example.com\",\"language\":\"de\"}");
      assertThat(order.path("buyer").asText()).isEqualTo("CONSUMER");
      assertThat(order.path("deliveryCountry").asText()).isEqualTo("DE");
      assertThat(parcel(order, "P2").path("deliveryAddress").path("city").asText())
          .isEqualTo("Graz");
      assertThat(parcel(order, "P1").has("deliveryAddress")).isFalse();
    }
  }

  @Test
  void an_order_without_them_is_a_consumers_and_shows_no_contact() {
    assertThat(call("put-order").status()).isEqualTo(201);

    JsonNode order = call("get-order-customer").body();
    assertThat(order.path("buyer").asText()).isEqualTo("CONSUMER");
    assertThat(order.has("contact")).isFalse();
    assertThat(order.has("deliveryCountry")).isFalse();
    assertThat(under.orders().find(orderId).orElseThrow().spec().contact()).isEmpty();
  }

  @Test
  void MSG_3_a_contact_without_a_language_gets_the_stores_and_the_same_body_again_is_200() {
    LambdaRun.Response created =
        putEdited(b -> ((ObjectNode) b.path("contact")).remove("language"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("contact").path("language").asText()).isEqualTo("en");

    assertThat(putEdited(b -> ((ObjectNode) b.path("contact")).remove("language")).status())
        .isEqualTo(200);
    assertThat(putEdited(b -> ((ObjectNode) b.path("contact")).put("language", "en")).status())
        .as("naming the default is the same order")
        .isEqualTo(200);
  }

  @Test
  void an_identical_re_put_is_200_and_a_differing_one_409_leaving_the_order_as_it_was() {
    assertThat(call("put-order-with-contact").status()).isEqualTo(201);
    assertThat(call("put-order-with-contact").status()).isEqualTo(200);

    List<Consumer<ObjectNode>> edits =
        List.of(
            b -> ((ObjectNode) b.path("contact")).put("email", "other@example.com"),
            b -> ((ObjectNode) b.path("contact")).put("language", "en"),
            b -> b.remove("contact"),
            b -> b.put("buyer", "BUSINESS"),
            b -> b.put("deliveryCountry", "AT"),
            b ->
                ((ObjectNode) b.path("parcels").get(1).path("deliveryAddress"))
                    .put("country", "DE"),
            b -> ((ObjectNode) b.path("parcels").get(1)).remove("deliveryAddress"));
    for (Consumer<ObjectNode> edit : edits) {
      LambdaRun.Response conflict = putEdited(edit);
      assertThat(conflict.status()).isEqualTo(409);
      assertThat(conflict.code()).isEqualTo("order-exists");
    }
    assertThat(under.orders().find(orderId).orElseThrow().spec().contact().orElseThrow().email())
        .isEqualTo("kim.meyer@example.com");
  }

  @Test
  void MSG_3_a_bad_email_language_buyer_or_country_is_400_naming_each_and_stores_nothing() {
    LambdaRun.Response bad = call("put-order-invalid-contact");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(fields(bad))
        .containsExactlyInAnyOrder(
            "contact.email",
            "contact.language",
            "buyer",
            "deliveryCountry",
            "parcels[0].deliveryAddress.country");
    assertThat(bad.body().toString()).doesNotContain("kim@@example");
    assertThat(under.orders().find(orderId)).isEmpty();
  }

  @Test
  void MSG_3_fuzzed_facts_are_400_naming_the_field_and_store_nothing() {
    record Bad(String field, Consumer<ObjectNode> edit) {}
    List<Bad> cases = new ArrayList<>();
    for (String email :
        List.of(
            "",
            " ",
            "kim",
            "kim@",
            "@example.com",
            "kim@exa mple.com",
            "kim..meyer@example.com",
            "kïm@example.com",
            "a".repeat(65) + "@example.com",
            "a@" + "b".repeat(250) + ".de",
            "kim@example.com\r\nBcc: x@example.com",
            "kim@\u202Eexample.com")) {
      cases.add(
          new Bad("contact.email", b -> ((ObjectNode) b.path("contact")).put("email", email)));
    }
    cases.add(new Bad("contact.email", b -> ((ObjectNode) b.path("contact")).put("email", 42)));
    cases.add(new Bad("contact.email", b -> ((ObjectNode) b.path("contact")).putArray("email")));
    for (String language : List.of("", "german", "de_DE", "de-", "x-klingon", "d", "de-DE-x")) {
      cases.add(
          new Bad(
              "contact.language", b -> ((ObjectNode) b.path("contact")).put("language", language)));
    }
    cases.add(new Bad("contact", b -> b.put("contact", "kim@example.com")));
    for (String buyer : List.of("consumer", "", "PERSON")) {
      cases.add(new Bad("buyer", b -> b.put("buyer", buyer)));
    }
    cases.add(new Bad("buyer", b -> b.put("buyer", true)));
    for (String country : List.of("de", "DEU", "XX", "", "D E", "EU")) {
      cases.add(new Bad("deliveryCountry", b -> b.put("deliveryCountry", country)));
      cases.add(
          new Bad(
              "parcels[1].deliveryAddress.country",
              b ->
                  ((ObjectNode) b.path("parcels").get(1).path("deliveryAddress"))
                      .put("country", country)));
    }
    cases.add(
        new Bad(
            "parcels[1].deliveryAddress.city",
            b -> ((ObjectNode) b.path("parcels").get(1).path("deliveryAddress")).put("city", 7)));
    cases.add(
        new Bad(
            "parcels[1].deliveryAddress",
            b -> ((ObjectNode) b.path("parcels").get(1)).put("deliveryAddress", "Graz")));

    for (Bad c : cases) {
      LambdaRun.Response bad = putEdited(c.edit());
      assertThat(bad.status()).as(c.field() + " " + bad.body()).isEqualTo(400);
      assertThat(fields(bad)).as(bad.body().toString()).contains(c.field());
      assertThat(under.orders().find(orderId)).isEmpty();
    }
  }

  private static List<String> fields(LambdaRun.Response response) {
    List<String> fields = new ArrayList<>();
    response.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private static JsonNode parcel(JsonNode order, String parcelId) {
    for (JsonNode p : order.path("parcels")) {
      if (p.path("parcelId").asText().equals(parcelId)) {
        return p;
      }
    }
    throw new AssertionError("no parcel " + parcelId + " in " + order);
  }
}
