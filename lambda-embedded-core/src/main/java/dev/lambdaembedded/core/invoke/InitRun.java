/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import dev.lambdaembedded.api.FunctionError;
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
import dev.lambdaembedded.core.json.JsonCodec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An init phase under the init timeout (10 seconds, as Lambda's): a new execution environment for a
 * cold start or for provisioned concurrency, initialised on the calling thread or on a virtual
 * thread the caller waits for, as the function's execution mode says.
 */
final class InitRun extends TimedRun {
  private final Engine engine;
  private final FunctionState function;
  private final EnvironmentPool home;
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

  /** Runs the init phase on the calling thread. */
  private void initialise() {
    try {
      environment = Environment.start(function.spec, home, this::prepare);
    } catch (InitFailure e) {
      failure = e;
    } catch (Throwable e) {
      failure = new InitFailure(StackTraces.toFunctionError(e), e);
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
  private void prepare(Handler handler, JsonCodec codec) {
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
