/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.spi.StoredEvent;
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.sqlite.SqliteEventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Asynchronous invocation on the durable SQLite event store ({@code synchronous=FULL}: every commit
 * is fsynced), in a temporary directory:
 *
 * <ul>
 *   <li>{@code enqueue}: the store's durable acceptance rate, what bounds {@code invokeAsync} —
 *       each operation stores {@value #BATCH} events from {@code callers} virtual threads, one
 *       event per call, each call returning after the commit that holds it; {@code commit=group}
 *       batches concurrent calls into one transaction, {@code commit=single} commits each alone;
 *   <li>{@code endToEnd}: through a runtime on the store, group commit — {@code callers} virtual
 *       threads accept {@value #BATCH} trivial events with {@code invokeAsync}, and the operation
 *       waits until each has run and been completed in the store.
 * </ul>
 *
 * The score is events per second. It depends on the disk's fsync time more than on the CPU.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // sqlite-jdbc, JEP 472
public class DurableAsyncBenchmark {

  /** Events per operation. */
  static final int BATCH = 2_048; // divisible by every callers value

  private static final byte[] PAYLOAD = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

  /** A store in a temporary directory and the callers' executor. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Store {
    /** Concurrent callers. */
    @Param({"1", "256"})
    public int callers;

    /** {@code group} or {@code single} commit. */
    @Param({"group", "single"})
    public String commit;

    Path directory;
    SqliteEventStore store;
    ExecutorService threads;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public Store() {}

    /** Opens the store. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      directory = Files.createTempDirectory("durable-async-bench");
      store =
          SqliteEventStore.open(
              directory.resolve("events.db"),
              SqliteEventStore.Options.ofDefaults().withGroupCommit(commit.equals("group")));
      threads = Executors.newVirtualThreadPerTaskExecutor();
    }

    /** Closes the store and deletes its directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      threads.close();
      store.close();
      deleteRecursively(directory);
    }
  }

  /** A runtime on a group-commit store with one trivial function, counting outcomes. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Host {
    /** Concurrent callers. */
    @Param({"256"})
    public int callers;

    Path directory;
    FunctionRuntime runtime;
    ExecutorService threads;
    final AtomicLong finished = new AtomicLong();
    volatile long target = Long.MAX_VALUE;
    volatile @Nullable Thread waiter;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public Host() {}

    /** Builds the runtime and function. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      directory = Files.createTempDirectory("durable-async-bench");
      runtime =
          LambdaRuntime.builder()
              .captureStandardStreams(false)
              .eventStore(SqliteEventStore.open(directory.resolve("events.db")))
              .asyncOutcomes(outcome -> finished())
              .build();
      runtime
          .registry()
          .create(FunctionConfig.of("sink"), FunctionCode.handler((Object in, Context c) -> "ok"));
      threads = Executors.newVirtualThreadPerTaskExecutor();
    }

    private void finished() {
      if (finished.incrementAndGet() >= target) {
        Thread parked = waiter;
        if (parked != null) {
          LockSupport.unpark(parked);
        }
      }
    }

    /** Closes the runtime (and its store) and deletes the directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      threads.close();
      runtime.close();
      deleteRecursively(directory);
    }
  }

  /** Creates the benchmark. */
  public DurableAsyncBenchmark() {}

  /**
   * Stores a batch of events from the state's callers, each call durable when it returns.
   *
   * @param state the store
   * @return the events stored, for JMH to consume
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long enqueue(Store state) throws Exception {
    AtomicLong stored = new AtomicLong();
    int perCaller = BATCH / state.callers;
    List<? extends Future<?>> calls =
        Stream.generate(
                () ->
                    state.threads.submit(
                        () -> {
                          for (int i = 0; i < perCaller; i++) {
                            Instant now = Instant.now();
                            state.store.enqueue(
                                List.of(
                                    new StoredEvent(
                                        UUID.randomUUID(), "sink", PAYLOAD, now, now, 0, 0)));
                            stored.incrementAndGet();
                          }
                        }))
            .limit(state.callers)
            .toList();
    for (var call : calls) {
      call.get();
    }
    return stored.get();
  }

  /**
   * Accepts a batch of events from the state's callers and waits until each has finished.
   *
   * @param state the runtime
   * @return the events finished so far, for JMH to consume
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long endToEnd(Host state) throws Exception {
    long target = state.finished.get() + BATCH;
    state.waiter = Thread.currentThread();
    state.target = target;
    int perCaller = BATCH / state.callers;
    List<? extends Future<?>> calls =
        Stream.generate(
                () ->
                    state.threads.submit(
                        () -> {
                          for (int i = 0; i < perCaller; i++) {
                            state.runtime.invokeAsync("sink", Payload.json("{\"id\":1}"));
                          }
                        }))
            .limit(state.callers)
            .toList();
    for (var call : calls) {
      call.get();
    }
    long seen;
    while ((seen = state.finished.get()) < target) {
      LockSupport.park(state);
    }
    return seen;
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
