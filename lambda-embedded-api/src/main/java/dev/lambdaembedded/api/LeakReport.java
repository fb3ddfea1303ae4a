/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What the runtime found when it unloaded the code of one execution environment: references that
 * keep the environment's class loader alive, and what it cleaned up.
 *
 * <p>A clean unload produces no report. A report with {@link #collected()} false names what pins
 * the loader at the check that made it. One with {@code collected} true says the loader is gone: it
 * lists the leaks the runtime cleaned (a JDBC driver deregistered, a shutdown hook removed) before
 * the loader was collected, and for a loader an earlier check reported pinned, also what pinned it
 * then (not cleaned: it went away by itself).
 *
 * @param functionName the function
 * @param version the function version
 * @param environment the execution environment's log stream name
 * @param unloadedAt when the environment was retired
 * @param collected whether the class loader was garbage-collected when the report was made
 * @param leaks what was found, in the order found
 */
public record LeakReport(
    String functionName,
    String version,
    String environment,
    Instant unloadedAt,
    boolean collected,
    List<Leak> leaks) {

  /** Checks that no component is null and copies the list. */
  public LeakReport {
    requireNonNull(functionName, "functionName");
    requireNonNull(version, "version");
    requireNonNull(environment, "environment");
    requireNonNull(unloadedAt, "unloadedAt");
    leaks = List.copyOf(leaks);
  }

  /**
   * One reference that pins a class loader, or pinned it until the runtime cleaned it.
   *
   * @param kind what kind of reference
   * @param description what exactly: a thread's name, a driver's class, a thread local's value type
   * @param cleaned whether the runtime removed it
   */
  public record Leak(Kind kind, String description, boolean cleaned) {

    /** Checks that no component is null. */
    public Leak {
      requireNonNull(kind, "kind");
      requireNonNull(description, "description");
    }
  }

  /** The kinds of reference that keep a function's class loader alive. */
  public enum Kind {
    /** A platform thread the function started is still running. */
    PLATFORM_THREAD,
    /** A virtual thread the function started is still running. */
    VIRTUAL_THREAD,
    /** A thread local the function set on a thread that outlives it holds one of its objects. */
    THREAD_LOCAL,
    /** The function registered a JVM shutdown hook. */
    SHUTDOWN_HOOK,
    /** The function registered a JDBC driver with {@code DriverManager}. */
    JDBC_DRIVER,
    /** A {@code java.util.Timer} the function created still has its thread. */
    TIMER,
    /** The loader was not collected and none of the known causes was found. */
    UNKNOWN
  }
}
