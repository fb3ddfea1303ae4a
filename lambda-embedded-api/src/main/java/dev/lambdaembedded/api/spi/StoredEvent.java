/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * An asynchronous invocation event as an {@link EventStore} keeps it: plain data only (the
 * qualifier text and the JSON payload, never handler objects), so stored events survive code
 * changes and restarts.
 *
 * @param requestId the event's id: Lambda's request id, the same for every attempt
 * @param qualifier the qualifier the caller named, as text ({@code fn}, {@code fn:live}, ...)
 * @param payload the JSON event, UTF-8; shared, not copied: callers must not change it
 * @param enqueuedAt when {@code invokeAsync} accepted it
 * @param dueAt when it may next be claimed
 * @param attempts invocations that reached the function and failed (function errors, timeouts)
 * @param requeues times it went back to the queue without reaching the function (throttles,
 *     runtime-side failures); drives the backoff, does not use up retry attempts
 */
@SuppressWarnings("ArrayRecordComponent") // equals and hashCode compare the bytes; not copied
public record StoredEvent(
    UUID requestId,
    String qualifier,
    byte[] payload,
    Instant enqueuedAt,
    Instant dueAt,
    int attempts,
    int requeues) {

  /** Checks that no component is null and that the counts are not negative. */
  public StoredEvent {
    requireNonNull(requestId, "requestId");
    requireNonNull(qualifier, "qualifier");
    requireNonNull(payload, "payload");
    requireNonNull(enqueuedAt, "enqueuedAt");
    requireNonNull(dueAt, "dueAt");
    if (attempts < 0 || requeues < 0) {
      throw new IllegalArgumentException(
          "attempts and requeues must not be negative: " + attempts + ", " + requeues);
    }
  }

  /**
   * Returns this event due again later, after a failed attempt or a requeue.
   *
   * @param newDueAt when it may next be claimed
   * @param newAttempts the failed attempts so far
   * @param newRequeues the requeues so far
   * @return the event
   */
  public StoredEvent reschedule(Instant newDueAt, int newAttempts, int newRequeues) {
    return new StoredEvent(
        requestId, qualifier, payload, enqueuedAt, newDueAt, newAttempts, newRequeues);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredEvent that
        && requestId.equals(that.requestId)
        && qualifier.equals(that.qualifier)
        && Arrays.equals(payload, that.payload)
        && enqueuedAt.equals(that.enqueuedAt)
        && dueAt.equals(that.dueAt)
        && attempts == that.attempts
        && requeues == that.requeues;
  }

  @Override
  public int hashCode() {
    return requestId.hashCode();
  }

  @Override
  public String toString() {
    return "StoredEvent["
        + requestId
        + " "
        + qualifier
        + ", "
        + payload.length
        + " bytes, due "
        + dueAt
        + ", attempts "
        + attempts
        + ", requeues "
        + requeues
        + "]";
  }
}
