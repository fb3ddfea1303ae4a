/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.spi.StoredEvent;
import dev.lambdaembedded.sqlite.SqliteEventStore.Options;
import dev.lambdaembedded.sqlite.SqliteEventStore.Synchronous;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rough measure, printed and not asserted: events per second that 8 threads enqueue, one 256-byte
 * event per call, with one transaction per call against group commit. Every acknowledged event must
 * be in the store. {@code -Dthroughput.millis=N} runs each case longer (default 500).
 */
final class EnqueueThroughputTest {
  private static final int THREADS = 8;

  @TempDir Path dir;

  @ParameterizedTest(name = "groupCommit={0}, {1}")
  @CsvSource({"false, FULL", "true, FULL", "false, NORMAL", "true, NORMAL"})
  void enqueue_eightThreads_printsEventsPerSecond(boolean groupCommit, Synchronous synchronous)
      throws Exception {
    long millis = Long.getLong("throughput.millis", 500);
    Options options =
        Options.ofDefaults().withGroupCommit(groupCommit).withSynchronous(synchronous);
    AtomicLong acknowledged = new AtomicLong();
    long elapsedNanos;
    try (SqliteEventStore store = SqliteEventStore.open(dir.resolve("events.db"), options)) {
      long start = System.nanoTime();
      long deadline = start + Duration.ofMillis(millis).toNanos();
      try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          done.add(
              pool.submit(
                  () -> {
                    byte[] payload = new byte[256];
                    while (System.nanoTime() < deadline) {
                      Instant now = Instant.now();
                      store.enqueue(
                          List.of(
                              new StoredEvent(UUID.randomUUID(), "fn", payload, now, now, 0, 0)));
                      acknowledged.incrementAndGet();
                    }
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      }
      elapsedNanos = System.nanoTime() - start;
      assertThat(store.size()).isEqualTo(acknowledged.get());
    }
    System.out.printf(
        "enqueue throughput: %s commit, %s, %d threads: %,d events in %d ms = %,.0f events/s%n",
        groupCommit ? "group" : "single",
        synchronous,
        THREADS,
        acknowledged.get(),
        elapsedNanos / 1_000_000,
        acknowledged.get() * 1e9 / elapsedNanos);
  }
}
