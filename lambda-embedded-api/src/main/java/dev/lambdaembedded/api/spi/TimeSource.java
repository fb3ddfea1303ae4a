/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.spi;

import java.time.Instant;

/**
 * The runtime's source of time: a monotonic nanosecond counter for durations and deadlines, and a
 * wall clock for timestamps.
 *
 * <p>Everything the runtime times (invocation deadlines, durations in REPORT lines, the init phase,
 * idle expiry) reads {@link #nanoTime()}; timestamps in log lines read {@link #instant()}. A test
 * can inject a manual time source and advance it to fire a timeout without waiting: the runtime's
 * watchdog polls a non-system time source every millisecond.
 *
 * <p>Implementations must be thread-safe, and {@link #nanoTime()} must never go backwards; {@link
 * #instant()}, like any wall clock, may step when the clock is adjusted.
 */
public interface TimeSource {

  /**
   * Returns the current value of a monotonic counter in nanoseconds, with the meaning of {@link
   * System#nanoTime()}: only differences between two readings are meaningful.
   *
   * @return the current counter value
   */
  long nanoTime();

  /**
   * Returns the current wall-clock time.
   *
   * @return the current instant
   */
  Instant instant();

  /**
   * Returns the time source backed by {@link System#nanoTime()} and {@link Instant#now()}.
   *
   * @return the system time source
   */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}
