package org.aftersales.benchmarks;

import java.util.concurrent.TimeUnit;
import org.aftersales.policy.document.PolicyBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * {@link PolicyBook#loadDefault()}: reading and parsing the bundled policies.json. Every function
 * does this once per JVM (cold path); JMH measures it warmed up, so this is the floor — its cold
 * cost is part of the cold-start "init" figure (docs/benchmarks.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyBookBenchmark {

  @Benchmark
  public PolicyBook loadDefault() {
    return PolicyBook.loadDefault();
  }
}
