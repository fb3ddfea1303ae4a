/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionMetrics;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.StillRunning;
import dev.lambdaembedded.api.ThrottleReason;
import dev.lambdaembedded.api.TooManyRequestsException;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import dev.lambdaembedded.core.testing.ThreadDump;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inline (host) code is not rewritten, so a handler that ignores its interrupt keeps running past
 * its deadline: in {@code CALLER_THREAD} mode it keeps its caller until it returns. What holds
 * anyway, as Lambda frees an environment's resources when it destroys it: the timeout is logged and
 * counted at the deadline, the function's concurrency place is free at the deadline, such handlers
 * count against the runtime's stuck invocation limit instead, and {@code close()} ends in its bound
 * and names what it could not stop.
 */
final class StuckHandlerTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  /** Answers "quick" at once; anything else waits for the release, ignoring interrupts. */
  private static final class Deaf {
    final Semaphore entered = new Semaphore(0);
    final CountDownLatch release = new CountDownLatch(1);

    String handle(String in) {
      if (in.equals("quick")) {
        return "quick";
      }
      entered.release();
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // ignores its interrupt on purpose
        }
      }
      return "late";
    }
  }

  private static FunctionCode deaf(Deaf deaf) {
    return FunctionCode.handler(String.class, (String in, Context c) -> deaf.handle(in));
  }

  @Test
  void inlineHandlerPastItsTimeout_freesItsPlace_andIsCountedAtTheDeadline() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Deaf deaf = new Deaf();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("deaf")
                .timeout(Duration.ofSeconds(1))
                .reservedConcurrency(1)
                .build(),
            deaf(deaf));

    CompletableFuture<InvocationResult> stuck =
        fixture.invokeAsync(runtime, "deaf", Payload.json("\"stuck\""));
    assertThat(deaf.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(1));
    fixture.logs().awaitLineContaining("Task timed out after 1.00 seconds");

    FunctionMetrics metrics = runtime.inspect().metrics("deaf").orElseThrow();
    assertThat(metrics.invocations()).as("counted with the timeout line").isEqualTo(1);
    assertThat(metrics.timeouts()).isEqualTo(1);
    assertThat(metrics.errors()).isEqualTo(1);
    assertThat(stuck).as("inline code keeps its caller until it returns").isNotDone();
    // reserved concurrency 1, and the stuck handler still runs: its place was freed at the timeout
    InvocationResult next = runtime.invoke("deaf", Payload.json("\"quick\""));
    assertThat(next).isInstanceOf(InvocationResult.Success.class);

    deaf.release.countDown();
    FunctionError error = ((InvocationResult.Failure) stuck.get(10, TimeUnit.SECONDS)).error();
    assertThat(error.isTimeout()).isTrue();
    Await.until(() -> runtime.inspect().concurrentExecutions() == 0);
    assertThat(runtime.inspect().metrics("deaf").orElseThrow().invocations())
        .as("not counted twice")
        .isEqualTo(2);
  }

  @Test
  void stuckInvocationLimit_refusesEveryInvocation_untilAStuckHandlerReturns() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.stuckInvocationLimit(1));
    Deaf deaf = new Deaf();
    runtime
        .registry()
        .create(FunctionConfig.builder("deaf").timeout(Duration.ofSeconds(1)).build(), deaf(deaf));
    runtime
        .registry()
        .create(
            FunctionConfig.of("other"),
            FunctionCode.handler(String.class, (String in, Context c) -> "other"));

    CompletableFuture<InvocationResult> stuck =
        fixture.invokeAsync(runtime, "deaf", Payload.json("\"stuck\""));
    assertThat(deaf.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(1));
    fixture.logs().awaitLineContaining("Task timed out after 1.00 seconds");

    assertThatThrownBy(() -> runtime.invoke("other", Payload.json("\"x\"")))
        .isInstanceOfSatisfying(
            TooManyRequestsException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThrottleReason.STUCK_INVOCATION_LIMIT_EXCEEDED);
              assertThat(e.limit()).isEqualTo(1);
            })
        .hasMessageContaining("StuckInvocationLimitExceeded")
        .hasMessageContaining("stuck invocation limit");
    assertThat(runtime.inspect().metrics("other").orElseThrow().throttles()).isEqualTo(1);

    deaf.release.countDown();
    stuck.get(10, TimeUnit.SECONDS);
    Await.until(() -> runtime.inspect().stuckInvocations() == 0);
    assertThat(runtime.invoke("other", Payload.json("\"x\"")))
        .isInstanceOf(InvocationResult.Success.class);
  }

  @Test
  void close_withHandlersThatCannotBeStopped_endsInItsBound_andNamesEachOne() throws Exception {
    FunctionRuntime runtime =
        LambdaRuntime.builder()
            .logSink(fixture.logs())
            .closeTimeout(Duration.ZERO)
            .stuckThreshold(Duration.ofMillis(50))
            .build();
    Deaf onCaller = new Deaf();
    Deaf onVirtual = new Deaf();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("deaf-caller").timeout(Duration.ofMinutes(5)).build(),
            deaf(onCaller));
    runtime
        .registry()
        .create(
            FunctionConfig.builder("deaf-virtual")
                .timeout(Duration.ofMinutes(5))
                .executionMode(ExecutionMode.VIRTUAL_THREAD)
                .build(),
            deaf(onVirtual));
    CompletableFuture<InvocationResult> callerCall =
        fixture.invokeAsync(runtime, "deaf-caller", Payload.json("\"stuck\""));
    CompletableFuture<InvocationResult> virtualCall =
        fixture.invokeAsync(runtime, "deaf-virtual", Payload.json("\"stuck\""));
    assertThat(onCaller.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    assertThat(onVirtual.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    try {
      runtime.close();

      assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.FAILED);
      List<StillRunning> left = runtime.inspect().stillRunning();
      assertThat(left)
          .extracting(running -> running.functionName().orElse("?"))
          .contains("deaf-caller", "deaf-virtual");
      assertThat(left)
          .filteredOn(running -> running.kind() == StillRunning.Kind.INVOCATION)
          .allSatisfy(
              running -> {
                assertThat(running.requestId()).isPresent();
                assertThat(running.threadName()).isNotBlank();
                assertThat(running.stackTrace()).isNotEmpty();
              });
      assertThat(left)
          .filteredOn(running -> running.functionName().orElse("").equals("deaf-virtual"))
          .extracting(StillRunning::threadName)
          .allMatch(name -> name.startsWith("lambda-deaf-virtual-"));
      // the caller-thread invocation was stopped: its caller got the close error at once...
      assertThat(((InvocationResult.Failure) virtualCall.get(10, TimeUnit.SECONDS)).error())
          .extracting(FunctionError::errorType)
          .isEqualTo(FunctionError.RUNTIME_CLOSED);
      // ...and every runtime thread alive (virtual ones too) is one close() named
      List<String> named = left.stream().map(StillRunning::threadName).toList();
      assertThat(ThreadDump.threadNames())
          .filteredOn(name -> name.startsWith("lambda-deaf-"))
          .isNotEmpty()
          .allMatch(named::contains);
      for (StillRunning running : left) {
        String id = running.requestId().map(Object::toString).orElseThrow();
        LogRecord line =
            fixture
                .logs()
                .await(
                    r ->
                        r.requestId().map(id::equals).orElse(false)
                            && r.message().contains("could not stop it"));
        assertThat(line.message())
            .as("the function's log names the thread")
            .contains("still running on thread " + running.threadName());
        assertThat(line.level()).isEqualTo(dev.lambdaembedded.api.handler.LogLevel.ERROR);
      }
    } finally {
      onCaller.release.countDown();
      onVirtual.release.countDown();
    }
    assertThat(
            ((InvocationResult.Failure) callerCall.get(10, TimeUnit.SECONDS)).error().errorType())
        .isEqualTo(FunctionError.RUNTIME_CLOSED);
  }

  private static final String LOOPING_INIT =
      """
      package fn;
      public class LoopingInit implements dev.lambdaembedded.api.handler.RequestHandler<Object, String> {
        static volatile long spins;
        static {
          ((java.util.concurrent.CountDownLatch) System.getProperties().get("init.started"))
              .countDown();
          while (spins >= 0) { // always: an initialiser that will not stop
            try {
              spins++;
              Thread.sleep(10);
            } catch (Throwable e) {
              // not even for the runtime's own error
            }
          }
        }

        public String handleRequest(Object in, dev.lambdaembedded.api.handler.Context c) {
          return "unreachable";
        }
      }
      """;

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void deployedInitPhaseThatNeverEnds_timesOutAtTheInitTimeout(ExecutionMode mode)
      throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.initTimeout(Duration.ofSeconds(2)));
    runtime
        .registry()
        .create(
            FunctionConfig.builder("looping")
                .handler("fn.LoopingInit::handleRequest")
                .executionMode(mode)
                .build(),
            FunctionCode.deployed(
                TestJars.builder().source("fn.LoopingInit", LOOPING_INIT).toBytes()));
    CountDownLatch started = new CountDownLatch(1);
    System.getProperties().put("init.started", started);
    try {
      CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "looping");
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      fixture.time().advance(Duration.ofSeconds(2));

      FunctionError error = ((InvocationResult.Failure) call.get(10, TimeUnit.SECONDS)).error();
      assertThat(error.errorType()).isEqualTo(FunctionError.TIMEOUT);
      assertThat(error.errorMessage()).contains("Init phase timed out after 2.00 seconds");
      Await.until(
          () ->
              runtime.inspect().concurrentExecutions() == 0
                  && runtime.inspect().liveThreads() == 1); // the watchdog alone
    } finally {
      System.getProperties().remove("init.started");
    }
  }

  private static final String LOOPING_HOOK =
      """
      package fn;
      public class LoopingHook
          implements dev.lambdaembedded.api.handler.RequestHandler<Object, String>,
              dev.lambdaembedded.api.handler.Lifecycle {
        public String handleRequest(Object in, dev.lambdaembedded.api.handler.Context c) {
          return "ok";
        }

        @Override
        public void shutdown(dev.lambdaembedded.api.handler.ShutdownReason reason) {
          ((java.util.concurrent.CountDownLatch) System.getProperties().get("hook.started"))
              .countDown();
          while (reason != null) { // a hook that will not stop
            try {
              Thread.sleep(60_000);
            } catch (Throwable e) {
              // not even for the runtime's own error
            }
          }
        }
      }
      """;

  @Test
  void deployedShutdownHookThatNeverEnds_stopsAtTheShutdownTimeout() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.shutdownTimeout(Duration.ofSeconds(1)));
    runtime
        .registry()
        .create(
            FunctionConfig.builder("hooked").handler("fn.LoopingHook::handleRequest").build(),
            FunctionCode.deployed(
                TestJars.builder().source("fn.LoopingHook", LOOPING_HOOK).toBytes()));
    CountDownLatch started = new CountDownLatch(1);
    System.getProperties().put("hook.started", started);
    try {
      assertThat(runtime.invoke("hooked", Payload.json("{}")))
          .isInstanceOf(InvocationResult.Success.class);
      runtime.registry().delete("hooked"); // retires the environment: its hook runs
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      fixture.time().advance(Duration.ofSeconds(1));

      fixture.logs().awaitLineContaining("The shutdown hook of environment");
      Await.until(() -> runtime.inspect().liveThreads() == 1); // the watchdog alone
    } finally {
      System.getProperties().remove("hook.started");
    }
  }
}
