/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.LeakReport.Kind;
import dev.lambdaembedded.core.observe.Loggers;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * Checks that the class loaders of retired execution environments are garbage-collected, and
 * reports those that are not, or that were collected only after {@link LeakCleaner} removed
 * something.
 *
 * <p>The runtime {@linkplain #track tracks} a loader when it releases it and later calls {@link
 * #verify}, which runs up to a given number of full collections. A clean unload produces no report;
 * the last {@value #REPORTS_KEPT} reports are kept. The verifier holds loaders only weakly, so
 * tracking never keeps one alive.
 *
 * <p>Thread-safe: {@code track} never blocks on a running {@code verify}; concurrent {@code verify}
 * calls run one after the other.
 */
public final class UnloadVerifier {
  /** How many reports {@link #reports()} keeps, newest last. */
  public static final int REPORTS_KEPT = 100;

  /*
   * Between collections the verifier pauses briefly: a thread the function left that has just
   * been interrupted, or a virtual thread ending, needs a moment to terminate, and back-to-back
   * System.gc() calls were measured to miss a loader that one 10 ms pause let go.
   */
  private static final long GC_PAUSE_MILLIS = 10;
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);

  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final ReentrantLock verifying = new ReentrantLock();
  private final ArrayDeque<LeakReport> reports = new ArrayDeque<>(); // guarded by itself

  /** Creates a verifier with nothing pending. */
  public UnloadVerifier() {}

  /**
   * Starts watching a released loader. Keeps only a weak reference to it.
   *
   * @param subject the loader, a {@link ClassLoader}; the caller drops its own references next
   * @param functionName the function
   * @param version the function version
   * @param environment the environment's log stream name
   * @param unloadedAt when the environment was retired
   * @param cleaned what {@link LeakCleaner#clean} removed from this loader
   * @throws IllegalArgumentException if the subject is not a class loader
   */
  public void track(
      LeakSubject subject,
      String functionName,
      String version,
      String environment,
      Instant unloadedAt,
      List<LeakReport.Leak> cleaned) {
    requireNonNull(subject, "subject");
    if (!(subject instanceof ClassLoader loader)) {
      throw new IllegalArgumentException("not a ClassLoader: " + subject.getClass().getName());
    }
    pending.add(
        new Pending(
            new WeakReference<>(loader),
            requireNonNull(functionName, "functionName"),
            requireNonNull(version, "version"),
            requireNonNull(environment, "environment"),
            requireNonNull(unloadedAt, "unloadedAt"),
            List.copyOf(cleaned)));
  }

  /**
   * Returns the number of tracked loaders not verified yet.
   *
   * @return the count
   */
  public int pending() {
    return pending.size();
  }

  /**
   * Returns whether a tracked loader not verified yet was retired before the given instant, so that
   * the runtime can schedule a verification once loaders have had time to go.
   *
   * @param cutoff the instant
   * @return whether such a loader is pending
   */
  public boolean hasPendingOlderThan(Instant cutoff) {
    requireNonNull(cutoff, "cutoff");
    return pending.stream().anyMatch(entry -> entry.unloadedAt().isBefore(cutoff));
  }

  /**
   * Verifies every loader tracked so far: runs {@code System.gc()} until all are collected or
   * {@code maxGcRounds} rounds have run, then reports each loader still alive (with what {@link
   * LeakScanner} finds) and each collected one that needed cleaning. Returns at once, without
   * collecting, if nothing is pending. Every loader verified stops being pending.
   *
   * <p>Blocks for the collections, a few milliseconds each, and for a scan of each loader still
   * alive. If interrupted it stops, keeps the loaders pending and returns no report, with the
   * thread's interrupt flag set.
   *
   * @param maxGcRounds the most full collections to run, 0 to check without collecting
   * @return the new reports, also added to {@link #reports()}
   * @throws IllegalArgumentException if {@code maxGcRounds} is negative
   */
  public List<LeakReport> verify(int maxGcRounds) {
    if (maxGcRounds < 0) {
      throw new IllegalArgumentException("maxGcRounds is negative: " + maxGcRounds);
    }
    if (pending.isEmpty()) {
      return List.of();
    }
    verifying.lock();
    try {
      List<Pending> batch = List.copyOf(pending);
      if (batch.isEmpty() || !collect(batch, maxGcRounds)) {
        return List.of();
      }
      List<LeakReport> made = new ArrayList<>();
      for (Pending entry : batch) {
        report(entry).ifPresent(made::add);
        pending.remove(entry);
      }
      remember(made);
      return List.copyOf(made);
    } finally {
      verifying.unlock();
    }
  }

  /**
   * Returns the last {@value #REPORTS_KEPT} reports, oldest first.
   *
   * @return a snapshot
   */
  public List<LeakReport> reports() {
    synchronized (reports) {
      return List.copyOf(reports);
    }
  }

  /** Collects until every loader of the batch is gone; false if interrupted. */
  private static boolean collect(List<Pending> batch, int maxGcRounds) {
    for (int round = 0; round < maxGcRounds && !allCollected(batch); round++) {
      if (round > 0) {
        try {
          Thread.sleep(GC_PAUSE_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      System.gc();
    }
    return true;
  }

  /**
   * Checks without ever reading a referent, so that no frame holds a loader during a collection.
   */
  private static boolean allCollected(List<Pending> batch) {
    for (Pending entry : batch) {
      if (!entry.loader().refersTo(null)) {
        return false;
      }
    }
    return true;
  }

  private static Optional<LeakReport> report(Pending entry) {
    if (!entry.loader().refersTo(null)) {
      Optional<LeakReport> pinned = reportPinned(entry);
      if (pinned.isPresent()) {
        return pinned;
      }
    }
    return entry.cleaned().isEmpty()
        ? Optional.empty()
        : Optional.of(entry.toReport(true, List.of()));
  }

  /** Scans a loader still alive; empty if it was collected in the meantime. */
  private static Optional<LeakReport> reportPinned(Pending entry) {
    ClassLoader loader = entry.loader().get();
    if (loader == null) {
      return Optional.empty();
    }
    LeakReport report = entry.toReport(false, scan((LeakSubject) loader));
    LOG.warn(
        "The class loader of {}:{} environment {} was not collected: {}",
        report.functionName(),
        report.version(),
        report.environment(),
        report.leaks());
    return Optional.of(report);
  }

  private static List<LeakReport.Leak> scan(LeakSubject subject) {
    try {
      return LeakScanner.scan(subject);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Cannot scan {} for leaks", subject.name(), e);
      return List.of(new LeakReport.Leak(Kind.UNKNOWN, "scan failed: " + e, false));
    }
  }

  private void remember(List<LeakReport> made) {
    synchronized (reports) {
      for (LeakReport report : made) {
        if (reports.size() == REPORTS_KEPT) {
          reports.removeFirst();
        }
        reports.addLast(report);
      }
    }
  }

  /** A tracked loader, held weakly, with what the report about it needs. */
  private record Pending(
      WeakReference<ClassLoader> loader,
      String functionName,
      String version,
      String environment,
      Instant unloadedAt,
      List<LeakReport.Leak> cleaned) {

    LeakReport toReport(boolean collected, List<LeakReport.Leak> found) {
      List<LeakReport.Leak> leaks = new ArrayList<>(cleaned);
      leaks.addAll(found);
      return new LeakReport(functionName, version, environment, unloadedAt, collected, leaks);
    }
  }
}
