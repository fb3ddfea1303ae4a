/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The figures of an invocation's {@code REPORT} line, and what the runtime measured besides.
 *
 * <p>Lambda's {@code Max Memory Used} is not here: the memory an execution environment holds cannot
 * be attributed to one function inside a shared JVM, so the runtime reports it as unknown rather
 * than invent it. What can be measured exactly is what the invocation allocated on its thread, when
 * that thread is a platform thread ({@link #allocatedBytes()}).
 *
 * @param durationNanos the invocation's duration: decoding the event, the handler, encoding the
 *     response; not the init phase
 * @param billedDurationMillis the duration rounded up to the next millisecond (at least 1), or the
 *     timeout for a timed-out invocation, as Lambda bills
 * @param memorySizeMb the function's configured memory size
 * @param initDurationNanos the init phase's duration when this invocation started its execution
 *     environment (a cold start), else -1
 * @param allocatedBytes the bytes allocated on the handler's thread during the invocation, or -1
 *     when unknown (a virtual thread, or allocation tracking off)
 */
public record InvocationReport(
    long durationNanos,
    long billedDurationMillis,
    int memorySizeMb,
    long initDurationNanos,
    long allocatedBytes) {

  /**
   * Returns the invocation's duration.
   *
   * @return the duration
   */
  public Duration duration() {
    return Duration.ofNanos(durationNanos);
  }

  /**
   * Returns the init phase's duration if this invocation was a cold start.
   *
   * @return the init duration, or empty for a warm invocation
   */
  public Optional<Duration> initDuration() {
    return initDurationNanos < 0
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(initDurationNanos));
  }

  /**
   * Returns whether this invocation started a new execution environment.
   *
   * @return {@code true} for a cold start
   */
  public boolean coldStart() {
    return initDurationNanos >= 0;
  }

  /**
   * Returns the bytes allocated on the handler's thread, if they were measured.
   *
   * @return the bytes, or empty when unknown
   */
  public OptionalLong allocated() {
    return allocatedBytes < 0 ? OptionalLong.empty() : OptionalLong.of(allocatedBytes);
  }
}
