/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.coldstart;

import java.util.concurrent.atomic.AtomicInteger;

/** A static invocation counter: one per execution environment, since each loads this class. */
final class Invocations {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Invocations() {}

  static int next() {
    return COUNT.incrementAndGet();
  }
}
