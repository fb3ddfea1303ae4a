/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The machine and JVM a measurement program ran on, as written to its results file.
 *
 * @param cores the processors the JVM sees
 * @param javaVersion the JVM's version
 * @param vmName the JVM's name
 * @param os the operating system and architecture
 * @param maxHeapBytes the heap's limit
 * @param gc the garbage collectors, comma-separated
 * @param loadAverageStart the one-minute load average when the program started
 * @param loadAverageEnd the one-minute load average when it finished
 */
record Machine(
    int cores,
    String javaVersion,
    String vmName,
    String os,
    long maxHeapBytes,
    String gc,
    double loadAverageStart,
    double loadAverageEnd) {

  /** Describes this JVM, with the load average read now as the end and the given start. */
  static Machine current(double loadAverageStart) {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        Runtime.version().toString(),
        System.getProperty("java.vm.name", "unknown"),
        System.getProperty("os.name", "unknown") + " " + System.getProperty("os.arch", "unknown"),
        Runtime.getRuntime().maxMemory(),
        String.join(
            ",",
            ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(bean -> bean.getName())
                .toList()),
        loadAverageStart,
        loadAverage());
  }

  /** The one-minute system load average, or -1 where the platform has none. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
