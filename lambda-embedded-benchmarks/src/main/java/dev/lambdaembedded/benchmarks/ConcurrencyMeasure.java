/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.core.LambdaRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Measures how many blocking invocations one runtime carries at once: {@code calls} virtual-thread
 * callers each invoke once a function whose handler sleeps {@code blockMillis}, all released
 * together, with the account concurrency set to {@code calls}.
 *
 * <p>Every invocation in flight needs an execution environment of its own, as on Lambda, so the run
 * also starts {@code calls} environments (of an in-process handler: no class loader). It records
 * the wall time from release until every caller has returned (ideal: {@code blockMillis}), the
 * callers' latency percentiles, the peak heap in use during the run (sampled from a platform thread
 * every 10 ms, garbage included), the heap still in use after the run and a few collections (the
 * idle environments), the number of failed calls by kind (throttles, timeouts: expected 0) and the
 * time to close the runtime.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code baseline}: the same number of plain virtual threads, each sleeping {@code
 *       blockMillis}, no runtime;
 *   <li>{@code caller-thread}: {@link ExecutionMode#CALLER_THREAD}, the handler runs on the calling
 *       virtual thread (the main case);
 *   <li>{@code virtual-thread}: {@link ExecutionMode#VIRTUAL_THREAD}, the runtime starts a virtual
 *       thread per invocation and the caller waits for it.
 * </ul>
 *
 * <p>Each variant first runs an unmeasured round of up to 1,000 callers sleeping 10 ms, so the code
 * paths are compiled; each runtime variant gets a runtime of its own, closed after it.
 *
 * <p>Usage: {@code ConcurrencyMeasure [calls] [blockMillis] [results.json]}; calls default to
 * 100,000 and blockMillis to 1,000. It prints a summary and, when given a path, writes JSON.
 */
public final class ConcurrencyMeasure {
  private static final int WARMUP_CALLS = 1_000;
  private static final int WARMUP_BLOCK_MILLIS = 10;
  private static final long SAMPLE_NANOS = 10_000_000;
  private static final String FUNCTION = "block";
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private ConcurrencyMeasure() {}

  /** One way of blocking {@code calls} times at once. */
  enum Variant {
    BASELINE("baseline: plain virtual threads sleeping", null),
    CALLER_THREAD("runtime, caller-thread mode, virtual callers", ExecutionMode.CALLER_THREAD),
    VIRTUAL_THREAD("runtime, virtual-thread mode, virtual callers", ExecutionMode.VIRTUAL_THREAD);

    final String label;
    final @Nullable ExecutionMode mode;

    Variant(String label, @Nullable ExecutionMode mode) {
      this.label = label;
      this.mode = mode;
    }
  }

  /**
   * One variant's figures; times in milliseconds, memory in bytes.
   *
   * @param variant what ran
   * @param executionMode the function's execution mode, or {@code none} for the baseline
   * @param calls callers released together
   * @param blockMillis how long each one blocks
   * @param spawnMillis starting the callers, which then wait for the release
   * @param wallMillis from release until every caller returned
   * @param latencyP50Millis a caller's own time, median
   * @param latencyP99Millis a caller's own time, 99th percentile
   * @param latencyMaxMillis a caller's own time, largest
   * @param failures calls that threw or returned a failure
   * @param failureKinds failures by exception class or error type
   * @param coldStarts invocations that started an environment
   * @param heapBeforeBytes heap in use after collections, before the callers started
   * @param heapPeakBytes the largest heap in use sampled during the run
   * @param heapPeakAboveBeforeBytes the peak minus the heap before
   * @param heapAfterBytes heap in use after the run and collections, the runtime still open
   * @param heapPerCallBytes the peak above the heap before, divided by {@code calls}
   * @param samples heap samples taken
   * @param closeMillis closing the runtime, its idle environments included; 0 for the baseline
   */
  record Result(
      String variant,
      String executionMode,
      int calls,
      long blockMillis,
      double spawnMillis,
      double wallMillis,
      double latencyP50Millis,
      double latencyP99Millis,
      double latencyMaxMillis,
      long failures,
      Map<String, Long> failureKinds,
      long coldStarts,
      long heapBeforeBytes,
      long heapPeakBytes,
      long heapPeakAboveBeforeBytes,
      long heapAfterBytes,
      long heapPerCallBytes,
      long samples,
      double closeMillis) {}

  /** The results file. */
  record Report(String name, List<Result> results, Machine machine) {}

  /** What one round of callers did. */
  private record Round(
      double spawnMillis,
      double wallMillis,
      double latencyP50Millis,
      double latencyP99Millis,
      double latencyMaxMillis,
      Map<String, Long> failureKinds,
      long coldStarts) {}

  /**
   * Runs every variant and prints the summary.
   *
   * @param args {@code [calls] [blockMillis] [results.json]}
   * @throws Exception if a round cannot run or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int blockMillis = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    if (calls < 1 || blockMillis < 0) {
      throw new IllegalArgumentException(
          "need calls >= 1 and blockMillis >= 0: " + calls + ", " + blockMillis);
    }
    Path output = args.length > 2 ? Path.of(args[2]) : null;
    double loadStart = Machine.loadAverage();

    List<Result> results = new ArrayList<>();
    for (Variant variant : Variant.values()) {
      Result result = measure(variant, calls, blockMillis);
      System.out.print(summary(result));
      results.add(result);
    }
    Report report = new Report("concurrency", results, Machine.current(loadStart));
    if (output != null) {
      ResultFiles.write(report, output);
    }
  }

  private static Result measure(Variant variant, int calls, int blockMillis)
      throws InterruptedException {
    ExecutionMode mode = variant.mode;
    FunctionRuntime runtime = mode == null ? null : runtime(mode, calls, blockMillis);
    try {
      round(runtime, Math.min(calls, WARMUP_CALLS), WARMUP_BLOCK_MILLIS);
      long heapBefore = collectedHeap();
      HeapSampler sampler = new HeapSampler();
      Thread samplerThread = Thread.ofPlatform().daemon().name("heap-sampler").start(sampler);
      Round round;
      try {
        round = round(runtime, calls, blockMillis);
      } finally {
        sampler.stop = true;
        samplerThread.join();
      }
      long heapAfter = collectedHeap();
      double closeMillis = 0;
      if (runtime != null) {
        long start = System.nanoTime();
        runtime.close();
        closeMillis = (System.nanoTime() - start) / 1e6;
      }
      long peak = Math.max(sampler.peak.get(), heapBefore);
      return new Result(
          variant.label,
          mode == null ? "none" : mode.name(),
          calls,
          blockMillis,
          round.spawnMillis(),
          round.wallMillis(),
          round.latencyP50Millis(),
          round.latencyP99Millis(),
          round.latencyMaxMillis(),
          round.failureKinds().values().stream().mapToLong(Long::longValue).sum(),
          round.failureKinds(),
          round.coldStarts(),
          heapBefore,
          peak,
          peak - heapBefore,
          heapAfter,
          (peak - heapBefore) / calls,
          sampler.samples.get(),
          closeMillis);
    } finally {
      if (runtime != null) {
        runtime.close();
      }
    }
  }

  private static FunctionRuntime runtime(ExecutionMode mode, int calls, int blockMillis) {
    FunctionRuntime runtime =
        LambdaRuntime.builder()
            .accountConcurrency(calls)
            .logSink(new DiscardingLogSink())
            .captureStandardStreams(false)
            .unloadVerification(false, Duration.ofMinutes(10))
            .environmentIdleTimeout(Duration.ofHours(1))
            .build();
    // whole seconds, as Lambda requires; a minute of slack so a slow round never times out
    Duration timeout = Duration.ofSeconds((blockMillis + 999) / 1000 + 60);
    RequestHandler<Integer, String> handler =
        (millis, context) -> {
          Thread.sleep(millis);
          return "slept";
        };
    runtime
        .registry()
        .create(
            FunctionConfig.builder(FUNCTION)
                .timeout(
                    timeout.compareTo(FunctionConfig.MAX_TIMEOUT) > 0
                        ? FunctionConfig.MAX_TIMEOUT
                        : timeout)
                .executionMode(mode)
                .build(),
            FunctionCode.handler(Integer.class, handler));
    return runtime;
  }

  /**
   * Starts {@code calls} virtual-thread callers that wait at a gate, opens it and waits until all
   * returned; without a runtime each caller only sleeps.
   */
  private static Round round(@Nullable FunctionRuntime runtime, int calls, int blockMillis)
      throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    long[] latencies = new long[calls];
    Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    LongAdder coldStarts = new LongAdder();
    InvocationRequest request = InvocationRequest.of(FUNCTION, Payload.of(blockMillis));
    Thread[] callers = new Thread[calls];
    Thread.Builder builder = Thread.ofVirtual().name("caller-", 0);
    long spawnStart = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      int index = i;
      callers[i] =
          builder.start(
              () -> {
                try {
                  gate.await();
                  long start = System.nanoTime();
                  if (runtime == null) {
                    Thread.sleep(blockMillis);
                  } else {
                    switch (runtime.invoke(request)) {
                      case InvocationResult.Success success -> {
                        if (success.report().initDurationNanos() >= 0) {
                          coldStarts.increment();
                        }
                      }
                      case InvocationResult.Failure failure ->
                          count(failures, failure.error().errorType());
                    }
                  }
                  latencies[index] = System.nanoTime() - start;
                } catch (InterruptedException e) {
                  count(failures, e.getClass().getSimpleName());
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  count(failures, e.getClass().getSimpleName());
                }
              });
    }
    long spawned = System.nanoTime();
    gate.countDown();
    for (Thread caller : callers) {
      caller.join();
    }
    long done = System.nanoTime();
    Map<String, Long> kinds = new TreeMap<>();
    failures.forEach((kind, n) -> kinds.put(kind, n.sum()));
    return new Round(
        (spawned - spawnStart) / 1e6,
        (done - spawned) / 1e6,
        percentile(latencies, 0.50) / 1e6,
        percentile(latencies, 0.99) / 1e6,
        percentile(latencies, 1.0) / 1e6,
        kinds,
        coldStarts.sum());
  }

  private static void count(Map<String, LongAdder> failures, String kind) {
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  private static long collectedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /** Reads the heap in use every 10 ms until stopped, keeping the largest value. */
  private static final class HeapSampler implements Runnable {
    final AtomicLong peak = new AtomicLong();
    final AtomicLong samples = new AtomicLong();
    volatile boolean stop;

    @Override
    public void run() {
      long next = System.nanoTime();
      while (!stop) {
        peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
        samples.incrementAndGet();
        next += SAMPLE_NANOS;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
  }

  /** The nearest-rank percentile; 1.0 gives the largest. */
  private static double percentile(long[] nanos, double quantile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String summary(Result r) {
    double mib = 1024.0 * 1024.0;
    return String.format(
        Locale.ROOT,
        "%s: %d calls blocking %d ms: wall %.0f ms (spawn %.0f ms), latency p50/p99/max"
            + " %.0f/%.0f/%.0f ms, failures %d %s, cold starts %d%n"
            + "  heap MiB before %.1f, peak %.1f (+%.1f, %d B per call, %d samples),"
            + " after %.1f; close %.0f ms%n",
        r.variant(),
        r.calls(),
        r.blockMillis(),
        r.wallMillis(),
        r.spawnMillis(),
        r.latencyP50Millis(),
        r.latencyP99Millis(),
        r.latencyMaxMillis(),
        r.failures(),
        r.failureKinds(),
        r.coldStarts(),
        r.heapBeforeBytes() / mib,
        r.heapPeakBytes() / mib,
        r.heapPeakAboveBeforeBytes() / mib,
        r.heapPerCallBytes(),
        r.samples(),
        r.heapAfterBytes() / mib,
        r.closeMillis());
  }
}
