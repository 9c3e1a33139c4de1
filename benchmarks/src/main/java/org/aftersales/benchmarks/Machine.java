package org.aftersales.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the harnesses print about the machine: cores, JDK and the load average (/proc/loadavg). */
public final class Machine {

  private Machine() {}

  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  public static String describe() {
    return "cores "
        + Runtime.getRuntime().availableProcessors()
        + ", JDK "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + ", load "
        + loadAverage();
  }
}
