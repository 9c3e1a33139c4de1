package org.aftersales.shared.store.dynamodb;

import java.util.Map;
import org.aftersales.policy.state.Order;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Test-jar helper for seeding many orders (the auto-cancel cost benchmark in module {@code
 * benchmarks}): a new order's item exactly as {@link DynamoDbOrderRepository#create} writes it, so
 * thousands of orders go in 25 at a time with {@code BatchWriteItem} instead of one conditional put
 * each, and its size as {@link ItemSize} estimates it. It lives in shared's test sources, beside
 * the package-private {@link OrderItemMapper} it reads, so no other module declares classes in
 * shared's package.
 */
public final class SeedOrderItems {

  /** The partition key value every order in the sparse {@code Unshipped} index carries. */
  public static final String UNSHIPPED = OrderItemMapper.UNSHIPPED;

  private SeedOrderItems() {}

  /** The item of a newly registered order (version 1, index keys derived from its state). */
  public static Map<String, AttributeValue> created(Order order) {
    return OrderItemMapper.toItem(order, 1);
  }

  /** Bytes, as DynamoDB counts them against the item size limit (an upper estimate). */
  public static long size(Map<String, AttributeValue> item) {
    return ItemSize.of(item);
  }
}
