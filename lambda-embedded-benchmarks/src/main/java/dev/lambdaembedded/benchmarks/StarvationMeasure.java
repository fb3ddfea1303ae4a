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
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.benchmarks.deployed.Busy;
import dev.lambdaembedded.benchmarks.deployed.Stubborn;
import dev.lambdaembedded.core.LambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures whether busy handlers on virtual threads starve other virtual threads: {@code hogs}
 * platform threads keep invoking a CPU-bound deployed function ({@link Busy}, {@code hogMillis} of
 * computing per invocation) in {@link ExecutionMode#VIRTUAL_THREAD} mode, while a probe invokes a
 * trivial {@code VIRTUAL_THREAD} function every 5 ms and records how long each invocation took (its
 * virtual thread needs a carrier the hogs hold). The same probe invokes a trivial {@code
 * CALLER_THREAD} function, which needs no carrier, for comparison, and the run first probes with no
 * hogs at all.
 *
 * <p>The virtual-thread scheduler does not preempt: a busy virtual thread keeps its carrier until
 * it blocks. Deployed code checks, at every loop back-edge, a flag the runtime's watchdog raises
 * when a handler on a virtual thread has run for a whole slice (1 ms), and then parks for a moment,
 * so the scheduler runs other virtual threads in between.
 *
 * <p>Usage: {@code StarvationMeasure [rounds] [results.json]}; rounds default to 5, each 3 s with 8
 * hogs of 200 ms. It prints a table and, when given a path, writes the figures as JSON.
 */
public final class StarvationMeasure {
  static final int HOGS = 8;
  static final int HOG_MILLIS = 200;
  static final long PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(3);

  private StarvationMeasure() {}

  /**
   * Percentiles, in milliseconds, of one series.
   *
   * @param samples how many
   * @param p50 the median
   * @param p90 the 90th percentile
   * @param p99 the 99th percentile
   * @param max the largest
   */
  record Stats(int samples, double p50, double p90, double p99, double max) {
    static Stats of(List<Long> nanos) {
      if (nanos.isEmpty()) {
        return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Stats(
          sorted.length,
          at(sorted, 0.50),
          at(sorted, 0.90),
          at(sorted, 0.99),
          sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
      int rank = (int) Math.ceil(quantile * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
  }

  /**
   * What the run found.
   *
   * @param hogs busy invocations running at once
   * @param hogMillis how long each computes
   * @param rounds measured rounds
   * @param carriers the virtual-thread scheduler's parallelism (the machine's cores by default)
   * @param quietVirtual the trivial virtual-thread function with no hogs
   * @param quietCaller the trivial caller-thread function with no hogs
   * @param virtualProbe the trivial virtual-thread function while the hogs compute
   * @param callerProbe the trivial caller-thread function while the hogs compute
   * @param hogInvocations how long each hog's invocation took, end to end
   */
  record Report(
      int hogs,
      int hogMillis,
      int rounds,
      int carriers,
      Stats quietVirtual,
      Stats quietCaller,
      Stats virtualProbe,
      Stats callerProbe,
      Stats hogInvocations) {}

  /**
   * Runs the measurement.
   *
   * @param args {@code [rounds] [results.json]}
   * @throws Exception if an invocation fails or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path output = args.length > 1 ? Path.of(args[1]) : null;
    FunctionRuntime runtime =
        LambdaRuntime.builder().logSink(new DiscardingLogSink()).accountConcurrency(100).build();
    Report report;
    try {
      runtime
          .registry()
          .create(
              FunctionConfig.builder("hog")
                  .handler(Busy.class.getName() + "::compute")
                  .timeout(Duration.ofSeconds(60))
                  .executionMode(ExecutionMode.VIRTUAL_THREAD)
                  .build(),
              FunctionCode.deployed(ColdStartBenchmark.jarOf(Stubborn.CLASSES)));
      for (ExecutionMode mode : ExecutionMode.values()) {
        runtime
            .registry()
            .create(
                FunctionConfig.builder("trivial-" + mode.name().toLowerCase(Locale.ROOT))
                    .executionMode(mode)
                    .build(),
                FunctionCode.handler(Integer.class, (Integer in, Context c) -> in));
      }
      // warm up: the probe, the hog's cold starts and its compiled loop
      probe(runtime, TimeUnit.SECONDS.toNanos(1), new ArrayList<>(), new ArrayList<>());
      hogRound(runtime, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

      List<Long> quietVirtual = new ArrayList<>();
      List<Long> quietCaller = new ArrayList<>();
      probe(runtime, ROUND_NANOS, quietVirtual, quietCaller);
      List<Long> virtual = new ArrayList<>();
      List<Long> caller = new ArrayList<>();
      List<Long> hogs = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        hogRound(runtime, virtual, caller, hogs);
      }
      report =
          new Report(
              HOGS,
              HOG_MILLIS,
              rounds,
              Integer.getInteger(
                  "jdk.virtualThreadScheduler.parallelism",
                  Runtime.getRuntime().availableProcessors()),
              Stats.of(quietVirtual),
              Stats.of(quietCaller),
              Stats.of(virtual),
              Stats.of(caller),
              Stats.of(hogs));
    } finally {
      runtime.close();
    }
    System.out.print(table(report));
    if (output != null) {
      ResultFiles.write(report, output);
    }
  }

  /** One round: the hogs compute on every carrier while the probe runs. */
  private static void hogRound(
      FunctionRuntime runtime, List<Long> virtual, List<Long> caller, List<Long> hogs)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    List<List<Long>> perHog = new ArrayList<>();
    for (int i = 0; i < HOGS; i++) {
      List<Long> mine = new ArrayList<>();
      perHog.add(mine);
      threads.add(
          Thread.ofPlatform()
              .name("hog-caller-" + i)
              .start(
                  () -> {
                    while (running.get()) {
                      long start = System.nanoTime();
                      succeed(runtime.invoke(InvocationRequest.of("hog", Payload.of(HOG_MILLIS))));
                      mine.add(System.nanoTime() - start);
                    }
                  }));
    }
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // the hogs hold the carriers
    probe(runtime, ROUND_NANOS, virtual, caller);
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    perHog.forEach(hogs::addAll);
  }

  /** Invokes both trivial functions every 5 ms for a while, from this platform thread. */
  private static void probe(
      FunctionRuntime runtime, long forNanos, List<Long> virtual, List<Long> caller) {
    long end = System.nanoTime() + forNanos;
    long next = System.nanoTime();
    int i = 0;
    while (System.nanoTime() - end < 0) {
      long start = System.nanoTime();
      succeed(runtime.invoke(InvocationRequest.of("trivial-virtual_thread", Payload.of(i))));
      long between = System.nanoTime();
      succeed(runtime.invoke(InvocationRequest.of("trivial-caller_thread", Payload.of(i))));
      long done = System.nanoTime();
      virtual.add(between - start);
      caller.add(done - between);
      i++;
      next += PROBE_PERIOD_NANOS;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else {
        next = System.nanoTime();
      }
    }
  }

  private static void succeed(InvocationResult result) {
    if (!(result instanceof InvocationResult.Success)) {
      throw new IllegalStateException("invocation failed: " + result);
    }
  }

  private static String table(Report report) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Starvation: %d hogs of %d ms in VIRTUAL_THREAD mode on %d carriers, %d rounds;"
                    + " milliseconds per invocation%n",
                report.hogs(),
                report.hogMillis(),
                report.carriers(),
                report.rounds()));
    text.append(
        String.format(
            Locale.ROOT,
            "%-42s %8s %9s %9s %9s %9s%n",
            "series",
            "samples",
            "p50",
            "p90",
            "p99",
            "max"));
    row(text, "trivial VIRTUAL_THREAD, no hogs", report.quietVirtual());
    row(text, "trivial CALLER_THREAD, no hogs", report.quietCaller());
    row(text, "trivial VIRTUAL_THREAD, while hogs compute", report.virtualProbe());
    row(text, "trivial CALLER_THREAD, while hogs compute", report.callerProbe());
    row(text, "hog invocation (" + report.hogMillis() + " ms of work)", report.hogInvocations());
    return text.toString();
  }

  private static void row(StringBuilder text, String label, Stats stats) {
    text.append(
        String.format(
            Locale.ROOT,
            "%-42s %8d %9.3f %9.3f %9.3f %9.3f%n",
            label,
            stats.samples(),
            stats.p50(),
            stats.p90(),
            stats.p99(),
            stats.max()));
  }
}
