/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import java.util.Optional;

/**
 * Read-only views into a runtime's state, for monitoring and tests. Every method returns a snapshot
 * and is safe to call from any thread.
 */
public interface RuntimeInspector {

  /**
   * Returns a function's counters.
   *
   * @param functionName the function
   * @return the counters, or empty if there is no such function
   */
  Optional<FunctionMetrics> metrics(String functionName);

  /**
   * Returns the number of invocations running now, in all functions.
   *
   * @return the running invocations
   */
  int concurrentExecutions();

  /**
   * Returns the number of timed-out invocations whose handler is still running, in all functions.
   *
   * @return the stuck invocations
   */
  int stuckInvocations();

  /**
   * Returns the number of live threads the runtime started and owns: its watchdog and handler
   * threads.
   *
   * @return the live runtime threads
   */
  int liveThreads();
}
