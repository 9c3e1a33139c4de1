package org.aftersales.shared.store.dynamodb;

import java.util.Map;
import org.aftersales.policy.state.Order;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * For the benchmarks only (module {@code benchmarks}, same package as the package-private {@link
 * OrderItemMapper}): a new order's item exactly as {@link DynamoDbOrderRepository#create} writes
 * it, so a benchmark can seed thousands of orders 25 at a time with {@code BatchWriteItem} instead
 * of one conditional put each, and its size as {@link ItemSize} estimates it.
 */
public final class BenchOrderItems {

  /** The partition key value every order in the sparse {@code Unshipped} index carries. */
  public static final String UNSHIPPED = OrderItemMapper.UNSHIPPED;

  private BenchOrderItems() {}

  /** The item of a newly registered order (version 1, index keys derived from its state). */
  public static Map<String, AttributeValue> created(Order order) {
    return OrderItemMapper.toItem(order, 1);
  }

  /** Bytes, as DynamoDB counts them against the item size limit (an upper estimate). */
  public static long size(Map<String, AttributeValue> item) {
    return ItemSize.of(item);
  }
}
