/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.internal;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.AsyncOutcome;
import dev.lambdaembedded.api.spi.EventStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime's settings for asynchronous invocation.
 *
 * @param store where events wait
 * @param retryDelays the wait before each retry of a function error or timeout: Lambda's about 1
 *     minute, then about 2 minutes
 * @param backoffInitial the first wait after a throttle or runtime-side failure: Lambda's 1 second
 * @param backoffMax the longest such wait: Lambda's 5 minutes
 * @param maxInFlight events dispatched at once, at most
 * @param closeGrace how long {@code close()} lets running events finish
 * @param outcomes told of every event's outcome
 */
public record AsyncSettings(
    EventStore store,
    List<Duration> retryDelays,
    Duration backoffInitial,
    Duration backoffMax,
    int maxInFlight,
    Duration closeGrace,
    Consumer<AsyncOutcome> outcomes) {

  /** Lambda's retry delays after a function error: about 1 minute, then about 2 minutes. */
  public static final List<Duration> LAMBDA_RETRY_DELAYS =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

  /** Lambda's largest asynchronous payload: 1 MB. */
  public static final int ASYNC_PAYLOAD_LIMIT = 1024 * 1024;

  /** Checks that no component is null and copies the delays. */
  public AsyncSettings {
    requireNonNull(store, "store");
    retryDelays = List.copyOf(retryDelays);
    requireNonNull(backoffInitial, "backoffInitial");
    requireNonNull(backoffMax, "backoffMax");
    requireNonNull(closeGrace, "closeGrace");
    requireNonNull(outcomes, "outcomes");
  }

  /**
   * Returns the wait before the next try after a throttle or runtime-side failure.
   *
   * @param requeues the requeues so far, from 0
   * @return the initial backoff doubled per requeue, capped at the maximum
   */
  public Duration backoff(int requeues) {
    Duration wait = backoffInitial;
    for (int i = 0; i < requeues && wait.compareTo(backoffMax) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
  }
}
