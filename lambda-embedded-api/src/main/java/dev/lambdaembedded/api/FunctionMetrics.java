/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A snapshot of one function's counters since it was created, named after Lambda's CloudWatch
 * metrics where Lambda has one.
 *
 * @param functionName the function
 * @param invocations invocations that reached the function, successful or not ({@code
 *     Invocations}); throttles and refusals are not counted
 * @param errors invocations that ended in a function error, timeouts included ({@code Errors})
 * @param throttles invocations refused for concurrency ({@code Throttles})
 * @param timeouts invocations that ran past their timeout
 * @param coldStarts execution environments started by an invocation
 * @param concurrentExecutions invocations running now ({@code ConcurrentExecutions})
 * @param stuckInvocations timed-out invocations whose handler is still running now
 * @param environments execution environments alive now, of all versions, provisioned ones included
 * @param totalDurationNanos the sum of the durations of all counted invocations
 * @param provisionedInvocations invocations served by a provisioned environment ({@code
 *     ProvisionedConcurrencyInvocations})
 * @param spilloverInvocations invocations of a version with provisioned concurrency that found
 *     every provisioned environment busy and ran on an on-demand one ({@code
 *     ProvisionedConcurrencySpilloverInvocations})
 * @param asyncEventsReceived events accepted by {@code invokeAsync} ({@code AsyncEventsReceived})
 * @param asyncEventsDropped events that ended without a delivered outcome ({@code
 *     AsyncEventsDropped}); each is kept in the event store's dead letters with its reason
 * @param maxAsyncEventAgeMillis the oldest an event was when it was last taken from the queue
 *     ({@code AsyncEventAge}, maximum)
 * @param destinationDeliveryFailures records that could not be delivered to a destination ({@code
 *     DestinationDeliveryFailures})
 * @param deadLetterErrors events that could not be delivered to the dead-letter target ({@code
 *     DeadLetterErrors})
 */
public record FunctionMetrics(
    String functionName,
    long invocations,
    long errors,
    long throttles,
    long timeouts,
    long coldStarts,
    int concurrentExecutions,
    int stuckInvocations,
    int environments,
    long totalDurationNanos,
    long provisionedInvocations,
    long spilloverInvocations,
    long asyncEventsReceived,
    long asyncEventsDropped,
    long maxAsyncEventAgeMillis,
    long destinationDeliveryFailures,
    long deadLetterErrors) {

  /** Checks the function name. */
  public FunctionMetrics {
    requireNonNull(functionName, "functionName");
  }

  /**
   * Returns the mean duration of the counted invocations.
   *
   * @return the mean, or zero when nothing was counted
   */
  public Duration meanDuration() {
    return invocations == 0 ? Duration.ZERO : Duration.ofNanos(totalDurationNanos / invocations);
  }
}
