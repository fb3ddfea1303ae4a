/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.LayerVersionInfo;
import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.spi.TimeSource;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Released class loaders on their way out: cleans what a function left registered, then verifies
 * with weak references and garbage collections that each loader was collected, and reports the ones
 * that stay pinned.
 */
final class Unloads {
  private static final Logger LOG = LoggerFactory.getLogger("dev.lambdaembedded.runtime");
  private static final int MAX_REPORTS = 100;
  private static final int GC_ROUNDS = 5;

  private final TimeSource time;
  private final boolean verify;
  private final long delayNanos;
  private final Executor background;
  private final List<Pending> pending = new ArrayList<>();
  private final Deque<LeakReport> reports = new ArrayDeque<>();
  private final AtomicBoolean checkScheduled = new AtomicBoolean();

  Unloads(TimeSource time, boolean verify, long delayNanos, Executor background) {
    this.time = time;
    this.verify = verify;
    this.delayNanos = delayNanos;
    this.background = background;
  }

  /** Releases an environment's loader: cleans up after its code and tracks its collection. */
  void releaseFunction(FunctionClassLoader loader) {
    List<LeakReport.Leak> cleaned = new ArrayList<>();
    for (Thread hook : loader.shutdownHooks()) {
      try {
        if (Runtime.getRuntime().removeShutdownHook(hook)) {
          cleaned.add(
              new LeakReport.Leak(
                  LeakReport.Kind.SHUTDOWN_HOOK,
                  "shutdown hook thread '" + hook.getName() + "'",
                  true));
        }
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running anyway
      }
    }
    track(loader, loader.functionName(), loader.version(), loader.environment(), cleaned);
  }

  /** Releases a deleted layer version's loader. */
  void releaseLayer(LayerClassLoader loader, LayerVersionInfo info) {
    track(loader, info.layerName(), Long.toString(info.version()), loader.getName(), List.of());
  }

  private void track(
      ClassLoader loader,
      String functionName,
      String version,
      String environment,
      List<LeakReport.Leak> cleaned) {
    Pending entry =
        new Pending(
            new WeakReference<>(loader),
            functionName,
            version,
            environment,
            time.instant(),
            time.nanoTime(),
            List.copyOf(cleaned));
    synchronized (pending) {
      pending.add(entry);
    }
  }

  /** Returns how many released loaders were not yet seen collected. */
  int pending() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /** Schedules a background check once the oldest release is older than the delay. */
  void housekeeping() {
    if (!verify) {
      return;
    }
    long now = time.nanoTime();
    boolean due;
    synchronized (pending) {
      due = !pending.isEmpty() && now - pending.getFirst().releasedNanos() >= delayNanos;
    }
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
  synchronized List<LeakReport> check() {
    List<Pending> batch;
    synchronized (pending) {
      batch = new ArrayList<>(pending);
    }
    if (batch.isEmpty()) {
      return List.of();
    }
    for (int round = 0; round < GC_ROUNDS && anyAlive(batch); round++) {
      System.gc();
    }
    List<LeakReport> made = new ArrayList<>();
    for (Pending entry : batch) {
      boolean collected = entry.loader().get() == null;
      if (!collected) {
        List<LeakReport.Leak> leaks = new ArrayList<>(entry.cleaned());
        leaks.add(
            new LeakReport.Leak(
                LeakReport.Kind.UNKNOWN,
                "class loader " + entry.environment() + " not collected",
                false));
        made.add(entry.report(false, leaks));
      } else if (!entry.cleaned().isEmpty()) {
        made.add(entry.report(true, entry.cleaned()));
      }
    }
    synchronized (pending) {
      pending.removeAll(batch);
    }
    for (LeakReport report : made) {
      LOG.warn(
          "Unloading {}:{} ({}): {}",
          report.functionName(),
          report.version(),
          report.environment(),
          report.leaks());
    }
    synchronized (reports) {
      for (LeakReport report : made) {
        if (reports.size() == MAX_REPORTS) {
          reports.removeFirst();
        }
        reports.addLast(report);
      }
    }
    return made;
  }

  private static boolean anyAlive(List<Pending> batch) {
    for (Pending entry : batch) {
      if (entry.loader().get() != null) {
        return true;
      }
    }
    return false;
  }

  /** Returns the most recent reports, oldest first. */
  List<LeakReport> reports() {
    synchronized (reports) {
      return List.copyOf(reports);
    }
  }

  /** A released loader not yet seen collected. */
  private record Pending(
      WeakReference<ClassLoader> loader,
      String functionName,
      String version,
      String environment,
      Instant releasedAt,
      long releasedNanos,
      List<LeakReport.Leak> cleaned) {

    LeakReport report(boolean collected, List<LeakReport.Leak> leaks) {
      return new LeakReport(functionName, version, environment, releasedAt, collected, leaks);
    }
  }
}
