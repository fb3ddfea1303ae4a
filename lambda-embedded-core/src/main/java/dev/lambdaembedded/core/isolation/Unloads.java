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
import dev.lambdaembedded.core.observe.Loggers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Released class loaders on their way out: cleans what their code left registered (JDBC drivers,
 * shutdown hooks), then verifies with weak references and garbage collections that each loader was
 * collected, and reports what pins the ones that stay.
 */
final class Unloads {
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);

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

  /** Returns how many released loaders were not yet seen collected. */
  int pending() {
    return verifier.pending();
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
   * Checks every pending loader now, collecting garbage a few times if needed.
   *
   * @return the reports this check made
   */
  List<LeakReport> check() {
    List<LeakReport> made = verifier.verify(GC_ROUNDS);
    for (LeakReport report : made) {
      if (report.collected()) {
        LOG.info(
            "Unloaded {}:{} ({}) after cleaning up: {}",
            report.functionName(),
            report.version(),
            report.environment(),
            report.leaks());
      } else {
        LOG.warn(
            "The class loader of {}:{} ({}) was not collected: {}",
            report.functionName(),
            report.version(),
            report.environment(),
            report.leaks());
      }
    }
    return made;
  }

  /** Returns the most recent reports, oldest first. */
  List<LeakReport> reports() {
    return verifier.reports();
  }
}
