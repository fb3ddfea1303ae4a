/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.StillRunning;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.execution.Environment;
import dev.lambdaembedded.core.execution.EnvironmentPool;
import dev.lambdaembedded.core.execution.Handler;
import dev.lambdaembedded.core.execution.InitFailure;
import dev.lambdaembedded.core.execution.StackTraces;
import dev.lambdaembedded.core.execution.TimedRun;
import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.guard.DeadlineExceededError;
import dev.lambdaembedded.core.guard.FunctionExitError;
import dev.lambdaembedded.core.json.JsonCodec;
import dev.lambdaembedded.core.observe.InvocationScope;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An init phase under the init timeout (10 seconds, as Lambda's): a new execution environment for a
 * cold start or for provisioned concurrency, initialised on the calling thread or on a virtual
 * thread the caller waits for, as the function's execution mode says.
 */
final class InitRun extends TimedRun implements Environment.InitHooks, InvocationScope {
  private final Engine engine;
  private final FunctionState function;
  private final EnvironmentPool home;
  private volatile @Nullable Environment created; // the environment as soon as it exists
  private volatile @Nullable FunctionError violation; // a forbidden class its code needed
  private volatile @Nullable Throwable violationThrown;
  private @Nullable Environment environment;
  private @Nullable InitFailure failure;
  private volatile boolean ready;
  private boolean timedOut; // the caller's verdict

  private InitRun(
      Engine engine, FunctionState function, EnvironmentPool home, long start, long deadline) {
    super(start, deadline);
    this.engine = engine;
    this.function = function;
    this.home = home;
  }

  /**
   * Runs an init phase and waits for its outcome.
   *
   * @param engine the runtime's engine
   * @param function the version to start an environment of
   * @param home the pool the environment will belong to (the caller adds it)
   * @return the finished run: {@link #environment()} on success, else {@link #failure()} or a
   *     timeout
   */
  static InitRun start(Engine engine, FunctionState function, EnvironmentPool home) {
    long start = engine.timeSource().nanoTime();
    InitRun init = new InitRun(engine, function, home, start, start + engine.initTimeoutNanos());
    if (function.spec.config().executionMode() == ExecutionMode.CALLER_THREAD) {
      init.runOn(Thread.currentThread());
      engine.watchdog().register(init);
      init.initialise();
      if (!init.tryComplete()) {
        init.abandon();
        engine.watchdog().deregister(init);
        init.timedOut = true;
        return init;
      }
      engine.watchdog().deregister(init);
      init.ready = true;
      return init;
    }
    init.waitOn(Thread.currentThread());
    engine.watchdog().register(init);
    if (engine.startHandlerThread(function.spec, init::initialiseOnWorker) == null) {
      init.tryComplete();
      engine.watchdog().deregister(init);
      init.failure =
          new InitFailure(
              new FunctionError("Runtime.Unknown", "Could not start a handler thread", List.of()));
      return init;
    }
    // if it expired, the worker abandons its environment when it finishes
    init.timedOut = !init.awaitReadyOrExpired(init::ready);
    return init;
  }

  /**
   * Returns the environment initialised, claimed for one invocation.
   *
   * @return the environment, or null if the init phase failed or timed out
   */
  @Nullable Environment environment() {
    return timedOut || failure != null ? null : environment;
  }

  /**
   * Returns how the init phase failed.
   *
   * @return the failure, or null if it succeeded or timed out
   */
  @Nullable InitFailure failure() {
    return timedOut ? null : failure;
  }

  /**
   * Runs the init phase on the calling thread, inside this run's scope, so that the deadline checks
   * of deployed code (a static initialiser that loops, say) see the init phase's deadline.
   */
  private void initialise() {
    ScopedValue.where(InvocationScope.CURRENT, this).run(this::initialiseInScope);
  }

  private void initialiseInScope() {
    try {
      environment = Environment.start(function.spec, home, this);
    } catch (InitFailure e) {
      failure = e;
    } catch (Throwable e) {
      failure = new InitFailure(StackTraces.toFunctionError(e), e);
    }
    FunctionError forbidden = violation;
    if (forbidden != null) {
      // whatever the init code made of the missing class, the init phase fails with the violation
      Environment started = environment;
      environment = null;
      if (started != null) {
        home.discard(started);
        if (home.release(started, engine.timeSource().nanoTime())) {
          engine.retire(started, ShutdownReason.FAILURE);
        }
      }
      Throwable thrown = violationThrown;
      failure =
          new InitFailure(
              forbidden,
              thrown != null ? thrown : new IllegalStateException(forbidden.errorMessage()));
    }
  }

  @Override
  public void policyViolation(FunctionError error, Throwable thrown) {
    if (violation == null) {
      violationThrown = thrown;
      violation = error;
    }
  }

  @Override
  public void created(Environment environment) {
    this.created = environment;
  }

  /** Its code called {@code System.exit}: during this init phase, or in a later invocation. */
  @Override
  public void exited(Environment environment, int status) {
    expire(engine.timeSource().nanoTime(), Cause.EXIT);
    engine.environmentExited(environment, status);
  }

  /**
   * Returns the status the init phase's code exited with.
   *
   * @return the status, or empty if it did not exit
   */
  java.util.OptionalInt exitStatus() {
    Environment env = created;
    return expired() && cause() == Cause.EXIT && env != null
        ? java.util.OptionalInt.of(env.exitStatus())
        : java.util.OptionalInt.empty();
  }

  /** The check of deployed code during the init phase: unwinds it once stopped. */
  @Override
  public void checkDeadline() {
    if (expired()) {
      Environment env = created;
      throw cause() == Cause.EXIT && env != null
          ? new FunctionExitError(env.exitStatus())
          : new DeadlineExceededError("Init phase timed out: " + function.arn);
    }
  }

  /** Output of init code goes to the host's streams, as before any invocation exists. */
  @Override
  public void standardOutput(boolean error, byte[] bytes, int offset, int length) {
    InvocationScope.PASS_THROUGH.standardOutput(error, bytes, offset, length);
  }

  /** Stopped: every check of the environment's code unwinds it from now on; it is never used. */
  @Override
  protected void onExpiring() {
    Environment env = created;
    if (env != null) {
      env.requestDiscard();
      Alarm alarm = env.alarm();
      if (alarm != null) {
        alarm.kill();
      }
    }
  }

  /** Runs the init phase on a virtual thread and hands the outcome to the waiting caller. */
  private void initialiseOnWorker() {
    runOn(Thread.currentThread());
    initialise();
    if (tryComplete()) {
      engine.watchdog().deregister(this);
      ready = true;
      wakeWaiter();
    } else {
      engine.watchdog().deregister(this);
      abandon();
    }
  }

  /**
   * Builds the JSON reader of the handler's event type inside the init phase, so the cost of
   * preparing it is in Init Duration, as Lambda's runtime builds its serializers at init.
   */
  @Override
  public void prepare(Handler handler, JsonCodec codec) {
    if (handler instanceof Handler.Request request) {
      try {
        codec.cachedReader(request.inputType());
      } catch (RuntimeException e) {
        // left to the first invocation, which reports it as a JSON parsing error
      }
    }
  }

  private boolean ready() {
    return ready;
  }

  /** Drops an environment whose init phase finished after its deadline. */
  private void abandon() {
    Environment late = environment;
    environment = null;
    if (late != null) {
      home.discard(late);
      if (home.release(late, engine.timeSource().nanoTime())) {
        engine.retire(late, ShutdownReason.FAILURE);
      }
    }
  }

  @Override
  public StillRunning stillRunning() {
    return describe(
        runner(),
        java.util.Optional.of(function.spec.functionName()),
        java.util.Optional.of(function.spec.version()),
        java.util.Optional.empty());
  }

  @Override
  protected void onStuck(long nowNanos) {
    Thread thread = runner();
    engine.background(
        () ->
            function
                .spec
                .log()
                .write(
                    LogRecord.Source.PLATFORM,
                    LogLevel.WARN,
                    null,
                    "The init phase is still running after its timeout; its thread ignores"
                        + " interrupts: "
                        + (thread == null ? "unknown" : thread.getName())));
  }
}
