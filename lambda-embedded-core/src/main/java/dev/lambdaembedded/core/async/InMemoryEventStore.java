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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default event store: events in memory, lost with the process. Waiting events sit in a queue
 * ordered by due time; claimed ones in a map with their lease's end.
 */
public final class InMemoryEventStore implements EventStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<StoredEvent> waiting =
      new PriorityQueue<>(
          Comparator.comparing(StoredEvent::dueAt).thenComparing(StoredEvent::enqueuedAt));
  private final Map<UUID, Claimed> claimed = new HashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<UUID, Boolean> known = new HashMap<>();

  private record Claimed(StoredEvent event, Instant leaseUntil) {}

  /** Creates an empty store. */
  public InMemoryEventStore() {}

  @Override
  public void enqueue(List<StoredEvent> events) {
    requireNonNull(events, "events");
    lock.lock();
    try {
      for (StoredEvent event : events) {
        if (known.putIfAbsent(event.requestId(), Boolean.TRUE) != null) {
          throw new IllegalArgumentException("Event already stored: " + event.requestId());
        }
        waiting.add(event);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<StoredEvent> claim(Instant now, int max, Duration lease) {
    List<StoredEvent> taken = new ArrayList<>(Math.min(max, 16));
    lock.lock();
    try {
      Instant until = now.plus(lease);
      while (taken.size() < max) {
        StoredEvent next = waiting.peek();
        if (next == null || next.dueAt().isAfter(now)) {
          break;
        }
        waiting.poll();
        claimed.put(next.requestId(), new Claimed(next, until));
        taken.add(next);
      }
    } finally {
      lock.unlock();
    }
    return taken;
  }

  @Override
  public void complete(UUID requestId) {
    lock.lock();
    try {
      if (claimed.remove(requestId) != null) {
        known.remove(requestId);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void reschedule(StoredEvent event) {
    lock.lock();
    try {
      if (claimed.remove(event.requestId()) != null) {
        waiting.add(event);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void deadLetter(UUID requestId, String reason) {
    lock.lock();
    try {
      Claimed gone = claimed.remove(requestId);
      if (gone != null) {
        known.remove(requestId);
        deadLetters.add(new DeadLetter(gone.event(), reason));
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
      var iterator = claimed.values().iterator();
      while (iterator.hasNext()) {
        Claimed entry = iterator.next();
        if (!entry.leaseUntil().isAfter(now)) {
          iterator.remove();
          waiting.add(entry.event());
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
      StoredEvent next = waiting.peek();
      return next == null ? Optional.empty() : Optional.of(next.dueAt());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long size() {
    lock.lock();
    try {
      return (long) waiting.size() + claimed.size();
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
      List<StoredEvent> all = new ArrayList<>(waiting);
      claimed.values().forEach(entry -> all.add(entry.event()));
      return all;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {}
}
