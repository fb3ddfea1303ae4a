/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.LeakReport.Kind;
import dev.lambdaembedded.core.isolation.leak.VirtualThreads.DumpedThread;
import dev.lambdaembedded.core.observe.Loggers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Looks for what keeps a retired function's class loader alive after garbage collection: threads
 * that run its code or carry it as context class loader, timers, thread locals, shutdown hooks and
 * JDBC drivers. Finding nothing yields one {@link Kind#UNKNOWN} leak, which a heap dump can
 * explain.
 *
 * <p>Scanning is slow (a thread dump, tens to hundreds of milliseconds): run it only for a loader
 * that stayed alive. Thread-safe; stateless.
 *
 * <p>What it cannot see: a {@code java.util.Timer} is found only by its thread's context class
 * loader, which a timer thread inherits from the function's invocation; objects of the function
 * held by host code (caches, listeners) show up as {@code UNKNOWN}.
 */
public final class LeakScanner {
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);
  private static final String TIMER_THREAD = "java.util.TimerThread";

  private LeakScanner() {}

  /**
   * Lists what pins the subject's loader, in the order: platform threads and timers, virtual
   * threads, thread locals, shutdown hooks, JDBC drivers. A part of the scan that fails is logged
   * and skipped.
   *
   * @param subject the function's loader, a {@link ClassLoader}
   * @return the leaks found, none of them cleaned; one {@code UNKNOWN} leak if nothing was found
   * @throws IllegalArgumentException if the subject is not a class loader
   */
  public static List<LeakReport.Leak> scan(LeakSubject subject) {
    requireNonNull(subject, "subject");
    if (!(subject instanceof ClassLoader loader)) {
      throw new IllegalArgumentException("not a ClassLoader: " + subject.getClass().getName());
    }
    List<LeakReport.Leak> leaks = new ArrayList<>();
    platformThreads(loader, subject.name(), leaks);
    guarded(subject, "virtual threads", () -> virtualThreads(subject.name(), leaks));
    threadLocals(subject.tracker(), leaks);
    shutdownHooks(subject.tracker(), leaks);
    guarded(subject, "JDBC drivers", () -> drivers(subject, leaks));
    if (leaks.isEmpty()) {
      leaks.add(
          new LeakReport.Leak(
              Kind.UNKNOWN,
              "no thread, thread local, shutdown hook or JDBC driver of "
                  + subject.name()
                  + " found; a heap dump shows the path from a GC root to the loader",
              false));
    }
    return List.copyOf(leaks);
  }

  private static void guarded(LeakSubject subject, String part, Runnable scan) {
    try {
      scan.run();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Cannot scan {} for the leaks of {}", part, subject.name(), e);
    }
  }

  private static void platformThreads(
      ClassLoader loader, String name, List<LeakReport.Leak> leaks) {
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      Thread thread = entry.getKey();
      reason(thread, entry.getValue(), loader, name)
          .ifPresent(
              reason -> {
                boolean timer = thread.getClass().getName().equals(TIMER_THREAD);
                leaks.add(
                    new LeakReport.Leak(
                        timer ? Kind.TIMER : Kind.PLATFORM_THREAD,
                        (timer ? "timer thread '" : "platform thread '")
                            + thread.getName()
                            + "' (#"
                            + thread.threadId()
                            + ") "
                            + reason,
                        false));
              });
    }
  }

  /** Says why a platform thread pins the loader, if it does. */
  @SuppressWarnings("ReferenceEquality") // a class loader is its own identity
  private static Optional<String> reason(
      Thread thread, StackTraceElement[] stack, ClassLoader loader, String name) {
    if (thread.getClass().getClassLoader() == loader) {
      return Optional.of("is a " + thread.getClass().getName() + " of the function");
    }
    for (StackTraceElement frame : stack) {
      if (name.equals(frame.getClassLoaderName())) {
        return Optional.of("runs " + frame.getClassName() + "." + frame.getMethodName());
      }
    }
    if (thread.getContextClassLoader() == loader) {
      return Optional.of("has the function's loader " + name + " as context class loader");
    }
    return Optional.empty();
  }

  private static void virtualThreads(String name, List<LeakReport.Leak> leaks) {
    String prefix = name + "/";
    for (DumpedThread thread : VirtualThreads.dump()) {
      thread.stack().stream()
          .filter(frame -> frame.startsWith(prefix))
          .findFirst()
          .ifPresent(
              frame ->
                  leaks.add(
                      new LeakReport.Leak(
                          Kind.VIRTUAL_THREAD,
                          "virtual thread '"
                              + thread.name()
                              + "' (#"
                              + thread.id()
                              + ") runs "
                              + withoutLoader(frame, prefix),
                          false)));
    }
  }

  /** Strips {@code loader/} and the module part, empty for the unnamed module, off a frame. */
  private static String withoutLoader(String frame, String prefix) {
    String rest = frame.substring(prefix.length());
    return rest.substring(rest.indexOf('/') + 1);
  }

  private static void threadLocals(ResourceTracker tracker, List<LeakReport.Leak> leaks) {
    for (ResourceTracker.ThreadLocalUse use : tracker.threadLocalUses()) {
      leaks.add(
          new LeakReport.Leak(
              Kind.THREAD_LOCAL,
              (use.virtual() ? "virtual thread '" : "thread '")
                  + use.threadName()
                  + "' (#"
                  + use.threadId()
                  + ") holds a "
                  + use.valueType()
                  + " (loader "
                  + use.valueLoader()
                  + ") in a thread local "
                  + use.localType(),
              false));
    }
  }

  private static void shutdownHooks(ResourceTracker tracker, List<LeakReport.Leak> leaks) {
    for (Thread hook : tracker.shutdownHooks()) {
      leaks.add(
          new LeakReport.Leak(
              Kind.SHUTDOWN_HOOK, LeakCleaner.describe(hook) + " is still registered", false));
    }
  }

  private static void drivers(LeakSubject subject, List<LeakReport.Leak> leaks) {
    for (String driver : Drivers.sweep(subject, false)) {
      leaks.add(
          new LeakReport.Leak(
              Kind.JDBC_DRIVER,
              "JDBC driver " + driver + " is still registered with DriverManager",
              false));
    }
  }
}
