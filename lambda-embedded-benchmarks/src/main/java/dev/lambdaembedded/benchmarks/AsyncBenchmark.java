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
import dev.lambdaembedded.core.LambdaRuntime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Asynchronous invocation end to end through the in-memory event store: each operation accepts
 * {@value #BATCH} trivial events with {@code invokeAsync} and waits until every one has its outcome
 * (run by the dispatcher, succeeded, completed in the store). The score is events per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AsyncBenchmark {

  /** Events per operation. */
  static final int BATCH = 10_000;

  private static final Payload.Json EVENT = Payload.json("{\"id\":1}");

  /** A runtime with one trivial function, counting outcomes. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Queue {
    FunctionRuntime runtime;
    final AtomicLong finished = new AtomicLong();
    volatile long target = Long.MAX_VALUE;
    volatile @Nullable Thread waiter;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public Queue() {}

    /** Builds the runtime and function. */
    @Setup(Level.Trial)
    public void setUp() {
      runtime =
          LambdaRuntime.builder()
              .captureStandardStreams(false)
              .asyncOutcomes(outcome -> finished())
              .build();
      runtime
          .registry()
          .create(FunctionConfig.of("sink"), FunctionCode.handler((Object in, Context c) -> "ok"));
    }

    /** Counts an outcome; the last of a batch wakes the benchmark thread. */
    private void finished() {
      if (finished.incrementAndGet() >= target) {
        Thread parked = waiter;
        if (parked != null) {
          LockSupport.unpark(parked);
        }
      }
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
      runtime.close();
    }
  }

  /** Creates the benchmark. */
  public AsyncBenchmark() {}

  /**
   * Accepts a batch of events and waits until each has finished.
   *
   * @param queue the runtime
   * @return the events finished so far, for JMH to consume
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long inMemory(Queue queue) {
    long target = queue.finished.get() + BATCH;
    queue.waiter = Thread.currentThread();
    queue.target = target;
    for (int i = 0; i < BATCH; i++) {
      queue.runtime.invokeAsync("sink", EVENT);
    }
    long seen;
    while ((seen = queue.finished.get()) < target) {
      LockSupport.park(queue); // parked, not spinning: the dispatcher needs both cores
    }
    return seen;
  }
}
