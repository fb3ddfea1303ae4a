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
   * Returns the number of execution environments whose class loader was released and that no unload
   * check has looked at yet. A loader a check found pinned is not pending: it is among the pinned
   * reports of {@link #checkUnloaded()} and {@link #leakReports()}.
   *
   * @return the pending unloads
   */
  int pendingUnloads();

  /**
   * Checks now whether the class loaders of retired environments were collected: runs garbage
   * collections until they are (a few at most), and reports each loader that stays pinned, naming
   * what pins it. The runtime also checks on its own, in the background, a while after each unload,
   * and at close.
   *
   * <p>A loader found pinned, by this or any earlier check (the background one included), stays
   * known as pinned and is checked again by every check until it is collected. So the result has a
   * report ({@link LeakReport#collected()} false, what pins it now) for every loader pinned now,
   * followed by a report with {@code collected} true for each loader collected since the last check
   * that had been reported pinned or that needed cleaning first. Blocks for the collections (all of
   * them while a loader stays pinned) and for a scan of each pinned loader.
   *
   * @return the reports of this check: empty if no loader is pinned and none needed cleaning
   */
  List<LeakReport> checkUnloaded();

  /**
   * Returns the history of the unload checks: the latest report of each loader a check reported, in
   * the order first reported. A loader pinned now has its latest pinned report here, the same one
   * {@link #checkUnloaded()} last returned for it; a loader once pinned and collected since has a
   * report with {@link LeakReport#collected()} true; so {@code leakReports()} filtered on {@code
   * !collected()} lists the same loaders as the last check found pinned. Reports of pinned loaders
   * are always kept; of the collected ones, the last 100.
   *
   * @return an immutable list
   */
  List<LeakReport> leakReports();
}
