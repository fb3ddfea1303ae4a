/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.async;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.api.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The default event store: events in memory, lost with the process.
 *
 * <p>Events due in the order they arrive (the usual case: due when accepted, on a clock that moves
 * forward) wait in a first-in first-out queue; others (retries, requeues, recovered leases, a clock
 * that stepped back) in a queue ordered by due time. A claim takes the earlier head of the two.
 * Every stored event, waiting or claimed, sits in one map by request id, its slot marked with the
 * lease's end while claimed. One lock guards it all; each operation holds it for a few map and
 * queue steps.
 */
public final class InMemoryEventStore implements EventStore {
  private static final Comparator<Slot> BY_DUE =
      Comparator.comparing((Slot slot) -> slot.event.dueAt())
          .thenComparing(slot -> slot.event.enqueuedAt());

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Slot> arrived = new ArrayDeque<>();
  private final PriorityQueue<Slot> later = new PriorityQueue<>(BY_DUE);
  private final Map<UUID, Slot> events = new HashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  /** A stored event and, while it is claimed, when its lease ends; guarded by the lock. */
  private static final class Slot {
    final StoredEvent event;
    @Nullable Instant leaseUntil;

    Slot(StoredEvent event) {
      this.event = event;
    }
  }

  /** Creates an empty store. */
  public InMemoryEventStore() {}

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a request id is already stored or appears twice in {@code
   *     events}; no event of the call is stored then
   */
  @Override
  public void enqueue(List<StoredEvent> events) {
    requireNonNull(events, "events");
    lock.lock();
    try {
      Set<UUID> seen = events.size() > 1 ? new HashSet<>() : Set.of(); // one: nothing to repeat
      for (StoredEvent event : events) {
        UUID id = event.requestId();
        if (this.events.containsKey(id) || (events.size() > 1 && !seen.add(id))) {
          throw new IllegalArgumentException("Event already stored: " + id);
        }
      }
      for (StoredEvent event : events) {
        Slot slot = new Slot(event);
        this.events.put(event.requestId(), slot);
        Slot last = arrived.peekLast();
        if (last == null || BY_DUE.compare(last, slot) <= 0) {
          arrived.addLast(slot);
        } else {
          later.add(slot);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<StoredEvent> claim(Instant now, int max, Duration lease) {
    List<StoredEvent> taken = new ArrayList<>(Math.min(max, 64));
    lock.lock();
    try {
      Instant until = now.plus(lease);
      while (taken.size() < max) {
        Slot next = earliest();
        if (next == null || next.event.dueAt().isAfter(now)) {
          break;
        }
        if (next == arrived.peekFirst()) {
          arrived.pollFirst();
        } else {
          later.poll();
        }
        next.leaseUntil = until;
        taken.add(next.event);
      }
    } finally {
      lock.unlock();
    }
    return taken;
  }

  private @Nullable Slot earliest() {
    Slot first = arrived.peekFirst();
    Slot other = later.peek();
    if (first == null) {
      return other;
    }
    return other == null || BY_DUE.compare(first, other) <= 0 ? first : other;
  }

  @Override
  public void complete(UUID requestId) {
    lock.lock();
    try {
      Slot slot = events.remove(requestId);
      if (slot != null && slot.leaseUntil == null) {
        events.put(requestId, slot); // waiting, not claimed: left as it is
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void reschedule(StoredEvent event) {
    lock.lock();
    try {
      Slot slot = events.get(event.requestId());
      if (slot != null && slot.leaseUntil != null) {
        Slot again = new Slot(event);
        events.put(event.requestId(), again);
        later.add(again);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void deadLetter(UUID requestId, String reason) {
    lock.lock();
    try {
      Slot slot = events.get(requestId);
      if (slot != null && slot.leaseUntil != null) {
        events.remove(requestId);
        deadLetters.add(new DeadLetter(slot.event, reason));
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int recoverExpiredLeases(Instant now) {
    int recovered = 0;
    lock.lock();
    try {
      for (Slot slot : events.values()) {
        Instant leaseUntil = slot.leaseUntil;
        if (leaseUntil != null && !leaseUntil.isAfter(now)) {
          slot.leaseUntil = null;
          later.add(slot);
          recovered++;
        }
      }
    } finally {
      lock.unlock();
    }
    return recovered;
  }

  @Override
  public Optional<Instant> nextDue() {
    lock.lock();
    try {
      Slot next = earliest();
      return next == null ? Optional.empty() : Optional.of(next.event.dueAt());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long size() {
    lock.lock();
    try {
      return events.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<DeadLetter> deadLetters() {
    lock.lock();
    try {
      return List.copyOf(deadLetters);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns every event still waiting or claimed, for a report of what {@code close()} left.
   *
   * @return the events
   */
  public List<StoredEvent> remaining() {
    lock.lock();
    try {
      List<StoredEvent> all = new ArrayList<>(events.size());
      events.values().forEach(slot -> all.add(slot.event));
      return all;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {}
}
