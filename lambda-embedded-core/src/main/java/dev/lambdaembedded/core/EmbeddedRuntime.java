/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core;

import dev.lambdaembedded.api.Destinations;
import dev.lambdaembedded.api.FunctionMetrics;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.LayerRegistry;
import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.RuntimeInspector;
import dev.lambdaembedded.api.StillRunning;
import dev.lambdaembedded.api.spi.SteppedTimeSource;
import dev.lambdaembedded.core.async.AsyncInvoker;
import dev.lambdaembedded.core.async.InProcessDestinations;
import dev.lambdaembedded.core.execution.Threads;
import dev.lambdaembedded.core.execution.TimedRun;
import dev.lambdaembedded.core.execution.Watchdog;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.invoke.Engine;
import dev.lambdaembedded.core.invoke.InvokePipeline;
import dev.lambdaembedded.core.isolation.Isolation;
import dev.lambdaembedded.core.observe.Loggers;
import dev.lambdaembedded.core.observe.OutputCapture;
import dev.lambdaembedded.core.registry.DefaultRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The runtime: wires the registry, the pipeline, the watchdog and the background executor, and owns
 * their lifecycle. The only class that knows every package.
 */
final class EmbeddedRuntime implements FunctionRuntime, RuntimeInspector {
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);

  private final RuntimeSettings settings;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final ExecutorService backgroundThreads;
  private final AtomicInteger backgroundTasks = new AtomicInteger();
  private final Watchdog watchdog;
  private final Engine engine;
  private final DefaultRegistry registry;
  private final Isolation isolation;
  private final InvokePipeline pipeline;
  private final InProcessDestinations destinations;
  private final AsyncInvoker async;
  private volatile @Nullable DefaultRegistry housekeepingTarget;
  private final Runnable catchUp = this::catchUp;
  private final Set<Thread> backgroundWorkers = ConcurrentHashMap.newKeySet();
  private volatile Map<String, FunctionMetrics> finalMetrics = Map.of();
  private volatile List<StillRunning> leftRunning = List.of();

  /** The least time close() gives stopped handlers to unwind: the deadline precision target. */
  private static final long MIN_STOP_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** How long a move of a manual time source may wait for the runtime to catch up. */
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(10);

  EmbeddedRuntime(RuntimeSettings settings) {
    this.settings = settings;
    this.backgroundThreads = Threads.newVirtualThreadPerTaskExecutor("background");
    this.watchdog =
        new Watchdog(
            settings.timeSource(),
            settings.accountConcurrency(),
            scanPeriodNanos(settings),
            settings.stuckThreshold().toNanos(),
            this::housekeeping);
    Executor background =
        task -> {
          backgroundTasks.incrementAndGet();
          try {
            backgroundThreads.execute(
                () -> {
                  Thread self = Thread.currentThread();
                  backgroundWorkers.add(self);
                  try {
                    task.run();
                  } finally {
                    backgroundWorkers.remove(self);
                    backgroundTasks.decrementAndGet();
                  }
                });
          } catch (RuntimeException e) {
            backgroundTasks.decrementAndGet();
            throw e;
          }
        };
    this.engine = new Engine(settings, watchdog, background);
    this.isolation = new Isolation(settings, background);
    this.registry = new DefaultRegistry(engine, isolation);
    this.pipeline = new InvokePipeline(engine, registry);
    this.destinations = new InProcessDestinations(settings);
    this.async = new AsyncInvoker(settings, registry, pipeline, destinations);
    this.housekeepingTarget = registry;
    if (settings.captureStandardStreams()) {
      OutputCapture.acquire();
    }
    state.set(State.RUNNING);
    if (settings.timeSource() instanceof SteppedTimeSource stepped) {
      stepped.addStepListener(catchUp); // last: nothing can fail after it and leave it registered
    }
  }

  /**
   * The watchdog parks at most a tenth of the shortest span it guards, so a registration that races
   * its planned wake-up is still caught in time.
   */
  private static long scanPeriodNanos(RuntimeSettings settings) {
    Duration shortest = Duration.ofSeconds(1); // the shortest function timeout
    for (Duration span :
        new Duration[] {
          settings.initTimeout(), settings.shutdownTimeout(), settings.stuckThreshold()
        }) {
      if (span.compareTo(shortest) < 0) {
        shortest = span;
      }
    }
    long tenth = shortest.toNanos() / 10;
    return Math.max(
        TimeUnit.MILLISECONDS.toNanos(1), Math.min(tenth, TimeUnit.MILLISECONDS.toNanos(100)));
  }

  /**
   * Catches up with a manual time source that has just moved: the watchdog scans (timeouts due
   * fire, housekeeping runs and wakes the dispatcher), then the asynchronous events due have run.
   */
  private void catchUp() {
    if (state.get() != State.RUNNING) {
      return;
    }
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    if (!watchdog.scanNow(deadline) || !async.awaitSettled(deadline)) {
      throw new IllegalStateException(
          "The function runtime did not catch up within "
              + CATCH_UP_TIMEOUT.toSeconds()
              + " seconds after its time source moved: "
              + async.inFlight()
              + " asynchronous events still running");
    }
  }

  private void housekeeping() {
    DefaultRegistry target = housekeepingTarget;
    if (target != null && state.get() == State.RUNNING) {
      long now = settings.timeSource().nanoTime();
      target.retireIdle(now);
      target.advanceRollouts(now);
      async.wake();
      isolation.housekeeping();
    }
  }

  @Override
  public FunctionRegistry registry() {
    return registry;
  }

  @Override
  public InvocationResult invoke(InvocationRequest request) {
    if (state.get() != State.RUNNING) {
      throw new IllegalStateException("The function runtime is " + state.get());
    }
    return pipeline.invoke(request);
  }

  @Override
  public UUID invokeAsync(String qualifier, Payload.Json payload) {
    if (state.get() != State.RUNNING) {
      throw new IllegalStateException("The function runtime is " + state.get());
    }
    return async.enqueue(qualifier, payload);
  }

  @Override
  public Destinations destinations() {
    return destinations;
  }

  @Override
  public LayerRegistry layers() {
    return isolation;
  }

  @Override
  public int pendingUnloads() {
    return isolation.pendingUnloads();
  }

  @Override
  public List<LeakReport> checkUnloaded() {
    return isolation.checkUnloaded();
  }

  @Override
  public List<LeakReport> leakReports() {
    return isolation.leakReports();
  }

  @Override
  public RuntimeInspector inspect() {
    return this;
  }

  @Override
  public State state() {
    return state.get();
  }

  @Override
  public Optional<FunctionMetrics> metrics(String functionName) {
    if (state.get().isTerminal()) {
      return Optional.ofNullable(finalMetrics.get(functionName));
    }
    return registry.metrics(functionName, pipeline::running);
  }

  @Override
  public List<StillRunning> stillRunning() {
    return leftRunning;
  }

  @Override
  public int concurrentExecutions() {
    return pipeline.running(null);
  }

  @Override
  public int stuckInvocations() {
    return state.get().isTerminal() ? engine.overdue() : registry.stuck();
  }

  @Override
  public int liveThreads() {
    return (watchdog.alive() ? 1 : 0) + engine.handlerThreads() + backgroundTasks.get();
  }

  /*
   * close() in three windows that share one bound, so that it returns within the close timeout
   * (plus the stuck threshold once something had to be stopped):
   * 1. drain: stop taking work; let running invocations and asynchronous events finish;
   * 2. stop: expire what is left (fails it as closed, interrupts its thread, raises the deadline
   *    alarm of deployed code) and give it the stuck threshold to unwind;
   * 3. retire: environments' shutdown hooks run in the background under the shutdown timeout.
   * What still runs after that is reported: in the log, in inspect().stillRunning(), as FAILED.
   */
  @Override
  public void close() {
    if (!state.compareAndSet(State.RUNNING, State.CLOSING)) {
      awaitClosed();
      return;
    }
    if (settings.timeSource() instanceof SteppedTimeSource stepped) {
      stepped.removeStepListener(catchUp);
    }
    List<StillRunning> left = List.of();
    try {
      long start = System.nanoTime();
      long stopWindow = Math.max(MIN_STOP_WINDOW_NANOS, settings.stuckThreshold().toNanos());
      long drainEnd = start + settings.closeTimeout().toNanos();
      async.stopDispatching();
      boolean drained =
          async.awaitRunning(drainEnd)
              && awaitNoInvocations(drainEnd)
              && engine.awaitHandlerThreads(drainEnd);
      long stopEnd = System.nanoTime() + stopWindow;
      if (!drained) {
        LOG.warn(
            "Closing the function runtime with {} invocations still running; stopping them",
            pipelineRunning());
        watchdog.expireAll();
        awaitNoInvocations(stopEnd);
        async.awaitRunning(stopEnd);
        engine.awaitHandlerThreads(stopEnd);
      }
      async.finishClose();
      finalMetrics = registry.close(pipeline::running); // retires environments, releases functions
      housekeepingTarget = null;
      backgroundThreads.shutdown();
      long hooksEnd = Math.max(stopEnd, System.nanoTime()) + settings.shutdownTimeout().toNanos();
      if (!backgroundThreads.awaitTermination(
          Math.max(0, hooksEnd - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        backgroundThreads.shutdownNow();
        backgroundThreads.awaitTermination(
            Math.min(stopWindow, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
      }
      left = collectStillRunning();
      watchdog.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      left = collectStillRunning();
    } finally {
      isolation.close(); // checks the released class loaders and deletes the unpacked code
      if (settings.captureStandardStreams()) {
        OutputCapture.release();
      }
      leftRunning = List.copyOf(left);
      if (!left.isEmpty()) {
        StringBuilder text =
            new StringBuilder("The function runtime closed with ")
                .append(left.size())
                .append(" invocations or threads it could not stop (they ignore interrupts or")
                .append(" block outside deployed code):");
        left.forEach(running -> text.append("\n  ").append(running.describe()));
        LOG.error(text.toString());
      }
      state.set(left.isEmpty() ? State.CLOSED : State.FAILED);
      closed.countDown();
    }
  }

  /** What still runs: timed runs and handler threads, runners, the dispatcher, background tasks. */
  private List<StillRunning> collectStillRunning() {
    List<StillRunning> left = new ArrayList<>(engine.stillRunning());
    List<Thread> threads = new ArrayList<>(async.liveThreads());
    threads.addAll(backgroundWorkers);
    for (Thread thread : threads) {
      if (thread.isAlive()
          && left.stream().noneMatch(running -> running.threadName().equals(thread.getName()))) {
        StillRunning seen =
            TimedRun.describe(thread, Optional.empty(), Optional.empty(), Optional.empty());
        left.add(
            new StillRunning(
                StillRunning.Kind.THREAD,
                seen.threadName(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                seen.stackTrace()));
      }
    }
    return left;
  }

  private int pipelineRunning() {
    return pipeline.running(null);
  }

  /**
   * Waits, with a short back-off, until no invocation holds a concurrency place and none stopped at
   * its deadline is still running.
   */
  private boolean awaitNoInvocations(long deadlineNanos) {
    long pause = TimeUnit.MICROSECONDS.toNanos(100);
    while (registry.admitted() > 0 || engine.overdue() > 0 || pipelineRunning() > 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(this, Math.min(pause, left));
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(10));
    }
    return true;
  }

  private void awaitClosed() {
    boolean interrupted = false;
    while (true) {
      try {
        closed.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FunctionRuntime[" + state.get() + ", " + registry.list().size() + " functions]";
  }
}
