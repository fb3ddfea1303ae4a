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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * #verify}, which runs up to a given number of full collections. A clean unload produces no report.
 * A loader found alive is <em>pinned</em>: it stays known as pinned, and every later {@code verify}
 * checks it again (a fresh scan, a fresh report) until it is collected, when a last report says so.
 * So {@code verify} returns a report for every loader pinned now, whichever check first found it,
 * and {@link #reports()} holds each reported loader's latest report: one truth for both. The
 * verifier holds loaders only weakly, so tracking never keeps one alive.
 *
 * <p>Thread-safe: {@code track} never blocks on a running {@code verify}; concurrent {@code verify}
 * calls run one after the other.
 */
public final class UnloadVerifier {
  /**
   * How many reports of collected loaders {@link #reports()} keeps; the reports of loaders pinned
   * now are always kept.
   */
  public static final int REPORTS_KEPT = 100;

  /*
   * Between collections the verifier pauses briefly: a thread the function left that has just
   * been interrupted, or a virtual thread ending, needs a moment to terminate, and back-to-back
   * System.gc() calls were measured to miss a loader that one 10 ms pause let go.
   */
  private static final long GC_PAUSE_MILLIS = 10;
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);

  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Pending> pinned = new ConcurrentLinkedQueue<>();
  private final ReentrantLock verifying = new ReentrantLock();

  /** The latest report of each reported loader, in the order first reported; guarded by itself. */
  private final LinkedHashMap<Pending, LeakReport> reports = new LinkedHashMap<>();

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
   * Returns the number of tracked loaders not verified yet (loaders found pinned are not pending).
   *
   * @return the count
   */
  public int pending() {
    return pending.size();
  }

  /**
   * Returns the number of loaders a verification found alive and no later one saw collected.
   *
   * @return the count
   */
  public int pinned() {
    return pinned.size();
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
   * Verifies every loader tracked so far and every loader found pinned before: runs {@code
   * System.gc()} until all are collected or {@code maxGcRounds} rounds have run, then reports each
   * loader still alive (with what {@link LeakScanner} finds now), each collected one that needed
   * cleaning, and each one found pinned before and collected now. Returns at once, without
   * collecting, if nothing is pending or pinned. Every loader verified stops being pending; one
   * still alive is pinned until a verification sees it collected.
   *
   * <p>Blocks for the collections, a few milliseconds each, and for a scan of each loader still
   * alive. If interrupted it stops, keeps the loaders as they were and returns no report, with the
   * thread's interrupt flag set.
   *
   * @param maxGcRounds the most full collections to run, 0 to check without collecting
   * @return the reports of this verification: every loader pinned now, then those collected, in the
   *     order first tracked; also in {@link #reports()}
   * @throws IllegalArgumentException if {@code maxGcRounds} is negative
   */
  public List<LeakReport> verify(int maxGcRounds) {
    if (maxGcRounds < 0) {
      throw new IllegalArgumentException("maxGcRounds is negative: " + maxGcRounds);
    }
    if (pending.isEmpty() && pinned.isEmpty()) {
      return List.of();
    }
    verifying.lock();
    try {
      List<Pending> wasPinned = List.copyOf(pinned);
      List<Pending> fresh = List.copyOf(pending);
      List<Pending> batch = new ArrayList<>(wasPinned);
      batch.addAll(fresh);
      if (batch.isEmpty() || !collect(batch, maxGcRounds)) {
        return List.of();
      }
      Map<Pending, LeakReport> stillPinned = new LinkedHashMap<>();
      Map<Pending, LeakReport> collected = new LinkedHashMap<>();
      for (Pending entry : wasPinned) {
        LeakReport report = reportPinned(entry).orElse(null);
        if (report != null) {
          stillPinned.put(entry, report);
        } else {
          collected.put(entry, entry.toCollectedReport(lastLeaks(entry)));
        }
      }
      for (Pending entry : fresh) {
        LeakReport report = reportPinned(entry).orElse(null);
        if (report != null) {
          stillPinned.put(entry, report);
        } else if (!entry.cleaned().isEmpty()) {
          collected.put(entry, entry.toReport(true, List.of()));
        }
      }
      // the reports first, then the sets: a reader that sees a loader no longer pending or pinned
      // finds its report
      remember(stillPinned, collected);
      for (Pending entry : fresh) {
        if (stillPinned.containsKey(entry)) {
          pinned.add(entry);
        }
        pending.remove(entry);
      }
      pinned.removeAll(collected.keySet());
      log(wasPinned, stillPinned, collected);
      List<LeakReport> made = new ArrayList<>(stillPinned.values());
      made.addAll(collected.values());
      return List.copyOf(made);
    } finally {
      verifying.unlock();
    }
  }

  /**
   * Returns the latest report of each loader reported: those pinned now (always kept) and, of the
   * collected ones, the last {@value #REPORTS_KEPT}; in the order each loader was first reported. A
   * loader pinned now has {@code collected} false here exactly as in the last {@link #verify}.
   *
   * @return a snapshot
   */
  public List<LeakReport> reports() {
    synchronized (reports) {
      return List.copyOf(reports.values());
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

  /** Scans a loader still alive; empty if it was collected. */
  private static Optional<LeakReport> reportPinned(Pending entry) {
    if (entry.loader().refersTo(null)) {
      return Optional.empty();
    }
    ClassLoader loader = entry.loader().get();
    if (loader == null) {
      return Optional.empty();
    }
    return Optional.of(entry.toReport(false, scan((LeakSubject) loader)));
  }

  /** What the last report of a pinned loader found pinning it. */
  private List<LeakReport.Leak> lastLeaks(Pending entry) {
    synchronized (reports) {
      LeakReport last = reports.get(entry);
      return last == null ? List.of() : last.leaks();
    }
  }

  /**
   * Logs a loader found pinned for the first time as a warning, a known one still pinned at debug
   * level, and the collection of one found pinned before or cleaned first.
   */
  private static void log(
      List<Pending> wasPinned,
      Map<Pending, LeakReport> stillPinned,
      Map<Pending, LeakReport> collected) {
    for (Map.Entry<Pending, LeakReport> pinnedNow : stillPinned.entrySet()) {
      LeakReport report = pinnedNow.getValue();
      if (wasPinned.contains(pinnedNow.getKey())) {
        LOG.debug(
            "The class loader of {}:{} ({}) is still not collected: {}",
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
    for (Map.Entry<Pending, LeakReport> gone : collected.entrySet()) {
      LeakReport report = gone.getValue();
      LOG.info(
          wasPinned.contains(gone.getKey())
              ? "The class loader of {}:{} ({}), reported pinned, is now collected: {}"
              : "Unloaded {}:{} ({}) after cleaning up: {}",
          report.functionName(),
          report.version(),
          report.environment(),
          report.leaks());
    }
  }

  private static List<LeakReport.Leak> scan(LeakSubject subject) {
    try {
      return LeakScanner.scan(subject);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Cannot scan {} for leaks", subject.name(), e);
      return List.of(new LeakReport.Leak(Kind.UNKNOWN, "scan failed: " + e, false));
    }
  }

  /**
   * Records each loader's latest report, then drops the oldest reports of collected loaders beyond
   * {@value #REPORTS_KEPT}.
   */
  private void remember(Map<Pending, LeakReport> stillPinned, Map<Pending, LeakReport> collected) {
    synchronized (reports) {
      reports.putAll(stillPinned);
      reports.putAll(collected);
      long collectedKept = reports.values().stream().filter(LeakReport::collected).count();
      Iterator<LeakReport> oldestFirst = reports.values().iterator();
      while (collectedKept > REPORTS_KEPT && oldestFirst.hasNext()) {
        if (oldestFirst.next().collected()) {
          oldestFirst.remove();
          collectedKept--;
        }
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

    /** The report of a loader found pinned before: collected now, with what pinned it then. */
    LeakReport toCollectedReport(List<LeakReport.Leak> lastLeaks) {
      return new LeakReport(functionName, version, environment, unloadedAt, true, lastLeaks);
    }
  }
}
