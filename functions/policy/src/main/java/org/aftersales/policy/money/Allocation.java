package org.aftersales.policy.money;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Splits an integer amount into integer parts in proportion to weights, by the largest-remainder
 * method (GEN-1): every part gets the floor of its exact share, then the units left over go one
 * each to the parts with the largest remainders, ties broken by the lower index. The parts always
 * add up exactly to the total. Pure function.
 */
public final class Allocation {

  private Allocation() {}

  /**
   * @param total the amount to split, {@code >= 0}
   * @param weights one non-negative weight per part; if all are zero the total is spread evenly
   *     (same method, equal weights)
   * @return one part per weight, {@code Σ parts == total}, each {@code >= 0}
   * @throws IllegalArgumentException on a negative total or weight, or a positive total with no
   *     parts
   */
  public static long[] largestRemainder(long total, long[] weights) {
    if (total < 0) {
      throw new IllegalArgumentException("GEN-1: can not allocate a negative total " + total);
    }
    if (weights == null) {
      throw new IllegalArgumentException("GEN-1: weights are required");
    }
    int n = weights.length;
    if (n == 0) {
      if (total == 0) {
        return new long[0];
      }
      throw new IllegalArgumentException("GEN-1: can not allocate " + total + " over no parts");
    }
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      if (weights[i] < 0) {
        throw new IllegalArgumentException("GEN-1: weight " + i + " is negative: " + weights[i]);
      }
      sum = sum.add(BigInteger.valueOf(weights[i]));
    }
    long[] effective = weights;
    if (sum.signum() == 0) {
      effective = new long[n];
      Arrays.fill(effective, 1L);
      sum = BigInteger.valueOf(n);
    }
    BigInteger bigTotal = BigInteger.valueOf(total);
    long[] parts = new long[n];
    BigInteger[] remainders = new BigInteger[n];
    long allocated = 0;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr = bigTotal.multiply(BigInteger.valueOf(effective[i])).divideAndRemainder(sum);
      parts[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      allocated += parts[i];
    }
    long left = total - allocated; // < n
    if (left > 0) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      // largest remainder first; equal remainders: lower index first (stable sort keeps index
      // order)
      Arrays.sort(order, (a, b) -> remainders[b].compareTo(remainders[a]));
      for (int k = 0; k < left; k++) {
        parts[order[k]]++;
      }
    }
    return parts;
  }

  /** Spreads {@code total} evenly over {@code count} parts; earlier parts get the extra units. */
  public static long[] evenly(long total, int count) {
    return largestRemainder(total, new long[count]);
  }
}
