/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * How an asynchronous event ended: every accepted event ends in exactly one outcome.
 *
 * @param requestId the event's request id
 * @param qualifier the qualifier it was sent to
 * @param kind how it ended
 * @param condition Lambda's condition: {@code Success}, {@code RetriesExhausted}, {@code
 *     EventAgeExceeded}, {@code ZeroReservedConcurrency}, or for a drop without a failure record
 *     the reason (for example {@code FunctionNotFound} or {@code RuntimeClosed})
 * @param detail a sentence for logs: where the record went, or why nothing could be delivered
 * @param attempts invocations that reached the function
 * @param at when it ended, on the runtime's clock
 */
public record AsyncOutcome(
    UUID requestId,
    String qualifier,
    Kind kind,
    String condition,
    String detail,
    int attempts,
    Instant at) {

  /** Checks that no component is null. */
  public AsyncOutcome {
    requireNonNull(requestId, "requestId");
    requireNonNull(qualifier, "qualifier");
    requireNonNull(kind, "kind");
    requireNonNull(condition, "condition");
    requireNonNull(detail, "detail");
    requireNonNull(at, "at");
  }

  /** How an event ended. */
  public enum Kind {
    /** The function succeeded (its on-success record, if configured, was delivered). */
    SUCCEEDED,
    /** It failed for good, and its record or dead letter was delivered. */
    FAILURE_DELIVERED,
    /**
     * It could not be delivered anywhere: no failure destination configured, a delivery that kept
     * failing, the function deleted, or the runtime closed with the event in memory. Counted in
     * {@code AsyncEventsDropped} and kept in the event store's dead letters.
     */
    DROPPED
  }
}
