/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.spi.EventStore.DeadLetter;
import dev.lambdaembedded.api.spi.StoredEvent;
import dev.lambdaembedded.sqlite.SqliteEventStore.Options;
import dev.lambdaembedded.sqlite.SqliteEventStore.Synchronous;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteConfig;

/**
 * What the SQLite store adds to the contract: the file outlives the store, the settings, the writer
 * thread's lifecycle, and its refusals.
 */
final class SqliteEventStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.5Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("events.db");
  }

  @AfterEach
  void noWriterThreadLeft() {
    assertThat(WriterThreads.alive()).as("writer threads after close").isEmpty();
  }

  private static StoredEvent event(int n, Instant dueAt) {
    return new StoredEvent(
        new UUID(0xF11E, n), "fn", ("{\"n\":" + n + "}").getBytes(UTF_8), T0, dueAt, 0, 0);
  }

  @ParameterizedTest
  @EnumSource(Synchronous.class)
  void reopen_eventsDeadLettersAndLeases_survive(Synchronous synchronous) {
    Options options = Options.ofDefaults().withSynchronous(synchronous);
    StoredEvent waiting = event(1, T0.plusSeconds(30));
    StoredEvent leased = event(2, T0);
    StoredEvent dead = event(3, T0);
    try (SqliteEventStore store = SqliteEventStore.open(file(), options)) {
      store.enqueue(List.of(waiting, leased, dead));
      assertThat(store.claim(T0, 10, LEASE)).containsExactly(leased, dead);
      store.deadLetter(dead.requestId(), "RetriesExhausted");
    }

    try (SqliteEventStore store = SqliteEventStore.open(file(), options)) {
      assertThat(store.size()).isEqualTo(2);
      assertThat(store.deadLetters()).containsExactly(new DeadLetter(dead, "RetriesExhausted"));
      assertThat(store.nextDue()).contains(waiting.dueAt());
      assertThat(store.claim(T0.plusSeconds(10), 10, LEASE)).as("lease still held").isEmpty();
      assertThat(store.recoverExpiredLeases(T0.plus(LEASE).plusMillis(1))).isEqualTo(1);
      assertThat(store.claim(T0.plus(LEASE), 10, LEASE)).containsExactly(leased, waiting);
    }
  }

  @Test
  void open_newFile_walDatabaseInMissingDirectories() throws Exception {
    Path nested = dir.resolve("a/b/events.db");

    SqliteEventStore.open(nested).close();

    byte[] header = Files.readAllBytes(nested);
    assertThat(new String(header, 0, 15, UTF_8)).isEqualTo("SQLite format 3");
    assertThat(header[18]).as("file format write version 2 = WAL").isEqualTo((byte) 2);
    assertThat(header[19]).as("file format read version 2 = WAL").isEqualTo((byte) 2);
  }

  @Test
  void open_fileOfANewerSchemaVersion_refused() throws Exception {
    SqliteEventStore.open(file()).close();
    try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + file());
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = " + (SqliteEventStore.SCHEMA_VERSION + 1));
    }

    assertThatThrownBy(() -> SqliteEventStore.open(file()))
        .isInstanceOf(SqliteStoreException.class)
        .hasMessageContaining("newer version");
  }

  @Test
  void open_fileThatIsNoDatabase_refused() throws Exception {
    Files.writeString(file(), "not a database, just some text that is long enough ".repeat(40));

    assertThatThrownBy(() -> SqliteEventStore.open(file()))
        .isInstanceOf(SqliteStoreException.class)
        .hasMessageContaining(file().toString());
  }

  @Test
  void close_calledTwice_thenEveryMethodThrowsIllegalState() {
    SqliteEventStore store = SqliteEventStore.open(file());
    store.close();
    store.close();

    assertThat(WriterThreads.alive()).isEmpty();
    List<Runnable> calls =
        List.of(
            () -> store.enqueue(List.of(event(1, T0))),
            () -> store.enqueue(List.of()),
            () -> store.claim(T0, 1, LEASE),
            () -> store.complete(event(1, T0).requestId()),
            () -> store.reschedule(event(1, T0)),
            () -> store.deadLetter(event(1, T0).requestId(), "x"),
            () -> store.recoverExpiredLeases(T0),
            store::nextDue,
            store::size,
            store::deadLetters);
    for (Runnable call : calls) {
      assertThatThrownBy(call::run)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"SQLITE_GROUP_COMMIT", "SQLITE_SINGLE_COMMIT"})
  void close_whileThreadsEnqueue_everyAcknowledgedEventInTheFile(StoreKind kind) throws Exception {
    Set<UUID> acknowledged = Collections.synchronizedSet(new HashSet<>());
    AtomicInteger next = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(8);
    SqliteEventStore store = (SqliteEventStore) kind.open(dir);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(
            pool.submit(
                () -> {
                  running.countDown();
                  try {
                    while (true) {
                      StoredEvent event = event(next.incrementAndGet(), T0);
                      store.enqueue(List.of(event));
                      acknowledged.add(event.requestId());
                    }
                  } catch (IllegalStateException closed) {
                    return;
                  }
                }));
      }
      running.await();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (acknowledged.size() < 64 && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // close once the writers are committing, not after a guessed delay
      }
      assertThat(acknowledged).as("enqueues acknowledged before the close").hasSizeGreaterThan(63);
      store.close();
      for (Future<?> future : done) {
        future.get();
      }
    }

    try (SqliteEventStore reopened = SqliteEventStore.open(file())) {
      List<UUID> stored =
          reopened.claim(T0, Integer.MAX_VALUE, LEASE).stream()
              .map(StoredEvent::requestId)
              .toList();
      assertThat(acknowledged).isNotEmpty();
      assertThat(stored).containsAll(acknowledged);
    }
  }

  @Test
  void enqueue_interruptedCaller_stillWaitsForTheCommitAndKeepsTheInterrupt() {
    try (SqliteEventStore store = SqliteEventStore.open(file())) {
      Thread.currentThread().interrupt();
      try {
        store.enqueue(List.of(event(1, T0)));
      } finally {
        assertThat(Thread.interrupted()).as("interrupt kept").isTrue();
      }

      assertThat(store.size()).isEqualTo(1);
    }
  }

  @Test
  void enqueue_groupCommitWithDuplicates_onlyTheDuplicateCallsFail() throws Exception {
    StoredEvent existing = event(0, T0);
    Set<UUID> acknowledged = Collections.synchronizedSet(new HashSet<>());
    Set<UUID> refused = Collections.synchronizedSet(new HashSet<>());
    try (SqliteEventStore store = SqliteEventStore.open(file())) {
      store.enqueue(List.of(existing));
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int call = 0; call < 50; call++) {
                      StoredEvent fresh = event(1 + thread * 1000 + call, T0);
                      if (call % 2 == 0) {
                        store.enqueue(List.of(fresh));
                        acknowledged.add(fresh.requestId());
                      } else {
                        assertThatThrownBy(() -> store.enqueue(List.of(fresh, existing)))
                            .isInstanceOf(IllegalArgumentException.class);
                        refused.add(fresh.requestId());
                      }
                    }
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      }

      List<UUID> stored =
          store.claim(T0, Integer.MAX_VALUE, LEASE).stream().map(StoredEvent::requestId).toList();
      assertThat(stored)
          .hasSize(acknowledged.size() + 1)
          .containsAll(acknowledged)
          .doesNotContainAnyElementsOf(refused);
    }
  }

  @Test
  void enqueue_timeOutsideNanosecondRange_refused() {
    try (SqliteEventStore store = SqliteEventStore.open(file())) {
      StoredEvent tooLate = event(1, Instant.parse("2262-04-12T00:00:00Z"));
      StoredEvent tooEarly =
          new StoredEvent(
              new UUID(1, 1), "fn", new byte[0], Instant.parse("1677-09-20T00:00:00Z"), T0, 0, 0);

      assertThatThrownBy(() -> store.enqueue(List.of(tooLate)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dueAt");
      assertThatThrownBy(() -> store.enqueue(List.of(tooEarly)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("enqueuedAt");
      assertThat(store.size()).isZero();
    }
  }

  @Test
  void claimAndRecover_instantsBeyondTheRange_clamped() {
    try (SqliteEventStore store = SqliteEventStore.open(file())) {
      store.enqueue(List.of(event(1, T0)));

      assertThat(store.claim(Instant.MIN, 10, LEASE)).isEmpty();
      assertThat(store.claim(Instant.MAX, 10, Duration.ofSeconds(Long.MAX_VALUE))).hasSize(1);
      assertThat(store.recoverExpiredLeases(Instant.MAX))
          .as("lease ends at the clamp: now")
          .isEqualTo(1);
    }
  }

  @Test
  void claim_negativeMaxOrLease_refused() {
    try (SqliteEventStore store = SqliteEventStore.open(file())) {
      assertThatThrownBy(() -> store.claim(T0, -1, LEASE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-1");
      assertThatThrownBy(() -> store.claim(T0, 1, Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PT-1S");
    }
  }

  @Test
  void options_defaultsAndWithers() {
    Options defaults = Options.ofDefaults();

    assertThat(defaults)
        .isEqualTo(new Options(Synchronous.FULL, true, Options.DEFAULT_BUSY_TIMEOUT));
    assertThat(defaults.withSynchronous(Synchronous.NORMAL).synchronous())
        .isEqualTo(Synchronous.NORMAL);
    assertThat(defaults.withGroupCommit(false).groupCommit()).isFalse();
    assertThat(defaults.withBusyTimeout(Duration.ZERO).busyTimeout()).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> defaults.withBusyTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-0.001S");
    assertThatThrownBy(() -> defaults.withBusyTimeout(Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT720H");
  }

  @Test
  void open_singleCommitMode_startsNoThread() {
    try (SqliteEventStore store =
        SqliteEventStore.open(file(), Options.ofDefaults().withGroupCommit(false))) {
      assertThat(WriterThreads.alive()).isEmpty();
      assertThatCode(() -> store.enqueue(List.of(event(1, T0)))).doesNotThrowAnyException();
    }
  }

  @Test
  void publicMethods_nullArguments_throwNullPointerException() {
    NullPointerTester tester =
        new NullPointerTester()
            .setDefault(Path.class, file())
            .setDefault(StoredEvent.class, event(1, T0))
            .setDefault(Options.class, Options.ofDefaults());
    tester.testAllPublicStaticMethods(SqliteEventStore.class);
    tester.testAllPublicConstructors(Options.class);
    tester.testAllPublicInstanceMethods(Options.ofDefaults());
    try (SqliteEventStore store = SqliteEventStore.open(file())) {
      tester.testAllPublicInstanceMethods(store);
    }
  }
}
