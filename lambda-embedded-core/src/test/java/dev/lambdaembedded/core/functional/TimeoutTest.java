/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.testing.RuntimeFixture.requestId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Timeouts as Lambda applies them: at the deadline the invocation fails with {@code
 * Sandbox.Timedout} and "Task timed out after N.NN seconds", its environment is discarded (Lambda
 * resets the execution environment), and the next invocation is a cold start. Driven by the manual
 * clock: the test advances time past the deadline instead of waiting.
 */
final class TimeoutTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void invoke_handlerHonoursInterrupt_failsWithLambdasTimeoutAndResetsEnvironment(
      ExecutionMode mode) throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    AtomicBoolean interrupted = new AtomicBoolean();
    BlockingQueue<ShutdownReason> shutdowns = new LinkedBlockingQueue<>();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("sleepy")
                .timeout(Duration.ofSeconds(3))
                .executionMode(mode)
                .build(),
            FunctionCode.handlerFactory(
                () ->
                    new BlockingHandler(
                        entered, interrupted, shutdowns, /* ignoreInterrupt= */ false)));

    CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "sleepy");
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(3));
    InvocationResult result = call.get(10, TimeUnit.SECONDS);

    assertThat(result).isInstanceOf(InvocationResult.Failure.class);
    FunctionError error = ((InvocationResult.Failure) result).error();
    assertThat(error.errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(error.errorMessage())
        .isEqualTo("RequestId: " + requestId(1) + " Error: Task timed out after 3.00 seconds");
    assertThat(error.stackTrace()).isEmpty();
    // in VIRTUAL_THREAD mode the caller returns at the deadline, maybe before the handler's thread
    // has seen its interrupt
    Await.until(interrupted::get);
    assertThat(result.report().billedDurationMillis()).isEqualTo(3000);
    assertThat(fixture.logs().lines("sleepy"))
        .containsExactly(
            "START RequestId: " + requestId(1) + " Version: $LATEST",
            "2026-11-27T10:00:03.000Z " + requestId(1) + " Task timed out after 3.00 seconds",
            "END RequestId: " + requestId(1),
            "REPORT RequestId: "
                + requestId(1)
                + "\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: unknown\tInit Duration: 0.00 ms\tStatus: timeout\t");

    // Lambda resets the environment after a timeout: the shutdown hook runs with TIMEOUT and the
    // next invocation starts a new environment.
    assertThat(shutdowns.poll(10, TimeUnit.SECONDS)).isEqualTo(ShutdownReason.TIMEOUT);
    fixture.logs().clear();
    CompletableFuture<InvocationResult> next = fixture.invokeAsync(runtime, "sleepy");
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(3));
    next.get(10, TimeUnit.SECONDS);
    assertThat(runtime.inspect().metrics("sleepy").orElseThrow().coldStarts()).isEqualTo(2);
    assertThat(runtime.inspect().metrics("sleepy").orElseThrow().timeouts()).isEqualTo(2);
    assertThat(runtime.inspect().metrics("sleepy").orElseThrow().errors()).isEqualTo(2);
  }

  @Test
  void invoke_callerThreadHandlerIgnoresInterrupt_holdsCallerThenTimesOutAndIsReportedStuck()
      throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    BlockingHandler handler =
        new BlockingHandler(entered, new AtomicBoolean(), new LinkedBlockingQueue<>(), true);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("stubborn").timeout(Duration.ofSeconds(1)).build(),
            FunctionCode.handler(handler));

    CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "stubborn");
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(1));
    fixture.logs().awaitLineContaining("Task timed out");
    assertThat(call).as("a caller-thread handler holds its caller").isNotDone();

    fixture.time().advance(Duration.ofSeconds(2)); // past the stuck threshold (1 s)
    assertThat(fixture.logs().awaitLineContaining("still running").message())
        .contains("RequestId: " + requestId(1))
        .contains("ignores interrupts");
    assertThat(runtime.inspect().stuckInvocations()).isEqualTo(1);
    assertThat(runtime.inspect().concurrentExecutions()).isEqualTo(1);

    handler.release();
    InvocationResult result = call.get(10, TimeUnit.SECONDS);
    assertThat(((InvocationResult.Failure) result).error().isTimeout()).isTrue();
    fixture.logs().awaitLineContaining("returned");
    assertThat(runtime.inspect().stuckInvocations()).isZero();
  }

  @Test
  void invoke_virtualThreadHandlerIgnoresInterrupt_callerGetsTimeoutAtOnce() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    BlockingHandler handler =
        new BlockingHandler(entered, new AtomicBoolean(), new LinkedBlockingQueue<>(), true);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("stubborn")
                .timeout(Duration.ofSeconds(1))
                .executionMode(ExecutionMode.VIRTUAL_THREAD)
                .build(),
            FunctionCode.handler(handler));

    CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "stubborn");
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(1));

    InvocationResult result = call.get(10, TimeUnit.SECONDS);
    assertThat(((InvocationResult.Failure) result).error().errorType())
        .isEqualTo("Sandbox.Timedout");
    assertThat(handler.running()).as("the handler still runs after the caller returned").isTrue();
    assertThat(runtime.inspect().concurrentExecutions())
        .as("a stuck handler keeps counting against concurrency")
        .isEqualTo(1);

    fixture.time().advance(Duration.ofSeconds(2));
    fixture.logs().awaitLineContaining("still running");
    assertThat(runtime.inspect().metrics("stubborn").orElseThrow().stuckInvocations()).isEqualTo(1);

    handler.release();
    fixture.logs().awaitLineContaining("returned");
    assertThat(runtime.inspect().stuckInvocations()).isZero();
  }

  @Test
  void invoke_handlerCatchesInterruptAndReturns_stillFailsWithTimeout() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("swallower").timeout(Duration.ofSeconds(2)).build(),
            FunctionCode.handler(
                (Object in, Context context) -> {
                  entered.release();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    return "swallowed the interrupt"; // a late response is discarded
                  }
                  return "unreachable";
                }));

    CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "swallower");
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(2));
    InvocationResult result = call.get(10, TimeUnit.SECONDS);

    assertThat(((InvocationResult.Failure) result).error().errorMessage())
        .endsWith("Task timed out after 2.00 seconds");
  }

  @Test
  void invoke_afterTimeout_noInterruptLeaksIntoTheCallersThread() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("sleepy").timeout(Duration.ofSeconds(1)).build(),
            FunctionCode.handler(
                new BlockingHandler(
                    entered, new AtomicBoolean(), new LinkedBlockingQueue<>(), false)));

    CompletableFuture<Boolean> interruptedAfter =
        fixture.async(
            () -> {
              runtime.invoke("sleepy", Payload.json("{}"));
              return Thread.currentThread().isInterrupted();
            });
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(1));

    assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void invoke_initPhaseExceedsInitTimeout_failsAndNextInvocationInitialisesAgain()
      throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    AtomicBoolean slowInit = new AtomicBoolean(true);
    runtime
        .registry()
        .create(
            FunctionConfig.of("slow-init"),
            FunctionCode.handlerFactory(
                () -> {
                  if (slowInit.get()) {
                    entered.release();
                    try {
                      new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      throw new IllegalStateException("init interrupted", e);
                    }
                  }
                  return (RequestHandler<Object, String>) (in, context) -> "ready";
                }));

    CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "slow-init");
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(10)); // Lambda's init phase limit
    InvocationResult result = call.get(10, TimeUnit.SECONDS);

    FunctionError error = ((InvocationResult.Failure) result).error();
    assertThat(error.errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(error.errorMessage()).endsWith("Init phase timed out after 10.00 seconds");
    assertThat(fixture.logs().lines("slow-init"))
        .contains("INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout\t");
    // a cold start whose init phase ran 10 s: the report and REPORT say so, as INIT_REPORT does
    assertThat(result.report().coldStart()).isTrue();
    assertThat(result.report().initDuration()).contains(Duration.ofSeconds(10));
    assertThat(fixture.logs().lines("slow-init"))
        .anyMatch(
            line ->
                line.startsWith("REPORT ")
                    && line.endsWith("\tInit Duration: 10000.00 ms\tStatus: timeout\t"));

    slowInit.set(false);
    InvocationResult retried = runtime.invoke("slow-init", Payload.json("{}"));
    assertThat(retried).isInstanceOf(InvocationResult.Success.class);
    assertThat(runtime.inspect().metrics("slow-init").orElseThrow().coldStarts()).isEqualTo(2);
  }

  @Test
  void remainingTime_countsDownWithTheRuntimesClock() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("clock").timeout(Duration.ofSeconds(5)).build(),
            FunctionCode.handler(
                (Object in, Context context) -> {
                  int before = context.remainingTimeInMillis();
                  fixture.time().advance(Duration.ofMillis(1_250));
                  return List.of(before, context.remainingTimeInMillis());
                }));

    InvocationResult result =
        runtime.invoke(
            dev.lambdaembedded.api.InvocationRequest.of("clock", Payload.json("{}"), List.class));

    assertThat(((InvocationResult.Success) result).payload())
        .isEqualTo(Payload.of(List.of(5_000, 3_750)));
  }

  /** Blocks until interrupted, or, when told to ignore interrupts, until released. */
  static final class BlockingHandler implements RequestHandler<Object, String>, Lifecycle {
    private final Semaphore entered;
    private final AtomicBoolean interrupted;
    private final BlockingQueue<ShutdownReason> shutdowns;
    private final boolean ignoreInterrupt;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean running;

    BlockingHandler(
        Semaphore entered,
        AtomicBoolean interrupted,
        BlockingQueue<ShutdownReason> shutdowns,
        boolean ignoreInterrupt) {
      this.entered = entered;
      this.interrupted = interrupted;
      this.shutdowns = shutdowns;
      this.ignoreInterrupt = ignoreInterrupt;
    }

    @Override
    public String handleRequest(Object input, Context context) throws Exception {
      running = true;
      try {
        entered.release();
        while (true) {
          try {
            release.await();
            return "released";
          } catch (InterruptedException e) {
            interrupted.set(true);
            if (!ignoreInterrupt) {
              throw e;
            }
          }
        }
      } finally {
        running = false;
      }
    }

    @Override
    public void shutdown(ShutdownReason reason) {
      shutdowns.add(reason);
    }

    void release() {
      release.countDown();
    }

    boolean running() {
      return running;
    }
  }
}
