/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One function's counters, cheap to update from many threads: a successful warm invocation touches
 * two striped adders.
 */
public final class FunctionCounters {
  private final LongAdder invocations = new LongAdder();
  private final LongAdder durationNanos = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder throttles = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder coldStarts = new LongAdder();
  private final LongAdder provisionedInvocations = new LongAdder();
  private final LongAdder spilloverInvocations = new LongAdder();
  private final LongAdder asyncReceived = new LongAdder();
  private final LongAdder asyncDropped = new LongAdder();
  private final LongAdder destinationFailures = new LongAdder();
  private final LongAdder deadLetterErrors = new LongAdder();
  private final AtomicLong maxEventAgeMillis = new AtomicLong();
  private final AtomicInteger stuck = new AtomicInteger();

  /** Creates zeroed counters. */
  public FunctionCounters() {}

  /**
   * Counts an invocation that reached the function.
   *
   * @param nanos its duration
   */
  public void invoked(long nanos) {
    invocations.increment();
    durationNanos.add(nanos);
  }

  /** Counts a function error (timeouts included). */
  public void error() {
    errors.increment();
  }

  /** Counts a throttle. */
  public void throttled() {
    throttles.increment();
  }

  /** Counts a timeout. */
  public void timedOut() {
    timeouts.increment();
  }

  /** Counts a cold start. */
  public void coldStart() {
    coldStarts.increment();
  }

  /** Counts an invocation served by a provisioned environment. */
  public void provisionedInvocation() {
    provisionedInvocations.increment();
  }

  /** Counts an invocation of a provisioned version that found every provisioned one busy. */
  public void spilloverInvocation() {
    spilloverInvocations.increment();
  }

  /**
   * Returns invocations served by a provisioned environment.
   *
   * @return the count
   */
  public long provisionedInvocations() {
    return provisionedInvocations.sum();
  }

  /**
   * Returns invocations that spilled over to an on-demand environment.
   *
   * @return the count
   */
  public long spilloverInvocations() {
    return spilloverInvocations.sum();
  }

  /** Counts an event accepted by invokeAsync. */
  public void asyncReceived() {
    asyncReceived.increment();
  }

  /** Counts an event that ended without a delivered outcome. */
  public void asyncDropped() {
    asyncDropped.increment();
  }

  /** Counts a record that could not be delivered to a destination. */
  public void destinationDeliveryFailure() {
    destinationFailures.increment();
  }

  /** Counts an event that could not be delivered to the dead-letter target. */
  public void deadLetterError() {
    deadLetterErrors.increment();
  }

  /**
   * Records the age of an event taken from the queue.
   *
   * @param millis its age
   */
  public void asyncEventAge(long millis) {
    maxEventAgeMillis.accumulateAndGet(millis, Math::max);
  }

  /**
   * Returns the events accepted by invokeAsync.
   *
   * @return the count
   */
  public long asyncEventsReceived() {
    return asyncReceived.sum();
  }

  /**
   * Returns the events dropped.
   *
   * @return the count
   */
  public long asyncEventsDropped() {
    return asyncDropped.sum();
  }

  /**
   * Returns the records not delivered to a destination.
   *
   * @return the count
   */
  public long destinationDeliveryFailures() {
    return destinationFailures.sum();
  }

  /**
   * Returns the events not delivered to the dead-letter target.
   *
   * @return the count
   */
  public long deadLetterErrors() {
    return deadLetterErrors.sum();
  }

  /**
   * Returns the oldest an event was when taken from the queue.
   *
   * @return milliseconds
   */
  public long maxAsyncEventAgeMillis() {
    return maxEventAgeMillis.get();
  }

  /** Counts a handler reported stuck. */
  public void stuckStarted() {
    stuck.incrementAndGet();
  }

  /** Counts a stuck handler that finally returned. */
  public void stuckEnded() {
    stuck.decrementAndGet();
  }

  /**
   * Returns invocations that reached the function.
   *
   * @return the count
   */
  public long invocations() {
    return invocations.sum();
  }

  /**
   * Returns the sum of invocation durations.
   *
   * @return nanoseconds
   */
  public long durationNanos() {
    return durationNanos.sum();
  }

  /**
   * Returns function errors.
   *
   * @return the count
   */
  public long errors() {
    return errors.sum();
  }

  /**
   * Returns throttles.
   *
   * @return the count
   */
  public long throttles() {
    return throttles.sum();
  }

  /**
   * Returns timeouts.
   *
   * @return the count
   */
  public long timeouts() {
    return timeouts.sum();
  }

  /**
   * Returns cold starts.
   *
   * @return the count
   */
  public long coldStarts() {
    return coldStarts.sum();
  }

  /**
   * Returns handlers running now past their deadline and threshold.
   *
   * @return the count
   */
  public int stuck() {
    return stuck.get();
  }
}
