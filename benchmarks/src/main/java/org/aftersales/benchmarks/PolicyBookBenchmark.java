package org.aftersales.benchmarks;

import java.util.concurrent.TimeUnit;
import org.aftersales.policy.document.PolicyBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * {@link PolicyBook#loadDefault()}: once reading and parsing a bundled policies.json; now the book
 * is built in code ({@code StorePolicies}) once per JVM, so the warm figure is a field read and its
 * cold cost is class initialisation, part of the cold-start "init" figure (docs/benchmarks.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyBookBenchmark {

  @Benchmark
  public PolicyBook loadDefault() {
    return PolicyBook.loadDefault();
  }
}
