/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.LeakReport.Kind;
import dev.lambdaembedded.core.observe.Loggers;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Removes the JVM-wide registrations that a retired function's code left behind and that the
 * runtime can undo safely: JDBC drivers its classes registered, and the shutdown hooks its {@link
 * ResourceTracker} recorded. Threads, timers and thread locals are left alone; {@link LeakScanner}
 * reports them if they pin the loader.
 *
 * <p>Call {@link #clean} when the runtime releases a loader, after its last invocation has ended
 * and before dropping the references to it. Thread-safe; stateless.
 */
public final class LeakCleaner {
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);

  private LeakCleaner() {}

  /**
   * Deregisters the subject's JDBC drivers and removes its recorded shutdown hooks. A failure of
   * one step is logged and does not stop the other.
   *
   * @param subject the function's loader
   * @return one leak per registration removed, each with {@code cleaned} true
   */
  public static List<LeakReport.Leak> clean(LeakSubject subject) {
    requireNonNull(subject, "subject");
    List<LeakReport.Leak> cleaned = new ArrayList<>();
    deregisterDrivers(subject, cleaned);
    removeShutdownHooks(subject.tracker(), cleaned);
    return List.copyOf(cleaned);
  }

  private static void deregisterDrivers(LeakSubject subject, List<LeakReport.Leak> cleaned) {
    try {
      for (String driver : Drivers.sweep(subject, true)) {
        cleaned.add(
            new LeakReport.Leak(
                Kind.JDBC_DRIVER,
                "JDBC driver " + driver + " deregistered from DriverManager",
                true));
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Cannot deregister the JDBC drivers of {}", subject.name(), e);
    }
  }

  private static void removeShutdownHooks(ResourceTracker tracker, List<LeakReport.Leak> cleaned) {
    for (Thread hook : tracker.shutdownHooks()) {
      try {
        if (Runtime.getRuntime().removeShutdownHook(hook)) {
          cleaned.add(new LeakReport.Leak(Kind.SHUTDOWN_HOOK, describe(hook) + " removed", true));
        }
      } catch (IllegalStateException e) {
        // the JVM is shutting down and running the hooks: nothing will be unloaded any more
        return;
      }
      tracker.shutdownHookRemoved(hook);
    }
  }

  /** Describes a shutdown hook by its name and class. */
  static String describe(Thread hook) {
    return "shutdown hook thread '" + hook.getName() + "' (" + hook.getClass().getName() + ")";
  }
}
