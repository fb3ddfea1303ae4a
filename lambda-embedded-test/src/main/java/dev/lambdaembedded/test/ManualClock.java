/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.spi.SteppedTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when a test advances it, and drives the timers of every runtime built on
 * it: when {@link #advance} returns, the timeouts, asynchronous retries, backoff and event-age
 * expiries due by the new time have fired, and the asynchronous events due have their outcomes.
 *
 * <p>Its wall-clock time starts at {@link #DEFAULT_START} unless given; its monotonic counter moves
 * with it. Thread-safe; moves are serialised.
 */
public final class ManualClock implements SteppedTimeSource {

  /** Where a clock starts unless told otherwise: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private static final long NANOS_START = 1_000_000_000L;

  private final Instant start;
  private volatile long nanos = NANOS_START;
  private final ReentrantLock moving = new ReentrantLock();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private ManualClock(Instant start) {
    this.start = start;
  }

  /**
   * Returns a clock at {@link #DEFAULT_START}.
   *
   * @return the clock
   */
  public static ManualClock create() {
    return new ManualClock(DEFAULT_START);
  }

  /**
   * Returns a clock at the given time.
   *
   * @param start its wall-clock time now
   * @return the clock
   */
  public static ManualClock startingAt(Instant start) {
    return new ManualClock(requireNonNull(start, "start"));
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public Instant instant() {
    return start.plusNanos(nanos - NANOS_START);
  }

  /**
   * Moves the clock forward and lets every runtime on it catch up before returning.
   *
   * @param duration how far, zero or more
   * @return this clock
   * @throws IllegalArgumentException if {@code duration} is negative: time does not go back
   * @throws IllegalStateException if a runtime did not catch up in time (an asynchronous handler
   *     that blocks, for example)
   */
  public ManualClock advance(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "A manual clock moves forward only; duration was " + duration);
    }
    moving.lock();
    try {
      nanos = Math.addExact(nanos, duration.toNanos());
      RuntimeException failure = null;
      for (Runnable listener : listeners) {
        try {
          listener.run();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      moving.unlock();
    }
    return this;
  }

  /**
   * Moves the clock forward to a time.
   *
   * @param time the wall-clock time to reach, not before the clock's
   * @return this clock
   * @throws IllegalArgumentException if {@code time} is before the clock's time
   */
  public ManualClock advanceTo(Instant time) {
    requireNonNull(time, "time");
    Instant now = instant();
    if (time.isBefore(now)) {
      throw new IllegalArgumentException(
          "A manual clock moves forward only; it is at " + now + ", asked for " + time);
    }
    return advance(Duration.between(now, time));
  }

  @Override
  public void addStepListener(Runnable listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  @Override
  public void removeStepListener(Runnable listener) {
    listeners.remove(listener);
  }

  @Override
  public String toString() {
    return "ManualClock[" + instant() + "]";
  }
}
