package org.aftersales.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.OrderValidation;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.refund.UnitAmount;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Justifies {@link OrderValidation}'s size caps with a measurement: the largest order they allow
 * ({@value OrderValidation#MAX_LINES} lines, {@value OrderValidation#MAX_UNITS} units, {@value
 * OrderValidation#MAX_PARCELS} parcels, {@value OrderValidation#MAX_COMPONENTS_PER_LINE} components
 * per line, every id and text at its longest), delivered, with every unit refunded separately by
 * the heaviest refund shape (a return missing every component, RET-4/RET-5) and every refund
 * settled with the longest payment reference, is stored on the local DynamoDB and read back; its
 * item size, counted as DynamoDB counts it (UTF-8 bytes), must stay below the 400 KB item limit.
 * Prints the measured size.
 */
@ExtendWith(LocalAwsServers.class)
class OrderItemSizeIT {

  static final int DYNAMODB_ITEM_LIMIT = 400 * 1024;
  static final Currency EUR = Currency.getInstance("EUR");
  static final Instant PLACED = Instant.parse("2026-11-02T10:00:00Z");

  /**
   * Longest tracking number {@link FulfilmentRequest} accepts (100 characters), 4 UTF-8 bytes each.
   */
  static final String TRACKING = "\uD83D\uDCE6".repeat(100);

  /**
   * Longest payment reference the settlement route accepts (128 characters), 4 UTF-8 bytes each.
   */
  static final String PAYMENT_REFERENCE = "\uD83D\uDCB6".repeat(128);

  private final LocalAws aws;

  OrderItemSizeIT(LocalAws aws) {
    this.aws = aws;
  }

  @Test
  void the_largest_allowed_order_with_every_unit_refunded_separately_fits_one_dynamo_db_item() {
    OrderRepository orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    OrderSpec spec = largestAllowedOrder(id(aws.uniqueId("o")));
    assertThat(OrderValidation.validate(spec)).as("the order is within every cap").isEmpty();
    assertThat(spec.units()).hasSize(OrderValidation.MAX_UNITS);

    Order order = Order.register(spec, "2026-06");
    assertThat(orders.create(order)).isTrue();
    order = orders.find(spec.orderId()).orElseThrow();
    int registered = storedSize(spec.orderId());

    Instant at = PLACED.plusSeconds(86_400);
    for (ParcelSpec parcel : spec.parcels()) {
      for (FulfilmentType type :
          List.of(FulfilmentType.PROCESSED, FulfilmentType.SHIPPED, FulfilmentType.DELIVERED)) {
        order =
            order
                .recordFulfilment(parcel.parcelId(), new FulfilmentEvent(type, at, TRACKING))
                .value()
                .order();
      }
    }
    OrderPricing pricing = order.pricing();
    long started = System.nanoTime();
    for (UnitRef unit : spec.units()) {
      order =
          order
              .withUnitStatuses(Map.of(unit, UnitStatus.REFUNDED_BY_CLAIM))
              .addRefund(heaviestRefund(spec, pricing, unit, at))
              .order();
    }
    long refundMillis = (System.nanoTime() - started) / 1_000_000;
    order = orders.replace(order);
    for (Refund refund : order.refunds()) {
      order = order.settleRefund(refund.refundId(), at.plusSeconds(3_600), PAYMENT_REFERENCE);
    }
    order = orders.replace(order);

    Order stored = orders.find(spec.orderId()).orElseThrow();
    assertThat(stored.refunds()).hasSize(OrderValidation.MAX_UNITS);
    assertThat(stored.refunds().getLast().paymentReference()).isEqualTo(PAYMENT_REFERENCE);
    assertThat(stored.refundedTotal()).isEqualTo(order.refundedTotal());
    int size = storedSize(spec.orderId());
    System.out.printf(
        "OrderItemSizeIT: largest allowed order (%d lines, %d units, %d parcels, %d components/line):"
            + " %d bytes registered, %d bytes (%.1f KB, %.0f%% of 400 KB) with %d settled refunds;"
            + " 100 refunds added in memory in %d ms%n",
        spec.lines().size(),
        spec.units().size(),
        spec.parcels().size(),
        OrderValidation.MAX_COMPONENTS_PER_LINE,
        registered,
        size,
        size / 1024.0,
        100.0 * size / DYNAMODB_ITEM_LIMIT,
        stored.refunds().size(),
        refundMillis);
    assertThat(size)
        .as("DynamoDB item size of the largest allowed order, all refunds settled")
        .isLessThan(DYNAMODB_ITEM_LIMIT * 85 / 100);
  }

  @Test
  void the_local_server_refuses_an_item_above_400_kb_like_dynamo_db() {
    String orderId = id(aws.uniqueId("o"));
    Map<String, AttributeValue> item =
        Map.of(
            "pk",
            AttributeValue.fromS("SIZE#" + orderId),
            "sk",
            AttributeValue.fromS("SIZE"),
            "blob",
            AttributeValue.fromS("x".repeat(DYNAMODB_ITEM_LIMIT)));
    assertThatThrownBy(
            () -> aws.dynamoDb().putItem(put -> put.tableName(aws.tableName()).item(item)))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining("Item size has exceeded the maximum allowed size");
  }

  /** MAX_LINES lines sharing MAX_UNITS units, each line's units spread over different parcels. */
  static OrderSpec largestAllowedOrder(String orderId) {
    int unitsPerLine = OrderValidation.MAX_UNITS / OrderValidation.MAX_LINES;
    List<LineSpec> lines = new ArrayList<>();
    List<List<ParcelLine>> parcelLines = new ArrayList<>();
    for (int p = 0; p < OrderValidation.MAX_PARCELS; p++) {
      parcelLines.add(new ArrayList<>());
    }
    long paid = 0;
    int next = 0;
    for (int l = 0; l < OrderValidation.MAX_LINES; l++) {
      List<ComponentSpec> components = new ArrayList<>();
      for (int c = 0; c < OrderValidation.MAX_COMPONENTS_PER_LINE; c++) {
        components.add(
            new ComponentSpec(id("c" + l + "-" + c), text("component " + c), 123_456_789L));
      }
      String lineId = id("L" + l);
      long unitPrice = 987_654_321L + l;
      lines.add(
          new LineSpec(
              lineId,
              text("sku " + l),
              text("name " + l),
              text("category " + l),
              unitsPerLine,
              unitPrice,
              12_345,
              67_891,
              components));
      paid += unitPrice * unitsPerLine - 12_345 + 67_891;
      for (int u = 0; u < unitsPerLine; u++) {
        parcelLines.get(next++ % OrderValidation.MAX_PARCELS).add(new ParcelLine(lineId, 1));
      }
    }
    List<ParcelSpec> parcels = new ArrayList<>();
    for (int p = 0; p < OrderValidation.MAX_PARCELS; p++) {
      parcels.add(new ParcelSpec(id("P" + p), parcelLines.get(p)));
    }
    long delivery = 99_999;
    return new OrderSpec(
        orderId,
        id("customer"),
        EUR,
        PLACED,
        LocalDate.parse("2026-11-05"),
        lines,
        1_000_001,
        delivery,
        paid - 1_000_001 + delivery,
        parcels);
  }

  /**
   * A return refund of one unit with every breakdown line ReturnPolicy can write (RET-4, RET-5,
   * GEN-4), labels quoting the line and component names as it does.
   */
  static Refund heaviestRefund(OrderSpec spec, OrderPricing pricing, UnitRef unit, Instant at) {
    LineSpec line = spec.line(unit.lineId()).orElseThrow();
    String items = "1 × " + line.name();
    List<BreakdownLine> lines = new ArrayList<>();
    lines.add(
        BreakdownLine.of("Paid price of " + items, pricing.paidPrice(unit), "GEN-2", "RET-4"));
    lines.add(
        BreakdownLine.of(
            "Delivery charges for " + items + " (not refunded on a return)",
            pricing.deliveryShare(unit).negate(),
            "GEN-3",
            "RET-4"));
    for (ComponentSpec c : line.components()) {
      lines.add(BreakdownLine.of("Missing part: " + c.name(), Money.of(-1, EUR), "RET-5"));
    }
    lines.add(
        BreakdownLine.of(
            "Charges above the item's price are not taken (a refund is never below zero)",
            Money.of(line.components().size(), EUR),
            "RET-4"));
    lines.add(
        BreakdownLine.of("Already refunded earlier for these items", Money.of(-1, EUR), "GEN-4"));
    Breakdown breakdown = Breakdown.of(EUR, lines);
    String returnId = id("R" + unit.lineId().hashCode() + "-" + unit.index());
    return Refund.pending(
        spec.orderId(),
        RefundSource.RETURN,
        returnId,
        at,
        LocalDate.parse("2026-11-10"),
        breakdown,
        List.of(new UnitAmount(unit, breakdown.total().amount())));
  }

  /**
   * An id of the longest allowed length ({@value OrderValidation#MAX_ID_LENGTH}), unique by its
   * prefix.
   */
  static String id(String prefix) {
    return (prefix + "-" + "i".repeat(OrderValidation.MAX_ID_LENGTH))
        .substring(0, OrderValidation.MAX_ID_LENGTH);
  }

  /** A text of exactly {@value OrderValidation#MAX_TEXT_BYTES} UTF-8 bytes. */
  static String text(String prefix) {
    return (prefix + " " + "t".repeat(OrderValidation.MAX_TEXT_BYTES))
        .substring(0, OrderValidation.MAX_TEXT_BYTES);
  }

  private int storedSize(String orderId) {
    var item =
        aws.dynamoDb()
            .getItem(
                get ->
                    get.tableName(aws.tableName())
                        .consistentRead(true)
                        .key(
                            Map.of(
                                "pk",
                                AttributeValue.fromS("ORDER#" + orderId),
                                "sk",
                                AttributeValue.fromS("ORDER"))))
            .item();
    assertThat(item).isNotEmpty();
    return ItemSize.of(item);
  }

  /**
   * An item's size as DynamoDB counts it: per attribute its name's and value's UTF-8 bytes; a
   * number 1 byte per two significant digits plus 1; a list or map 3 bytes plus 1 per element (map
   * entries with their names).
   */
  static final class ItemSize {
    static int of(Map<String, AttributeValue> item) {
      int sum = 0;
      for (var e : item.entrySet()) {
        sum += utf8(e.getKey()) + value(e.getValue());
      }
      return sum;
    }

    static int value(AttributeValue v) {
      return switch (v.type()) {
        case S -> utf8(v.s());
        case N -> number(v.n());
        case BOOL, NUL -> 1;
        case SS -> v.ss().stream().mapToInt(ItemSize::utf8).sum();
        case L -> 3 + v.l().stream().mapToInt(x -> 1 + value(x)).sum();
        case M -> 3 + v.m().size() + of(v.m());
        default -> throw new IllegalArgumentException("unexpected attribute type " + v.type());
      };
    }

    static int number(String n) {
      BigDecimal d = new BigDecimal(n).stripTrailingZeros();
      int digits = d.signum() == 0 ? 1 : d.precision();
      return 1 + (digits + 1) / 2 + (d.signum() < 0 ? 1 : 0);
    }

    static int utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
