/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.deployed;

import dev.lambdaembedded.api.handler.Context;

/** A CPU-bound handler: computes for the given number of milliseconds, then returns. */
public final class Busy {
  /** Creates the handler; one instance per execution environment. */
  public Busy() {}

  /**
   * Computes for a while.
   *
   * @param millis how long
   * @param context ignored
   * @return how many rounds it computed, plus a bit of the result so none is optimised away
   */
  public long compute(Integer millis, Context context) {
    long end = System.nanoTime() + millis * 1_000_000L;
    long rounds = 0;
    long hash = 17;
    while (System.nanoTime() - end < 0) {
      for (int i = 0; i < 1_000; i++) {
        hash = hash * 31 + (i ^ (hash >>> 7));
      }
      rounds++;
    }
    return rounds + (hash & 1);
  }
}
