/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition another thread makes true, checking it continuously (no sleeping), for
 * state that offers no latch to wait on. Fails after 10 seconds so a bug cannot hang the build.
 */
public final class Await {
  private Await() {}

  /** Returns once the condition holds. */
  public static void until(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within 10 seconds");
      }
      Thread.onSpinWait();
    }
  }
}
