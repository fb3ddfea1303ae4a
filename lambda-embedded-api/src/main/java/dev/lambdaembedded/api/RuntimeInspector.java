/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import java.util.List;
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

  /**
   * Returns what {@link FunctionRuntime#close()} could not stop: every invocation whose handler had
   * not returned and every thread the runtime started that was still alive when {@code close()}
   * returned. The runtime's state is {@link FunctionRuntime.State#FAILED} exactly when this is not
   * empty.
   *
   * @return an immutable list; empty before close and after a clean close
   */
  List<StillRunning> stillRunning();

  /**
   * Returns the number of execution environments whose class loader was released but not yet seen
   * garbage-collected.
   *
   * @return the pending unloads
   */
  int pendingUnloads();

  /**
   * Checks now whether the class loaders of retired environments were collected: runs garbage
   * collections until they are (a few at most), and reports each loader that stays pinned, naming
   * what pins it. The runtime also checks on its own, in the background, a while after each unload.
   *
   * @return the reports made by this check, empty if every pending loader was collected
   */
  List<LeakReport> checkUnloaded();

  /**
   * Returns the most recent leak reports (at most 100): loaders that stayed pinned and leaks that
   * were cleaned before unloading.
   *
   * @return an immutable list, oldest first
   */
  List<LeakReport> leakReports();
}
