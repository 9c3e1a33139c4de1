package org.aftersales.policy.order;

import static org.aftersales.policy.TestOrders.EUR;
import static org.aftersales.policy.TestOrders.PLACED;
import static org.aftersales.policy.TestOrders.SHIP_BY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aftersales.policy.TestOrders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderValidationTest {

  private static List<String> fields(OrderSpec spec) {
    return OrderValidation.validate(spec).stream().map(FieldError::field).toList();
  }

  @Test
  void the_api_example_and_test_orders_are_valid() {
    assertThat(OrderValidation.validate(TestOrders.apiExample())).isEmpty();
    assertThat(OrderValidation.validate(TestOrders.twoParcels())).isEmpty();
    assertThat(OrderValidation.validate(TestOrders.jpy())).isEmpty();
  }

  @Test
  @DisplayName("GEN-2 paid total must match and the message says the expected value")
  void GEN_2_paid_total_must_match_and_the_message_says_the_expected_value() {
    OrderSpec s = TestOrders.apiExample();
    OrderSpec wrong =
        new OrderSpec(
            s.orderId(),
            s.customerId(),
            s.currency(),
            s.placedAt(),
            s.expectedShipBy(),
            s.lines(),
            s.orderDiscount(),
            s.deliveryCharge(),
            5998,
            s.parcels());
    List<FieldError> errors = OrderValidation.validate(wrong);
    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst().field()).isEqualTo("paidTotal");
    assertThat(errors.getFirst().message()).contains("= 5997").contains("GEN-2").contains("5998");
  }

  @Test
  void every_missing_or_invalid_field_is_reported_with_its_path() {
    LineSpec bad =
        new LineSpec(
            "",
            null,
            "x",
            "",
            0,
            -1,
            -2,
            -3,
            List.of(new ComponentSpec("c", null, -4), new ComponentSpec("c", "dup", 1)));
    OrderSpec spec =
        new OrderSpec(
            null,
            " ",
            null,
            null,
            null,
            List.of(bad),
            -1,
            -1,
            -1,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("nope", 1), new ParcelLine(null, 1)))));
    assertThat(fields(spec))
        .contains(
            "orderId",
            "customerId",
            "currency",
            "placedAt",
            "expectedShipBy",
            "orderDiscount",
            "deliveryCharge",
            "paidTotal",
            "lines[0].lineId",
            "lines[0].sku",
            "lines[0].category",
            "lines[0].quantity",
            "lines[0].unitPrice",
            "lines[0].discount",
            "lines[0].tax",
            "lines[0].components[0].name",
            "lines[0].components[0].price",
            "lines[0].components[1].componentId",
            "parcels[0].lines[0].lineId",
            "parcels[0].lines[1].lineId");
  }

  @Test
  void ids_must_be_unique() {
    LineSpec a = TestOrders.hdmiLine(1);
    OrderSpec spec =
        new OrderSpec(
            "o",
            "c",
            EUR,
            PLACED,
            SHIP_BY,
            List.of(a, a),
            0,
            0,
            5998,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 1))),
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))));
    assertThat(fields(spec)).contains("lines[1].lineId", "parcels[1].parcelId");
  }

  @Test
  void a_line_discount_above_the_line_value_is_refused() {
    LineSpec line = new LineSpec("L1", "s", "n", "c", 2, 100, 201, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o",
            "c",
            EUR,
            PLACED,
            SHIP_BY,
            List.of(line),
            0,
            0,
            0,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 2)))));
    assertThat(OrderValidation.validate(spec))
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("lines[0].discount"))
        .satisfies(e -> assertThat(e.message()).contains("200"));
  }

  @Test
  void an_order_discount_above_the_discounted_lines_is_refused() {
    LineSpec line = new LineSpec("L1", "s", "n", "c", 1, 100, 10, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o",
            "c",
            EUR,
            PLACED,
            SHIP_BY,
            List.of(line),
            91,
            0,
            -1,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))));
    assertThat(fields(spec)).contains("orderDiscount");
  }

  @Test
  void every_unit_in_exactly_one_parcel_over_and_under_assignment() {
    LineSpec l1 = new LineSpec("L1", "s", "n", "c", 2, 100, 0, 0, List.of());
    LineSpec l2 = new LineSpec("L2", "s", "n", "c", 3, 100, 0, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o",
            "c",
            EUR,
            PLACED,
            SHIP_BY,
            List.of(l1, l2),
            0,
            0,
            500,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 2), new ParcelLine("L2", 1))),
                new ParcelSpec("P2", List.of(new ParcelLine("L1", 1), new ParcelLine("L2", 0)))));
    List<FieldError> errors = OrderValidation.validate(spec);
    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "parcels[1].lines[0].quantity", "parcels[1].lines[1].quantity", "lines[1].quantity");
    assertThat(errors)
        .anySatisfy(
            e -> assertThat(e.message()).contains("2 of 3 units of line L2 are in no parcel"));
    assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("parcels carry 3"));
  }

  @Test
  void no_lines_no_parcels() {
    OrderSpec spec = new OrderSpec("o", "c", EUR, PLACED, SHIP_BY, null, 0, 0, 0, null);
    assertThat(fields(spec)).containsExactlyInAnyOrder("lines", "parcels");
  }

  @Test
  void units_are_given_to_parcels_in_parcel_order_then_parcel_line_order() {
    LineSpec l1 = new LineSpec("L1", "s", "n", "c", 3, 100, 0, 0, List.of());
    OrderSpec spec =
        new OrderSpec(
            "o",
            "c",
            EUR,
            PLACED,
            SHIP_BY,
            List.of(l1),
            0,
            0,
            300,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 1))),
                new ParcelSpec("P2", List.of(new ParcelLine("L1", 2)))));
    assertThat(spec.unitsByParcel().get("P1")).containsExactly(new UnitRef("L1", 0));
    assertThat(spec.unitsByParcel().get("P2"))
        .containsExactly(new UnitRef("L1", 1), new UnitRef("L1", 2));
    assertThat(spec.parcelOfUnit().get(new UnitRef("L1", 2))).isEqualTo("P2");
  }

  /**
   * {@code count} lines of {@code qty} units (unit price 100), in {@code parcels} parcels round
   * robin.
   */
  private static OrderSpec sized(
      int count, int qty, int parcels, List<ComponentSpec> components, String name) {
    List<LineSpec> lines = new java.util.ArrayList<>();
    List<List<ParcelLine>> parcelLines = new java.util.ArrayList<>();
    for (int p = 0; p < parcels; p++) {
      parcelLines.add(new java.util.ArrayList<>());
    }
    for (int i = 0; i < count; i++) {
      lines.add(new LineSpec("L" + i, "sku", name, "cat", qty, 100, 0, 0, components));
      parcelLines.get(i % parcels).add(new ParcelLine("L" + i, qty));
    }
    List<ParcelSpec> ps = new java.util.ArrayList<>();
    for (int p = 0; p < parcels; p++) {
      ps.add(new ParcelSpec("P" + p, parcelLines.get(p)));
    }
    return new OrderSpec("o", "c", EUR, PLACED, SHIP_BY, lines, 0, 0, 100L * count * qty, ps);
  }

  @Test
  void the_largest_order_within_every_size_cap_is_valid() {
    List<ComponentSpec> five =
        java.util.stream.IntStream.range(0, OrderValidation.MAX_COMPONENTS_PER_LINE)
            .mapToObj(c -> new ComponentSpec("c" + c, "x".repeat(100), 1))
            .toList();
    assertThat(OrderValidation.validate(sized(50, 2, 20, five, "n".repeat(100)))).isEmpty();
  }

  @Test
  void more_than_100_units_in_all_is_refused_on_lines() {
    List<FieldError> errors = OrderValidation.validate(sized(11, 10, 1, List.of(), "n"));
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("lines");
              assertThat(e.message()).contains("at most 100 units").contains("got 110");
            });
  }

  @Test
  void more_than_50_lines_20_parcels_or_5_components_are_refused_with_their_field() {
    assertThat(fields(sized(51, 1, 1, List.of(), "n"))).containsExactly("lines");
    assertThat(fields(sized(21, 1, 21, List.of(), "n"))).containsExactly("parcels");
    List<ComponentSpec> six =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(c -> new ComponentSpec("c" + c, "part", 1))
            .toList();
    assertThat(fields(sized(1, 1, 1, six, "n"))).containsExactly("lines[0].components");
  }

  @Test
  void texts_are_capped_in_utf8_bytes_not_characters() {
    assertThat(fields(sized(1, 1, 1, List.of(), "n".repeat(100)))).isEmpty();
    assertThat(fields(sized(1, 1, 1, List.of(), "n".repeat(101)))).containsExactly("lines[0].name");
    // 34 × "€" is 34 characters but 102 bytes
    assertThat(OrderValidation.validate(sized(1, 1, 1, List.of(), "€".repeat(34))))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("100 bytes in UTF-8"));
    assertThat(fields(sized(1, 1, 1, List.of(new ComponentSpec("c", "€".repeat(34), 1)), "n")))
        .containsExactly("lines[0].components[0].name");
  }

  @Test
  void derived_views_are_computed_once_and_shared() {
    OrderSpec spec = TestOrders.twoParcels();
    assertThat(spec.parcelOfUnit()).isSameAs(spec.parcelOfUnit());
    assertThat(spec.unitsByParcel()).isSameAs(spec.unitsByParcel());
    assertThat(spec.units()).isSameAs(spec.units());
    assertThat(spec.parcelOfUnit()).hasSize(spec.units().size());
    OrderSpec same =
        new OrderSpec(
            spec.orderId(),
            spec.customerId(),
            spec.currency(),
            spec.placedAt(),
            spec.expectedShipBy(),
            spec.lines(),
            spec.orderDiscount(),
            spec.deliveryCharge(),
            spec.paidTotal(),
            spec.parcels());
    assertThat(same).isEqualTo(spec).hasSameHashCodeAs(spec);
  }
}
