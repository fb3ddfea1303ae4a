/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.api.spi.LogSink;
import dev.lambdaembedded.benchmarks.deployed.Stubborn;
import dev.lambdaembedded.core.LambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Measures how late the caller gets its {@value FunctionError#TIMEOUT} result, relative to the
 * invocation's deadline. Not a JMH benchmark: a timeout takes at least a second (Lambda's
 * shortest), so trials run concurrently instead, in rounds of {@value #CALLERS} callers that each
 * invoke once.
 *
 * <p>For each trial it records {@code returned - (start + 1 s)}, where {@code start} is read just
 * before {@code invoke} and {@code returned} just after it, so the figure also holds the few
 * microseconds {@code invoke} spends before the runtime starts the clock (resolving the function,
 * starting an environment). It also records how late the runtime itself saw the deadline: the
 * reported duration minus 1 s. Callers sleep a random 0 to 2 ms before they start, so deadlines
 * spread out rather than fall on one instant.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code caller-thread, sleeping}: {@link ExecutionMode#CALLER_THREAD}, an inline handler
 *       that sleeps 10 s and honours the interrupt; virtual-thread callers;
 *   <li>{@code virtual-thread, sleeping}: the same in {@link ExecutionMode#VIRTUAL_THREAD};
 *   <li>{@code ..., each function's first timeout}: the same, but every caller of a round invokes a
 *       function of its own, registered just before the round, so every trial is the first timeout
 *       of its function (the runtime itself is warm from the variants before);
 *   <li>{@code ..., deployed, ...}: deployed code ({@link Stubborn}) that swallows its interrupt
 *       and sleeps again, waits again or spins: only the runtime's deadline checks end it, so in
 *       caller-thread mode this is how soon they give the caller its thread back;
 *   <li>{@code virtual-thread, spinning}: {@link ExecutionMode#VIRTUAL_THREAD} with an inline
 *       handler that busy-spins, ignoring interrupts, until the round is over and it is released.
 *       Its callers are platform threads: {@value #CALLERS} spinning handlers hold both
 *       virtual-thread carriers of a 2-core machine, and virtual callers would then never run again
 *       until released (measured on JDK 25), which is a property of virtual threads, not of the
 *       runtime.
 * </ul>
 *
 * <p>Usage: {@code TimeoutPrecision [rounds] [results.json]}; rounds default to 10. It prints a
 * table and, when given a path, writes the figures as JSON for {@code BenchmarkReport}. Every
 * spinning handler is released and the runtime closed before it exits.
 */
public final class TimeoutPrecision {
  static final int CALLERS = 20;
  static final int WARMUP_ROUNDS =
      10; // 200 timeouts: enough for the JIT to compile the rarely-run timeout path
  static final Duration TIMEOUT = FunctionConfig.MIN_TIMEOUT;
  private static final long TIMEOUT_NANOS = TIMEOUT.toNanos();
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

  /** The last round whose spinning handlers may return; only grows. */
  private static volatile int releasedRound = -1;

  /** How many spinning handlers of the current round have started; reset between rounds. */
  private static final AtomicInteger arrived = new AtomicInteger();

  private static final long BARRIER_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private TimeoutPrecision() {}

  /** One way of timing out. */
  enum Variant {
    CALLER_SLEEPING(
        "caller-thread, sleeping",
        "timeout-caller-sleep",
        ExecutionMode.CALLER_THREAD,
        Handler.SLEEP,
        false,
        false),
    VIRTUAL_SLEEPING(
        "virtual-thread, sleeping",
        "timeout-virtual-sleep",
        ExecutionMode.VIRTUAL_THREAD,
        Handler.SLEEP,
        false,
        false),
    CALLER_FIRST(
        "caller-thread, sleeping, each function's first timeout",
        "timeout-caller-first",
        ExecutionMode.CALLER_THREAD,
        Handler.SLEEP,
        false,
        true),
    VIRTUAL_FIRST(
        "virtual-thread, sleeping, each function's first timeout",
        "timeout-virtual-first",
        ExecutionMode.VIRTUAL_THREAD,
        Handler.SLEEP,
        false,
        true),
    CALLER_DEPLOYED_SLEEP_CATCH(
        "caller-thread, deployed, sleep-and-catch loop",
        "timeout-caller-deployed-sleep",
        ExecutionMode.CALLER_THREAD,
        Handler.DEPLOYED_SLEEP_AND_CATCH,
        false,
        false),
    VIRTUAL_DEPLOYED_SLEEP_CATCH(
        "virtual-thread, deployed, sleep-and-catch loop",
        "timeout-virtual-deployed-sleep",
        ExecutionMode.VIRTUAL_THREAD,
        Handler.DEPLOYED_SLEEP_AND_CATCH,
        false,
        false),
    CALLER_DEPLOYED_WAIT(
        "caller-thread, deployed, wait loop",
        "timeout-caller-deployed-wait",
        ExecutionMode.CALLER_THREAD,
        Handler.DEPLOYED_WAIT_LOOP,
        false,
        false),
    CALLER_DEPLOYED_SPIN(
        "caller-thread, deployed, spinning",
        "timeout-caller-deployed-spin",
        ExecutionMode.CALLER_THREAD,
        Handler.DEPLOYED_SPIN,
        false,
        false),
    CALLER_DEPLOYED_FIRST(
        "caller-thread, deployed, sleep-and-catch loop, each function's first timeout",
        "timeout-caller-deployed-first",
        ExecutionMode.CALLER_THREAD,
        Handler.DEPLOYED_SLEEP_AND_CATCH,
        false,
        true),
    VIRTUAL_SPINNING(
        "virtual-thread, spinning",
        "timeout-virtual-spin",
        ExecutionMode.VIRTUAL_THREAD,
        Handler.SPIN_AFTER_ALL_STARTED,
        false,
        false),
    VIRTUAL_SPINNING_COLD(
        "virtual-thread, spinning, cold starts",
        "timeout-virtual-spin-cold",
        ExecutionMode.VIRTUAL_THREAD,
        Handler.SPIN,
        true,
        false);

    final String label;
    final String functionName;
    final ExecutionMode mode;
    final Handler handler;
    final boolean singleRound;
    final boolean firstTimeouts;

    Variant(
        String label,
        String functionName,
        ExecutionMode mode,
        Handler handler,
        boolean singleRound,
        boolean firstTimeouts) {
      this.label = label;
      this.functionName = functionName;
      this.mode = mode;
      this.handler = handler;
      this.singleRound = singleRound;
      this.firstTimeouts = firstTimeouts;
    }

    boolean virtualCallers() {
      return handler != Handler.SPIN_AFTER_ALL_STARTED && handler != Handler.SPIN;
    }

    /** The function a caller of a round invokes: its own new one when measuring first timeouts. */
    String functionFor(int round, int caller) {
      return firstTimeouts ? functionName + "-" + round + "-" + caller : functionName;
    }

    void register(FunctionRuntime runtime, String name) {
      FunctionConfig.Builder config =
          FunctionConfig.builder(name).timeout(TIMEOUT).executionMode(mode);
      if (handler.deployedMethod == null) {
        runtime
            .registry()
            .create(config.build(), FunctionCode.handler(Integer.class, handler.code()));
      } else {
        runtime
            .registry()
            .create(
                config.handler(Stubborn.class.getName() + "::" + handler.deployedMethod).build(),
                FunctionCode.deployed(DEPLOYED));
      }
    }
  }

  /** The jar the deployed handlers run from. */
  private static final byte[] DEPLOYED = ColdStartBenchmark.jarOf(Stubborn.CLASSES);

  /** What a handler does until its deadline. */
  enum Handler {
    SLEEP("sleeps 10 s, honours the interrupt", null),
    DEPLOYED_SLEEP_AND_CATCH(
        "deployed code: sleeps a minute, catches the interrupt, sleeps again", "sleepAndCatch"),
    DEPLOYED_WAIT_LOOP(
        "deployed code: waits on a monitor, catches the interrupt, waits again", "waitLoop"),
    DEPLOYED_SPIN("deployed code: busy-spins, ignoring interrupts", "spin"),
    SPIN_AFTER_ALL_STARTED(
        "waits until the round's handlers have all started, then busy-spins ignoring interrupts"
            + " until released",
        null),
    SPIN("busy-spins at once, ignoring interrupts, until released", null);

    final String description;
    final @Nullable String deployedMethod;

    Handler(String description, @Nullable String deployedMethod) {
      this.description = description;
      this.deployedMethod = deployedMethod;
    }

    RequestHandler<Integer, String> code() {
      return switch (this) {
        case SLEEP ->
            (round, context) -> {
              Thread.sleep(10_000);
              return "slept";
            };
        case SPIN_AFTER_ALL_STARTED ->
            (round, context) -> {
              arrived.incrementAndGet();
              long giveUp = System.nanoTime() + BARRIER_LIMIT_NANOS;
              while (arrived.get() < CALLERS && System.nanoTime() - giveUp < 0) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
              }
              spin(round);
              return "released";
            };
        case SPIN ->
            (round, context) -> {
              spin(round);
              return "released";
            };
        case DEPLOYED_SLEEP_AND_CATCH, DEPLOYED_WAIT_LOOP, DEPLOYED_SPIN ->
            throw new IllegalStateException(this + " is deployed code, not inline");
      };
    }

    private static void spin(int round) {
      while (releasedRound < round) {
        Thread.onSpinWait();
      }
    }
  }

  /**
   * What one caller saw; an init timeout is the runtime's 10 s limit on a cold start, and {@code
   * initNanos} the init phase the invocation ran before its own clock started (-1 when warm).
   */
  record Trial(long returnLateNanos, long detectLateNanos, boolean initTimeout, long initNanos) {}

  /**
   * Percentiles of one variant, in milliseconds.
   *
   * @param variant the variant's label
   * @param executionMode the function's execution mode
   * @param callers the kind of caller thread
   * @param handler what the handler does
   * @param trials how many trials were measured
   * @param initTimeouts how many of them failed with an init timeout, not the function's
   * @param returned when the caller got the timeout, after the deadline
   * @param detected when the runtime saw the deadline, after it
   * @param initPhase how long the cold starts' init phases took (every trial is a cold start: a
   *     timed-out environment is discarded); they run before the invocation's clock starts, so they
   *     are part of what the caller sees
   */
  record Result(
      String variant,
      String executionMode,
      String callers,
      String handler,
      int trials,
      int initTimeouts,
      Stats returned,
      Stats detected,
      Stats initPhase) {}

  /**
   * Nearest-rank percentiles, in milliseconds.
   *
   * @param min the smallest
   * @param p50 the median
   * @param p90 the 90th percentile
   * @param p99 the 99th percentile
   * @param max the largest
   */
  record Stats(double min, double p50, double p90, double p99, double max) {
    static Stats of(long[] nanos) {
      if (nanos.length == 0) {
        return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Stats(
          millis(sorted[0]),
          millis(percentile(sorted, 0.50)),
          millis(percentile(sorted, 0.90)),
          millis(percentile(sorted, 0.99)),
          millis(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, double quantile) {
      int rank = (int) Math.ceil(quantile * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
      return nanos / 1e6;
    }
  }

  /** The whole run, as written to the results file. */
  record Report(
      long timeoutMillis,
      int callersPerRound,
      int rounds,
      int warmupRounds,
      List<Result> results) {}

  /**
   * Runs every variant and prints the table.
   *
   * @param args {@code [rounds] [results.json]}
   * @throws Exception if a trial fails or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
    }
    Path output = args.length > 1 ? Path.of(args[1]) : null;

    FunctionRuntime runtime =
        LambdaRuntime.builder()
            .logSink(new DiscardingSink()) // one timeout line per trial would flood the console
            .stuckThreshold(Duration.ofMinutes(1)) // spinning handlers are released long before
            .build();
    List<Result> results = new ArrayList<>();
    try {
      for (Variant variant : Variant.values()) {
        if (!variant.firstTimeouts) {
          variant.register(runtime, variant.functionName);
        }
      }

      int round = 0;
      for (Variant variant : Variant.values()) {
        // first timeouts need no warm-up of their own: the variants before warmed the runtime
        int warmup = variant.singleRound || variant.firstTimeouts ? 0 : WARMUP_ROUNDS;
        int measured = variant.singleRound ? 1 : rounds;
        List<Trial> trials = new ArrayList<>();
        for (int r = 0; r < warmup + measured; r++) {
          List<Trial> roundTrials = runRound(runtime, variant, round++);
          if (r >= warmup) {
            trials.addAll(roundTrials);
          }
        }
        results.add(summarise(variant, trials));
      }
    } finally {
      releasedRound = Integer.MAX_VALUE; // every spinning handler returns
      try {
        awaitSettled(runtime);
      } finally {
        runtime.close();
      }
    }
    if (runtime.state() != FunctionRuntime.State.CLOSED) {
      throw new IllegalStateException("The runtime closed as " + runtime.state());
    }

    Report report = new Report(TIMEOUT.toMillis(), CALLERS, rounds, WARMUP_ROUNDS, results);
    System.out.print(table(report));
    if (output != null) {
      ResultFiles.write(report, output);
    }
  }

  /** Runs one round: every caller invokes once; then releases the round's handlers. */
  private static List<Trial> runRound(FunctionRuntime runtime, Variant variant, int round)
      throws InterruptedException, ExecutionException {
    List<Future<Trial>> futures = new ArrayList<>(CALLERS);
    arrived.set(0); // the previous round's handlers have all returned (awaitSettled)
    if (variant.firstTimeouts) {
      for (int i = 0; i < CALLERS; i++) {
        variant.register(runtime, variant.functionFor(round, i));
      }
    }
    try (ExecutorService callers =
        variant.virtualCallers()
            ? Executors.newVirtualThreadPerTaskExecutor()
            : Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("caller-", 0).factory())) {
      for (int i = 0; i < CALLERS; i++) {
        String function = variant.functionFor(round, i);
        futures.add(callers.submit(() -> trial(runtime, variant, function, round)));
      }
      List<Trial> trials = new ArrayList<>(CALLERS);
      for (Future<Trial> future : futures) {
        trials.add(future.get());
      }
      return trials;
    } finally {
      releasedRound = round;
      awaitSettled(runtime);
      if (variant.firstTimeouts) {
        for (int i = 0; i < CALLERS; i++) {
          runtime.registry().delete(variant.functionFor(round, i));
        }
      }
    }
  }

  private static Trial trial(FunctionRuntime runtime, Variant variant, String function, int round) {
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(2)));
    InvocationRequest request = InvocationRequest.of(function, Payload.of(round));
    long start = System.nanoTime();
    InvocationResult result = runtime.invoke(request);
    long returned = System.nanoTime();
    if (!(result instanceof InvocationResult.Failure failure && failure.error().isTimeout())) {
      throw new IllegalStateException(variant.label + ": expected a timeout, got " + result);
    }
    // the runtime's message for a cold start that ran out of its init timeout
    boolean initTimeout = failure.error().errorMessage().contains("Init phase timed out");
    return new Trial(
        returned - start - TIMEOUT_NANOS,
        failure.report().durationNanos() - TIMEOUT_NANOS,
        initTimeout,
        failure.report().initDurationNanos());
  }

  /** Waits until no invocation runs and every handler thread has ended. */
  private static void awaitSettled(FunctionRuntime runtime) {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    // one live thread is the runtime's own watchdog
    while (runtime.inspect().concurrentExecutions() > 0 || runtime.inspect().liveThreads() > 1) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "Handlers still running "
                + SETTLE_LIMIT
                + " after release: "
                + runtime.inspect().concurrentExecutions()
                + " invocations, "
                + runtime.inspect().liveThreads()
                + " live threads");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  private static Result summarise(Variant variant, List<Trial> trials) {
    long[] returned = trials.stream().mapToLong(Trial::returnLateNanos).toArray();
    long[] detected = trials.stream().mapToLong(Trial::detectLateNanos).toArray();
    long[] init = trials.stream().mapToLong(Trial::initNanos).filter(n -> n >= 0).toArray();
    return new Result(
        variant.label,
        variant.mode.name(),
        variant.virtualCallers() ? "virtual" : "platform",
        variant.handler.description,
        trials.size(),
        (int) trials.stream().filter(Trial::initTimeout).count(),
        Stats.of(returned),
        Stats.of(detected),
        Stats.of(init));
  }

  private static String table(Report report) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Timeout precision: %d ms timeout, %d rounds of %d concurrent callers"
                    + " (after %d warm-up rounds); milliseconds after the deadline;"
                    + " init = init timeouts (10 s) among the trials%n",
                report.timeoutMillis(),
                report.rounds(),
                report.callersPerRound(),
                report.warmupRounds()));
    text.append(
        String.format(
            Locale.ROOT,
            "%-38s %-9s %6s %5s | %-31s | %-31s | %-31s%n",
            "variant",
            "callers",
            "trials",
            "init",
            "caller returned p50/p90/p99/max",
            "runtime detected p50/p90/p99/max",
            "init phase p50/p90/p99/max"));
    for (Result result : report.results()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-38s %-9s %6d %5d | %-31s | %-31s | %-31s%n",
              result.variant(),
              result.callers(),
              result.trials(),
              result.initTimeouts(),
              format(result.returned()),
              format(result.detected()),
              format(result.initPhase())));
    }
    return text.toString();
  }

  private static String format(Stats stats) {
    return String.format(
        Locale.ROOT, "%.3f/%.3f/%.3f/%.3f", stats.p50(), stats.p90(), stats.p99(), stats.max());
  }

  /** Drops every line: the probe measures timing, and a line per timeout would flood stdout. */
  private static final class DiscardingSink implements LogSink {
    @Override
    public boolean isEnabled(String functionName, LogLevel level) {
      return false;
    }

    @Override
    public void write(LogRecord record) {}
  }
}
