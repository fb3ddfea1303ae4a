/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lambdaembedded.api.spi.StoredEvent;
import dev.lambdaembedded.sqlite.SqliteEventStore.Options;
import dev.lambdaembedded.sqlite.SqliteEventStore.Synchronous;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The process {@link SqliteCrashTest} kills: it opens the store, recovers the leases its killed
 * predecessor held, then enqueues from four threads and claims from one, until it is killed. Each
 * line it prints acknowledges an operation that returned (so is committed):
 *
 * <pre>
 * R count   ready; recovered count expired leases
 * E id      enqueue returned
 * C id      claim returned this event (a lease is held)
 * D id      complete returned
 * S id      reschedule returned (due in an hour, attempts 1)
 * X id      deadLetter returned
 * </pre>
 *
 * <p>Arguments: the file, a seed, {@code true} for group commit, and FULL or NORMAL.
 */
final class CrashChild {
  static final Instant FAR = Instant.parse("2200-01-01T00:00:00Z");
  static final Duration LEASE = Duration.ofHours(1);
  static final int ENQUEUERS = 4;

  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, UTF_8);

  private CrashChild() {}

  /** The payload of an event, derived from its id so the parent can check every byte. */
  static byte[] payload(UUID id) {
    Random random = new Random(id.getMostSignificantBits() ^ id.getLeastSignificantBits());
    byte[] payload = new byte[16 + random.nextInt(240)];
    random.nextBytes(payload);
    return payload;
  }

  static void emit(char kind, Object value) {
    synchronized (OUT) {
      OUT.print(kind + " " + value + "\n");
      OUT.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    Options options =
        Options.ofDefaults()
            .withGroupCommit(Boolean.parseBoolean(args[2]))
            .withSynchronous(Synchronous.valueOf(args[3]));
    // never closed: the parent kills this process
    SqliteEventStore store = SqliteEventStore.open(file, options);
    emit('R', store.recoverExpiredLeases(FAR));

    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < ENQUEUERS; t++) {
      Random random = new Random(seed * 31 + t);
      threads.add(Thread.ofPlatform().name("enqueuer-" + t).start(() -> enqueue(store, random)));
    }
    Random random = new Random(seed * 31 + ENQUEUERS);
    threads.add(
        Thread.ofPlatform()
            .name("worker")
            .start(
                () -> {
                  try {
                    work(store, random);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static void enqueue(SqliteEventStore store, Random random) {
    while (true) {
      List<StoredEvent> events = new ArrayList<>();
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        Instant now = Instant.now();
        events.add(new StoredEvent(id, "fn:live", payload(id), now, now, 0, 0));
      }
      store.enqueue(events);
      for (StoredEvent event : events) {
        emit('E', event.requestId());
      }
    }
  }

  private static void work(SqliteEventStore store, Random random) throws InterruptedException {
    while (true) {
      List<StoredEvent> claimed = store.claim(Instant.now(), 8, LEASE);
      if (claimed.isEmpty()) {
        Thread.sleep(1); // the child's idle poll for due events; it is killed, not synchronised
        continue;
      }
      for (StoredEvent event : claimed) {
        emit('C', event.requestId());
      }
      for (StoredEvent event : claimed) {
        int dice = random.nextInt(100);
        if (dice < 10) {
          store.reschedule(event.reschedule(event.dueAt().plus(LEASE), 1, 0));
          emit('S', event.requestId());
        } else if (dice < 15) {
          store.deadLetter(event.requestId(), "crash-test " + event.requestId());
          emit('X', event.requestId());
        } else {
          store.complete(event.requestId());
          emit('D', event.requestId());
        }
      }
    }
  }
}
