/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.api.spi.EventStore.DeadLetter;
import dev.lambdaembedded.api.spi.StoredEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link EventStore} contract, run against every store: the in-memory default and the SQLite
 * store with and without group commit. What one store does, the others do.
 */
final class EventStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");
  private static final Instant FAR = Instant.parse("2200-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  @TempDir Path dir;

  @AfterEach
  void noWriterThreadLeft() {
    assertThat(WriterThreads.alive()).as("writer threads after close").isEmpty();
  }

  private static UUID id(int n) {
    return new UUID(0x5EED_0000_0000_0000L, n);
  }

  private static StoredEvent event(int n, Instant dueAt) {
    return new StoredEvent(
        id(n), "fn:live", ("{\"n\":" + n + "}").getBytes(UTF_8), T0, dueAt, 0, 0);
  }

  private static List<UUID> ids(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::requestId).toList();
  }

  @AllStores
  void claim_dueEvents_earliestDueFirstWithEverythingAsStored(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent third = event(3, T0.plusSeconds(3));
      StoredEvent first = event(1, T0.plusSeconds(1));
      StoredEvent second = event(2, T0.plusSeconds(2));
      store.enqueue(List.of(third));
      store.enqueue(List.of(first, second));

      assertThat(store.claim(T0.plusSeconds(10), 10, LEASE)).containsExactly(first, second, third);
    }
  }

  @AllStores
  void claim_sameDueTime_earliestEnqueuedFirst(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent later =
          new StoredEvent(id(1), "fn", new byte[] {1}, T0.plusMillis(5), T0.plusSeconds(1), 0, 0);
      StoredEvent earlier =
          new StoredEvent(id(2), "fn", new byte[] {2}, T0, T0.plusSeconds(1), 0, 0);
      store.enqueue(List.of(later));
      store.enqueue(List.of(earlier));

      assertThat(store.claim(T0.plusSeconds(1), 10, LEASE)).containsExactly(earlier, later);
    }
  }

  @AllStores
  void claim_notYetDue_notClaimedUntilItsDueTime(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent event = event(1, T0.plusSeconds(5));
      store.enqueue(List.of(event));

      assertThat(store.claim(T0, 10, LEASE)).isEmpty();
      assertThat(store.claim(T0.plusSeconds(5).minusNanos(1), 10, LEASE)).isEmpty();
      assertThat(store.claim(T0.plusSeconds(5), 10, LEASE)).containsExactly(event);
    }
  }

  @AllStores
  void claim_moreDueThanMax_claimsMaxAndLeavesTheRestWaiting(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      for (int n = 0; n < 5; n++) {
        store.enqueue(List.of(event(n, T0.plusMillis(n))));
      }

      assertThat(ids(store.claim(T0.plusSeconds(1), 2, LEASE))).containsExactly(id(0), id(1));
      assertThat(store.claim(T0.plusSeconds(1), 0, LEASE)).isEmpty();
      assertThat(ids(store.claim(T0.plusSeconds(1), 10, LEASE)))
          .containsExactly(id(2), id(3), id(4));
    }
  }

  @AllStores
  void claim_claimedEvent_notClaimedAgainWhileLeased(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      store.enqueue(List.of(event(1, T0)));
      assertThat(store.claim(T0, 10, LEASE)).hasSize(1);

      assertThat(store.claim(T0.plus(LEASE).plusSeconds(1), 10, LEASE)).isEmpty();
      assertThat(store.size()).isEqualTo(1);
    }
  }

  @AllStores
  void recoverExpiredLeases_leaseEnded_eventClaimableAgainAsItWas(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent event = event(1, T0);
      StoredEvent running = event(2, T0.plusSeconds(1));
      store.enqueue(List.of(event, running));
      store.claim(T0, 10, LEASE);
      store.claim(T0.plusSeconds(1), 10, LEASE.multipliedBy(2));

      assertThat(store.nextDue()).isEmpty();
      assertThat(store.recoverExpiredLeases(T0.plus(LEASE).minusNanos(1)))
          .as("lease ends after now")
          .isZero();
      assertThat(store.recoverExpiredLeases(T0.plus(LEASE))).as("lease ends at now").isEqualTo(1);

      assertThat(store.nextDue()).contains(T0);
      assertThat(store.claim(T0.plus(LEASE), 10, LEASE)).containsExactly(event);
      assertThat(store.size()).isEqualTo(2);
    }
  }

  @AllStores
  void reschedule_claimedEvent_dueAgainAtNewTimeWithNewCounts(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      store.enqueue(List.of(event(1, T0)));
      StoredEvent claimed = store.claim(T0, 1, LEASE).getFirst();
      StoredEvent again = claimed.reschedule(T0.plusSeconds(60), 1, 2);

      store.reschedule(again);

      assertThat(store.nextDue()).contains(T0.plusSeconds(60));
      assertThat(store.claim(T0.plusSeconds(59), 10, LEASE)).isEmpty();
      List<StoredEvent> retried = store.claim(T0.plusSeconds(60), 10, LEASE);
      assertThat(retried).containsExactly(again);
      assertThat(retried.getFirst().attempts()).isEqualTo(1);
      assertThat(retried.getFirst().requeues()).isEqualTo(2);
    }
  }

  @AllStores
  void reschedule_waitingEvent_leftAsItIs(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent event = event(1, T0);
      store.enqueue(List.of(event));

      store.reschedule(event.reschedule(T0.plusSeconds(60), 3, 3));

      assertThat(store.claim(T0, 10, LEASE)).containsExactly(event);
    }
  }

  @AllStores
  void complete_claimedEvent_removedAndItsIdFreeAgain(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent event = event(1, T0);
      store.enqueue(List.of(event));
      store.claim(T0, 10, LEASE);

      store.complete(event.requestId());

      assertThat(store.size()).isZero();
      assertThat(store.nextDue()).isEmpty();
      assertThat(store.recoverExpiredLeases(FAR)).isZero();
      assertThat(store.claim(FAR, 10, LEASE)).isEmpty();
      store.enqueue(List.of(event));
      assertThat(store.size()).isEqualTo(1);
    }
  }

  @AllStores
  void complete_waitingOrUnknownEvent_leftAsItIs(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent event = event(1, T0);
      store.enqueue(List.of(event));

      store.complete(event.requestId());
      store.complete(id(99));

      assertThat(store.claim(T0, 10, LEASE)).containsExactly(event);
    }
  }

  @AllStores
  void deadLetter_claimedEvents_movedWithReasonOldestFirst(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent first = event(1, T0);
      StoredEvent second = event(2, T0.plusSeconds(1));
      store.enqueue(List.of(first, second, event(3, T0.plusSeconds(2))));
      store.claim(T0.plusSeconds(2), 10, LEASE);

      store.deadLetter(first.requestId(), "RetriesExhausted: no on-failure destination");
      store.deadLetter(second.requestId(), "EventAgeExceeded");

      assertThat(store.deadLetters())
          .containsExactly(
              new DeadLetter(first, "RetriesExhausted: no on-failure destination"),
              new DeadLetter(second, "EventAgeExceeded"));
      assertThat(store.size()).isEqualTo(1);
      assertThat(store.recoverExpiredLeases(FAR)).isEqualTo(1);
    }
  }

  @AllStores
  void deadLetter_waitingEvent_leftAsItIs(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent event = event(1, T0);
      store.enqueue(List.of(event));

      store.deadLetter(event.requestId(), "no");

      assertThat(store.deadLetters()).isEmpty();
      assertThat(store.claim(T0, 10, LEASE)).containsExactly(event);
    }
  }

  @AllStores
  void size_countsWaitingAndClaimed(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      assertThat(store.size()).isZero();
      store.enqueue(List.of(event(1, T0), event(2, T0), event(3, T0.plusSeconds(9))));
      store.claim(T0, 1, LEASE);

      assertThat(store.size()).isEqualTo(3);
    }
  }

  @AllStores
  void nextDue_earliestWaitingEvent_claimedOnesIgnored(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      assertThat(store.nextDue()).isEmpty();
      store.enqueue(List.of(event(2, T0.plusSeconds(2)), event(1, T0.plusSeconds(1))));
      assertThat(store.nextDue()).isEqualTo(Optional.of(T0.plusSeconds(1)));

      store.claim(T0.plusSeconds(1), 10, LEASE);

      assertThat(store.nextDue()).contains(T0.plusSeconds(2));
    }
  }

  @AllStores
  void enqueue_requestIdWaitingOrClaimed_refusedAndStoredEventUnchanged(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      StoredEvent waiting = event(1, T0);
      StoredEvent claimed = event(2, T0);
      store.enqueue(List.of(claimed));
      store.claim(T0, 10, LEASE);
      store.enqueue(List.of(waiting));

      StoredEvent copy = new StoredEvent(id(1), "other", new byte[] {9}, FAR, FAR, 7, 7);
      assertThatThrownBy(() -> store.enqueue(List.of(copy)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(id(1).toString());
      assertThatThrownBy(() -> store.enqueue(List.of(event(2, FAR))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(id(2).toString());

      assertThat(store.size()).isEqualTo(2);
      assertThat(store.claim(FAR, 10, LEASE)).containsExactly(waiting);
    }
  }

  @AllStores
  void enqueue_requestIdTwiceInOneCall_refused(StoreKind kind) {
    // Whether the events before the duplicate stay stored is not part of the contract: the
    // in-memory store keeps them, the SQLite store stores all of a call or nothing.
    try (EventStore store = kind.open(dir)) {
      assertThatThrownBy(() -> store.enqueue(List.of(event(1, T0), event(1, T0))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(id(1).toString());
    }
  }

  @AllStores
  void enqueue_emptyList_storesNothing(StoreKind kind) {
    try (EventStore store = kind.open(dir)) {
      store.enqueue(List.of());

      assertThat(store.size()).isZero();
    }
  }

  @AllStores
  void enqueue_payloadsAndTimes_comeBackExactly(StoreKind kind) {
    Random random = new Random(42);
    byte[] everyByte = new byte[256];
    for (int b = 0; b < 256; b++) {
      everyByte[b] = (byte) b;
    }
    byte[] large = new byte[1 << 20];
    random.nextBytes(large);
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF, (byte) 0xFE};
    Instant nanos = Instant.parse("2026-03-01T10:00:00.000000001Z");
    Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999999Z");
    List<StoredEvent> events =
        List.of(
            new StoredEvent(id(1), "fn", everyByte, nanos, nanos, 0, 0),
            new StoredEvent(id(2), "fn:$LATEST", new byte[0], beforeEpoch, beforeEpoch, 3, 4),
            new StoredEvent(id(3), "ünïcode-fn:7", notUtf8, T0, nanos.plusNanos(1), 0, 0),
            new StoredEvent(id(4), "fn:live", large, T0, T0, Integer.MAX_VALUE, 1));

    try (EventStore store = kind.open(dir)) {
      store.enqueue(events);

      List<StoredEvent> claimed = store.claim(T0, 10, LEASE);
      assertThat(claimed).containsExactlyInAnyOrderElementsOf(events);
      for (StoredEvent event : claimed) {
        StoredEvent original = events.get((int) event.requestId().getLeastSignificantBits() - 1);
        assertThat(event.payload()).isEqualTo(original.payload());
        assertThat(event.dueAt()).isEqualTo(original.dueAt());
        assertThat(event.enqueuedAt()).isEqualTo(original.enqueuedAt());
      }
    }
  }

  @AllStores
  void enqueue_manyThreadsAtOnce_everyEventStoredOnce(StoreKind kind) throws Exception {
    int threads = 8;
    int callsPerThread = 60;
    try (EventStore store = kind.open(dir)) {
      AtomicInteger next = new AtomicInteger();
      Set<UUID> acknowledged = Collections.synchronizedSet(new HashSet<>());
      try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    for (int call = 0; call < callsPerThread; call++) {
                      List<StoredEvent> events = new ArrayList<>();
                      for (int e = 0, n = 1 + call % 3; e < n; e++) {
                        events.add(event(next.incrementAndGet(), T0));
                      }
                      store.enqueue(events);
                      events.forEach(event -> acknowledged.add(event.requestId()));
                    }
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      }

      assertThat(acknowledged).hasSize(next.get());
      assertThat(store.size()).isEqualTo(next.get());
      List<UUID> claimed = ids(store.claim(T0, Integer.MAX_VALUE, LEASE));
      assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
    }
  }

  @AllStores
  void claim_manyThreadsAtOnce_everyEventClaimedOnce(StoreKind kind) throws Exception {
    int events = 1000;
    try (EventStore store = kind.open(dir)) {
      List<StoredEvent> all = new ArrayList<>();
      for (int n = 0; n < events; n++) {
        all.add(event(n, T0.plusNanos(n)));
      }
      store.enqueue(all);
      List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          done.add(
              pool.submit(
                  () -> {
                    List<StoredEvent> batch;
                    do {
                      batch = store.claim(T0.plusSeconds(1), 7, LEASE);
                      claimed.addAll(ids(batch));
                    } while (!batch.isEmpty());
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      }

      assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(all));
    }
  }
}
