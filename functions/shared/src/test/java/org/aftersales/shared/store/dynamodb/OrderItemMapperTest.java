package org.aftersales.shared.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.testing.TestOrders;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The order item keeps changes before processing (CHG-5) and reads items stored before them. */
class OrderItemMapperTest {

  static final PolicyBook BOOK = PolicyBook.loadDefault();
  static final Instant NOW = Instant.parse("2026-11-03T09:00:00Z");

  static Order changed() {
    Order order =
        Order.register(TestOrders.hdmiSwitches("o-map", "c-1"), BOOK.inForceAt(NOW).version());
    LineSpec mini =
        new LineSpec(
            null,
            "KW-MINI",
            "HDMI mini",
            "electronics",
            1,
            2499,
            0,
            0,
            List.of(new ComponentSpec("remote", "remote", 300)));
    ChangePolicy.ChangeRequest request =
        new ChangePolicy.ChangeRequest(
            List.of(new ChangePolicy.UnitRequest("L1", 0, mini)),
            List.of(
                new ChangePolicy.AddressRequest(
                    order.parcels().keySet().iterator().next(),
                    Map.of("street", "Hauptstr. 1", "city", "Berlin"))),
            null);
    return ChangePolicy.request(order, BOOK.inForceAt(NOW), "ch-1", "customer c-1", request, NOW)
        .value()
        .order();
  }

  @Test
  void CHG_5_an_order_with_changes_reads_back_equal() {
    Order order = changed();
    Order read = OrderItemMapper.fromItem(OrderItemMapper.toItem(order, 3));
    assertThat(read).isEqualTo(order.withVersion(3));
    assertThat(read.itemOf(new org.aftersales.policy.order.UnitRef("L1", 0)).name())
        .isEqualTo("HDMI mini");
  }

  @Test
  void an_order_stored_before_changes_existed_reads_with_no_changes() {
    Order order =
        Order.register(TestOrders.hdmiSwitches("o-old", "c-1"), BOOK.inForceAt(NOW).version());
    Map<String, AttributeValue> item = new HashMap<>(OrderItemMapper.toItem(order, 1));
    item.remove("changes");
    assertThat(OrderItemMapper.fromItem(item).changes()).isEmpty();
    assertThat(OrderItemMapper.fromItem(item)).isEqualTo(order.withVersion(1));
  }

  @Test
  void the_item_size_counts_names_and_values() {
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromS("ORDER#o-1"),
            "l", AttributeValue.fromL(List.of(AttributeValue.fromS("ab"))));
    assertThat(ItemSize.of(item)).isEqualTo(2 + 9 + 1 + 3 + 1 + 2);
    assertThat(ItemSize.of(OrderItemMapper.toItem(changed(), 1))).isLessThan(ItemSize.LIMIT);
  }
}
