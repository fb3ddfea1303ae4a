/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import java.lang.management.ManagementFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads how many bytes the current thread has allocated, where the JVM can say.
 *
 * <p>Exact and cheap (about 15 ns) on a platform thread; on a virtual thread the JVM reports -1,
 * because a virtual thread's allocations are counted against whichever carrier ran it (measured on
 * JDK 25), so the meter reports unknown rather than a carrier's figure.
 */
public final class AllocationMeter {
  private static final com.sun.management.@Nullable ThreadMXBean THREADS = threads();

  private AllocationMeter() {}

  /**
   * Returns the bytes the current thread has allocated so far.
   *
   * @return the count, or -1 when unknown
   */
  public static long currentThreadAllocatedBytes() {
    com.sun.management.ThreadMXBean threads = THREADS;
    return threads == null ? -1 : threads.getCurrentThreadAllocatedBytes();
  }

  private static com.sun.management.@Nullable ThreadMXBean threads() {
    try {
      if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
          && threads.isThreadAllocatedMemorySupported()) {
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
      }
    } catch (RuntimeException | LinkageError e) {
      // no allocation counters on this JVM
    }
    return null;
  }
}
