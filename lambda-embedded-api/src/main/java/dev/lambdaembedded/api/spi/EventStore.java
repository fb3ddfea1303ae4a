/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The queue behind asynchronous invocation: where accepted events wait, are claimed under a lease,
 * and leave with their outcome.
 *
 * <p>Delivery is at least once: an event claimed by a dispatcher that dies (a crashed host) is
 * claimable again once its lease expires, and runs again. A store shared by several hosts (a
 * database with {@code FOR UPDATE SKIP LOCKED}) implements the same operations; callers do not
 * change.
 *
 * <p>Completing, rescheduling and dead-lettering name the event by its request id, not by a claim:
 * a holder whose lease expired (it hung past the lease) may still act on an event claimed again
 * since. Nothing is lost that way — the event is completed by one of its runs, or runs once more —
 * so delivery stays at least once; a store that wants to refuse stale holders can compare the lease
 * it handed out.
 *
 * <p>Implementations are thread-safe. Times come from the runtime's clock, passed in, so a store
 * never reads a clock of its own.
 */
public interface EventStore extends AutoCloseable {

  /**
   * Stores events. Returns only once they are stored as durably as the store promises: a durable
   * store returns after the commit that holds them (it may batch concurrent callers into one).
   *
   * @param events the events, each with a request id not stored yet
   */
  void enqueue(List<StoredEvent> events);

  /**
   * Claims events due at or before {@code now}, earliest due first, leasing each until {@code now +
   * lease}; a claimed event is not claimed again until it is completed, rescheduled, or its lease
   * expires.
   *
   * @param now the runtime's time
   * @param max the most events to claim
   * @param lease how long the claim holds
   * @return the claimed events, possibly none
   */
  List<StoredEvent> claim(Instant now, int max, Duration lease);

  /**
   * Removes a claimed event whose outcome has been recorded (a success, a delivered failure record,
   * or a counted drop).
   *
   * @param requestId the event
   */
  void complete(UUID requestId);

  /**
   * Puts a claimed event back, due again at its new {@code dueAt}, with its new counts.
   *
   * @param event the event as it should be stored now
   */
  void reschedule(StoredEvent event);

  /**
   * Moves a claimed event to the store's dead letters, with the reason it could not be delivered
   * anywhere (kept for the host to inspect with {@link #deadLetters()}).
   *
   * @param requestId the event
   * @param reason why, for example {@code RetriesExhausted: no on-failure destination}
   */
  void deadLetter(UUID requestId, String reason);

  /**
   * Makes events whose lease ended at or before {@code now} claimable again: their dispatcher died
   * or hangs.
   *
   * @param now the runtime's time
   * @return the events recovered
   */
  int recoverExpiredLeases(Instant now);

  /**
   * Returns when the earliest unclaimed event is due, for the dispatcher to wait until.
   *
   * @return the time, or empty when no event waits
   */
  Optional<Instant> nextDue();

  /**
   * Returns the events stored and not yet completed or dead-lettered, claimed or not.
   *
   * @return the count
   */
  long size();

  /**
   * Returns the dead letters: events and the reason they ended there.
   *
   * @return oldest first
   */
  List<DeadLetter> deadLetters();

  /**
   * A dead letter: an event that ended with no destination to deliver it to.
   *
   * @param event the event
   * @param reason why it ended there
   */
  record DeadLetter(StoredEvent event, String reason) {}

  /** Releases the store's resources; events stay stored in a durable store. */
  @Override
  void close();
}
