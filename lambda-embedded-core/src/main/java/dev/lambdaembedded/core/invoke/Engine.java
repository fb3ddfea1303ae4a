/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.StillRunning;
import dev.lambdaembedded.api.ThrottleReason;
import dev.lambdaembedded.api.TooManyRequestsException;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.api.spi.TimeSource;
import dev.lambdaembedded.core.execution.Environment;
import dev.lambdaembedded.core.execution.FunctionSpec;
import dev.lambdaembedded.core.execution.TimedRun;
import dev.lambdaembedded.core.execution.Watchdog;
import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.guard.DeadlineExceededError;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.observe.InvocationScope;
import dev.lambdaembedded.core.observe.Loggers;
import dev.lambdaembedded.core.observe.Mdc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What every invocation of a runtime shares: settings, clock, watchdog, the unreserved concurrency
 * pool, and the executor that runs shutdown hooks and stuck reports off the invocation path.
 */
public final class Engine {
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);

  private final RuntimeSettings settings;
  private final TimeSource timeSource;
  private final Watchdog watchdog;
  private final Executor background;
  private final ConcurrencyLimiter unreserved;
  private final Set<Thread> handlerThreads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger overdue = new AtomicInteger();
  private final int stuckLimit;
  private final boolean mdc;
  private final long initTimeoutNanos;
  private final long shutdownTimeoutNanos;

  /**
   * Creates the engine.
   *
   * @param settings the runtime's settings
   * @param watchdog the deadline watchdog
   * @param background runs shutdown hooks and reports; owned and closed by the runtime
   */
  public Engine(RuntimeSettings settings, Watchdog watchdog, Executor background) {
    this.settings = requireNonNull(settings);
    this.timeSource = settings.timeSource();
    this.watchdog = requireNonNull(watchdog);
    this.background = requireNonNull(background);
    this.unreserved = new ConcurrencyLimiter(settings.accountConcurrency());
    this.mdc = settings.mdc() && Mdc.active();
    this.initTimeoutNanos = settings.initTimeout().toNanos();
    this.shutdownTimeoutNanos = settings.shutdownTimeout().toNanos();
    this.stuckLimit = settings.stuckInvocationLimit();
  }

  /** Counts an invocation stopped before its handler returned (its place was freed). */
  void overdueStarted() {
    overdue.incrementAndGet();
  }

  /** Counts the return of a handler that was stopped before it returned. */
  void overdueEnded() {
    overdue.decrementAndGet();
  }

  /**
   * Returns the invocations stopped at their deadline (or by close or exit) whose handlers have not
   * returned yet.
   *
   * @return the count
   */
  public int overdue() {
    return overdue.get();
  }

  /**
   * Returns whether as many handlers as the stuck invocation limit run past their timeouts, so no
   * new invocation is taken.
   *
   * @return {@code true} at the limit
   */
  boolean overdueLimitReached() {
    return overdue.get() >= stuckLimit;
  }

  /**
   * Returns the refusal of an invocation while {@link #overdueLimitReached()}.
   *
   * @param qualifier the qualifier invoked
   * @return the exception to throw
   */
  TooManyRequestsException overdueRefusal(String qualifier) {
    return new TooManyRequestsException(
        qualifier, ThrottleReason.STUCK_INVOCATION_LIMIT_EXCEEDED, stuckLimit);
  }

  /**
   * Stops every invocation running in an environment whose code called {@code System.exit}: each
   * fails with {@code Runtime.ExitError}.
   *
   * @param environment the environment that ended
   * @param status the exit status
   */
  void environmentExited(Environment environment, int status) {
    LOG.debug("Environment {} exited with status {}", environment, status);
    watchdog.forEach(
        run -> {
          if (run instanceof Invocation invocation && invocation.runsIn(environment)) {
            invocation.exited();
          }
        });
  }

  /**
   * Returns the settings.
   *
   * @return the settings
   */
  public RuntimeSettings settings() {
    return settings;
  }

  /**
   * Returns the time source.
   *
   * @return the time source
   */
  public TimeSource timeSource() {
    return timeSource;
  }

  /**
   * Returns the watchdog.
   *
   * @return the watchdog
   */
  public Watchdog watchdog() {
    return watchdog;
  }

  /**
   * Returns the pool functions without a reservation share.
   *
   * @return the unreserved limiter
   */
  public ConcurrencyLimiter unreserved() {
    return unreserved;
  }

  /**
   * Returns the handler threads alive now.
   *
   * @return the count
   */
  public int handlerThreads() {
    return handlerThreads.size();
  }

  /**
   * Returns what is still running: every run the watchdog times (invocations, init phases, shutdown
   * hooks) and every handler thread alive without one, for the report of {@code close()}.
   *
   * @return the descriptions
   */
  public List<StillRunning> stillRunning() {
    watchdog.forEach(TimedRun::onAbandoned);
    List<StillRunning> running = new ArrayList<>();
    Set<Thread> described = new HashSet<>();
    watchdog.forEach(
        run -> {
          running.add(run.stillRunning());
          Thread thread = run.runner();
          if (thread != null) {
            described.add(thread);
          }
        });
    for (Thread thread : handlerThreads) {
      if (thread.isAlive() && !described.contains(thread)) {
        StillRunning seen =
            TimedRun.describe(thread, Optional.empty(), Optional.empty(), Optional.empty());
        running.add(
            new StillRunning(
                StillRunning.Kind.THREAD,
                seen.threadName(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                seen.stackTrace()));
      }
    }
    return running;
  }

  /**
   * Waits for every handler thread to end.
   *
   * @param deadlineNanos until when, on the system clock
   * @return {@code true} if none is left
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitHandlerThreads(long deadlineNanos) throws InterruptedException {
    for (Thread thread : handlerThreads) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
        return handlerThreads.isEmpty();
      }
    }
    return handlerThreads.isEmpty();
  }

  /**
   * Starts a named handler thread of a function; it is tracked until it ends, so {@code close()}
   * can wait for it.
   *
   * @param spec the function version
   * @param task what the thread runs
   * @return the started thread, or null if it could not be started
   */
  @Nullable Thread startHandlerThread(FunctionSpec spec, Runnable task) {
    Thread[] self = new Thread[1];
    Thread thread =
        spec.handlerThreads()
            .newThread(
                () -> {
                  try {
                    task.run();
                  } finally {
                    handlerThreads.remove(self[0]);
                  }
                });
    self[0] = thread;
    handlerThreads.add(thread);
    try {
      thread.start();
      return thread;
    } catch (RuntimeException | OutOfMemoryError e) {
      handlerThreads.remove(thread);
      LOG.error("Could not start a handler thread for {}", spec.functionName(), e);
      return null;
    }
  }

  boolean mdc() {
    return mdc;
  }

  long initTimeoutNanos() {
    return initTimeoutNanos;
  }

  /**
   * Runs a task off the invocation path; dropped with a log line once the runtime has closed.
   *
   * @param task the task
   * @return whether the task was accepted
   */
  public boolean background(Runnable task) {
    try {
      background.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      LOG.debug("Background task dropped: the runtime has closed", e);
      return false;
    }
  }

  /**
   * Retires an environment: its shutdown hook runs in the background, bounded by the shutdown
   * timeout.
   *
   * @param environment the environment, with nothing in flight
   * @param reason why
   */
  public void retire(Environment environment, ShutdownReason reason) {
    retire(environment, reason, false);
  }

  /**
   * Retires an environment from an invocation's thread: as {@link #retire}, but deployed code's
   * loader is also released in the background, so that cleaning and checking it never delays the
   * invocation's result (a timeout's, say).
   *
   * @param environment the environment, with nothing in flight
   * @param reason why
   */
  void retireInBackground(Environment environment, ShutdownReason reason) {
    retire(environment, reason, environment.spec().codeLoader() != null);
  }

  private void retire(Environment environment, ShutdownReason reason, boolean unloadLater) {
    // an environment whose code exited is gone, as a process that exited: no shutdown hook runs
    boolean hook = environment.hasShutdownHook() && !environment.exited();
    boolean later =
        (hook || unloadLater)
            && background(
                () -> {
                  try {
                    if (hook) {
                      shutdown(environment, reason);
                    }
                  } finally {
                    environment.unload();
                  }
                });
    if (!later) {
      environment.unload();
    }
  }

  /**
   * Runs an environment's shutdown hook on the calling thread, bounded by the shutdown timeout.
   *
   * @param environment the environment
   * @param reason why it is retired
   */
  public void shutdown(Environment environment, ShutdownReason reason) {
    long now = timeSource.nanoTime();
    HookRun run = new HookRun(now, now + shutdownTimeoutNanos, environment);
    run.runOn(Thread.currentThread());
    watchdog.register(run);
    try {
      // inside a scope, so the deadline checks of deployed code see the hook's own deadline
      ScopedValue.where(InvocationScope.CURRENT, run).run(() -> environment.shutdown(reason));
    } finally {
      run.tryComplete();
      watchdog.deregister(run);
    }
  }

  /** A shutdown hook under its timeout. */
  private static final class HookRun extends TimedRun implements InvocationScope {
    private final Environment environment;

    HookRun(long start, long deadline, Environment environment) {
      super(start, deadline);
      this.environment = environment;
    }

    /** Past its deadline, the hook's deployed code unwinds at its next check. */
    @Override
    protected void onExpiring() {
      Alarm alarm = environment.alarm();
      if (alarm != null) {
        alarm.kill(); // the environment is being retired: nothing of it runs again
      }
    }

    @Override
    public void checkDeadline() {
      if (expired()) {
        throw new DeadlineExceededError("The shutdown hook of " + environment + " timed out");
      }
    }

    @Override
    public void standardOutput(boolean error, byte[] bytes, int offset, int length) {
      InvocationScope.PASS_THROUGH.standardOutput(error, bytes, offset, length);
    }

    @Override
    protected void onStuck(long nowNanos) {
      LOG.warn("The shutdown hook of {} ignored its interrupt and is still running", environment);
    }

    @Override
    public StillRunning stillRunning() {
      return describe(
          runner(),
          Optional.of(environment.functionName()),
          Optional.of(environment.functionVersion()),
          Optional.empty());
    }
  }
}
