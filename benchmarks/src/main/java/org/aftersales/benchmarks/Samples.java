package org.aftersales.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Measured durations (nanoseconds) of one scenario and their order statistics (nearest rank). */
public record Samples(String label, long[] nanos) {

  public Samples {
    nanos = nanos.clone();
    Arrays.sort(nanos);
  }

  public long percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * nanos.length);
    return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))];
  }

  double mean() {
    return Arrays.stream(nanos).average().orElse(Double.NaN);
  }

  double stdev() {
    double mean = mean();
    return Math.sqrt(
        Arrays.stream(nanos).mapToDouble(n -> (n - mean) * (n - mean)).sum()
            / Math.max(1, nanos.length - 1));
  }

  static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  public static String header() {
    return "| scenario | n | p50 ms | p90 ms | p99 ms | mean ± sd ms | min ms | max ms |\n|---|---|---|---|---|---|---|---|";
  }

  public static String coldHeader() {
    return "| scenario | JVM flags | n | median ms | p10–p90 ms | min–max ms | sd ms |\n|---|---|---|---|---|---|---|";
  }

  /** A cold-start row: the label holds "scenario | flags". */
  public String coldRow() {
    return "| "
        + label
        + " | "
        + nanos.length
        + " | "
        + ms(percentile(50))
        + " | "
        + ms(percentile(10))
        + "–"
        + ms(percentile(90))
        + " | "
        + ms(nanos[0])
        + "–"
        + ms(nanos[nanos.length - 1])
        + " | "
        + ms(stdev())
        + " |";
  }

  public String row() {
    return "| "
        + label
        + " | "
        + nanos.length
        + " | "
        + ms(percentile(50))
        + " | "
        + ms(percentile(90))
        + " | "
        + ms(percentile(99))
        + " | "
        + ms(mean())
        + " ± "
        + ms(stdev())
        + " | "
        + ms(nanos[0])
        + " | "
        + ms(nanos[nanos.length - 1])
        + " |";
  }
}
