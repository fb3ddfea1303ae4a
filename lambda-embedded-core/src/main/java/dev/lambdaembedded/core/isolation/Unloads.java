/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.LayerVersionInfo;
import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.spi.TimeSource;
import dev.lambdaembedded.core.isolation.leak.LeakCleaner;
import dev.lambdaembedded.core.isolation.leak.UnloadVerifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Released class loaders on their way out: cleans what their code left registered (JDBC drivers,
 * shutdown hooks), then verifies with weak references and garbage collections that each loader was
 * collected, and reports what pins the ones that stay; a pinned loader is checked again by every
 * later check until it is collected. The background check runs when a release is older than the
 * delay; it re-checks the pinned loaders then too, but they alone schedule none (each check costs a
 * few full collections).
 */
final class Unloads {
  /** Collections per check: measured, a clean loader goes in the first (jvm-measurements §4). */
  private static final int GC_ROUNDS = 5;

  private final TimeSource time;
  private final boolean verify;
  private final Duration delay;
  private final Executor background;
  private final UnloadVerifier verifier = new UnloadVerifier();
  private final AtomicBoolean checkScheduled = new AtomicBoolean();

  Unloads(TimeSource time, boolean verify, Duration delay, Executor background) {
    this.time = time;
    this.verify = verify;
    this.delay = delay;
    this.background = background;
  }

  /** Releases an environment's loader: cleans up after its code and tracks its collection. */
  void releaseFunction(FunctionClassLoader loader) {
    List<LeakReport.Leak> cleaned = LeakCleaner.clean(loader);
    verifier.track(
        loader,
        loader.functionName(),
        loader.version(),
        loader.environment(),
        time.instant(),
        cleaned);
  }

  /** Releases a deleted layer version's loader. */
  void releaseLayer(LayerClassLoader loader, LayerVersionInfo info) {
    verifier.track(
        loader,
        info.layerName(),
        Long.toString(info.version()),
        loader.name(),
        time.instant(),
        LeakCleaner.clean(loader));
  }

  /** Returns how many released loaders no check has looked at yet. */
  int pending() {
    return verifier.pending();
  }

  /** Returns how many loaders a check found pinned and none has seen collected since. */
  int pinned() {
    return verifier.pinned();
  }

  /** Schedules a background check once a release is older than the delay. */
  void housekeeping() {
    if (!verify || verifier.pending() == 0) {
      return;
    }
    boolean due = verifier.hasPendingOlderThan(time.instant().minus(delay).plusNanos(1));
    if (due && checkScheduled.compareAndSet(false, true)) {
      try {
        background.execute(
            () -> {
              try {
                check();
              } finally {
                checkScheduled.set(false);
              }
            });
      } catch (RejectedExecutionException e) {
        checkScheduled.set(false);
      }
    }
  }

  /**
   * Checks every pending loader and every loader found pinned before, now, collecting garbage a few
   * times if needed; the verifier logs what it finds.
   *
   * @return the reports this check made: every loader pinned now, and those collected after
   *     cleaning or after being reported pinned
   */
  List<LeakReport> check() {
    return verifier.verify(GC_ROUNDS);
  }

  /** Returns each reported loader's latest report, in the order first reported. */
  List<LeakReport> reports() {
    return verifier.reports();
  }
}
