/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import java.util.function.IntToLongFunction;

/**
 * The workload of {@link LoopCheckBenchmark}: a tight loop summing {@code i * i}, one back-edge per
 * iteration and no calls, so an instrumented copy differs only by its loop check. Its class file is
 * read as a resource and defined, plain and instrumented, in throwaway loaders.
 */
public final class SumOfSquares implements IntToLongFunction {

  /** Creates the workload. */
  public SumOfSquares() {}

  @Override
  public long applyAsLong(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (long) i * i;
    }
    return sum;
  }
}
