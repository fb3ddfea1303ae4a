/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import java.util.function.IntToLongFunction;

/**
 * A workload of {@link LoopCheckBenchmark} that the JIT cannot vectorize: each iteration's hash
 * depends on the previous one, as in most real loops, so it measures the loop check against a loop
 * that is not pure arithmetic throughput.
 */
public final class HashChain implements IntToLongFunction {

  /** Creates the workload. */
  public HashChain() {}

  @Override
  public long applyAsLong(int n) {
    long hash = 17;
    for (int i = 0; i < n; i++) {
      hash = hash * 31 + (i ^ (hash >>> 7));
    }
    return hash;
  }
}
