/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.core.observe.OutputCapture;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.Threads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code close()}: refuses new work, lets running invocations finish or interrupts them after the
 * close timeout, shuts every environment down, stops every runtime thread, restores the standard
 * streams; idempotent; a runtime is not restartable.
 */
final class CloseTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @Test
  void close_idle_stopsEveryThreadShutsDownEnvironmentsAndRestoresStreams() throws Exception {
    PrintStream out = System.out;
    BlockingQueue<ShutdownReason> shutdowns = new LinkedBlockingQueue<>();
    FunctionRuntime runtime = LambdaRuntime.builder().logSink(fixture.logs()).build();
    runtime
        .registry()
        .create(
            FunctionConfig.of("hooked"), FunctionCode.handlerFactory(() -> new Hooked(shutdowns)));
    runtime.invoke("hooked", Payload.json("{}"));
    assertThat(Threads.platformRuntimeThreads()).contains("lambda-watchdog");
    assertThat(System.out).isNotSameAs(out);

    runtime.close();

    assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.CLOSED);
    assertThat(shutdowns.poll(0, TimeUnit.SECONDS)).isEqualTo(ShutdownReason.SPINDOWN);
    assertThat(runtime.inspect().liveThreads()).isZero();
    assertThat(Threads.platformRuntimeThreads()).isEmpty();
    assertThat(System.out).isSameAs(out);
    assertThat(OutputCapture.installed()).isFalse();
  }

  @Test
  void close_twice_isIdempotent_andUseAfterCloseIsIllegalState() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(FunctionConfig.of("f"), FunctionCode.handler((Object in, Context c) -> "ok"));

    runtime.close();
    runtime.close();

    assertThat(runtime.state().isTerminal()).isTrue();
    assertThatThrownBy(() -> runtime.invoke("f", Payload.json("{}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(
                        FunctionConfig.of("g"),
                        FunctionCode.handler((Object in, Context c) -> "ok")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(runtime.registry().get("f"))
        .as("a closed runtime keeps none of its functions")
        .isEmpty();
    assertThat(runtime.inspect().metrics("f"))
        .as("the last counters still answer")
        .hasValueSatisfying(metrics -> assertThat(metrics.invocations()).isZero());
  }

  @Test
  void close_waitsForARunningInvocationToFinish() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    CountDownLatch release = new CountDownLatch(1);
    runtime
        .registry()
        .create(
            FunctionConfig.of("busy"),
            FunctionCode.handler(
                (Object in, Context c) -> {
                  entered.release();
                  release.await();
                  return "finished";
                }));
    CompletableFuture<InvocationResult> call =
        fixture.async(() -> runtime.invoke("busy", Payload.json("{}")));
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<FunctionRuntime.State> closing =
        fixture.async(
            () -> {
              runtime.close();
              return runtime.state();
            });
    Await.until(() -> runtime.state() == FunctionRuntime.State.CLOSING);
    assertThat(closing).isNotDone();
    assertThatThrownBy(() -> runtime.invoke("busy", Payload.json("{}")))
        .as("new invocations are refused while closing")
        .isInstanceOf(IllegalStateException.class);
    release.countDown();

    closing.get(10, TimeUnit.SECONDS);
    assertThat(call.get()).isInstanceOf(InvocationResult.Success.class);
    assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.CLOSED);
  }

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void close_afterCloseTimeout_interruptsRunningInvocationsWhichFailAsClosed(ExecutionMode mode)
      throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.closeTimeout(Duration.ZERO));
    Semaphore entered = new Semaphore(0);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("endless")
                .executionMode(mode)
                .timeout(Duration.ofMinutes(15))
                .build(),
            FunctionCode.handler(
                (Object in, Context c) -> {
                  entered.release();
                  new CountDownLatch(1).await();
                  return "never";
                }));
    CompletableFuture<InvocationResult> call =
        fixture.async(() -> runtime.invoke("endless", Payload.json("{}")));
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    runtime.close();

    FunctionError error = ((InvocationResult.Failure) call.get(10, TimeUnit.SECONDS)).error();
    assertThat(error.errorType()).isEqualTo(FunctionError.RUNTIME_CLOSED);
    assertThat(error.errorMessage()).endsWith("The runtime closed before the invocation finished");
    assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.CLOSED);
    assertThat(runtime.inspect().liveThreads()).isZero();
  }

  @Test
  void close_handlerIgnoresInterrupt_endsFailedAndSaysWhy() throws Exception {
    FunctionRuntime runtime =
        LambdaRuntime.builder()
            .logSink(fixture.logs())
            .closeTimeout(Duration.ZERO)
            .stuckThreshold(Duration.ofMillis(50))
            .build();
    Semaphore entered = new Semaphore(0);
    CountDownLatch release = new CountDownLatch(1);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("deaf").executionMode(ExecutionMode.VIRTUAL_THREAD).build(),
            FunctionCode.handler(
                (Object in, Context c) -> {
                  entered.release();
                  while (release.getCount() > 0) {
                    try {
                      release.await();
                    } catch (InterruptedException ignored) {
                      // ignores its interrupt on purpose
                    }
                  }
                  return "late";
                }));
    CompletableFuture<InvocationResult> call =
        fixture.async(() -> runtime.invoke("deaf", Payload.json("{}")));
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    runtime.close();

    assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.FAILED);
    assertThat(runtime.inspect().liveThreads())
        .as("the handler thread is still alive")
        .isEqualTo(1);
    assertThat(((InvocationResult.Failure) call.get(10, TimeUnit.SECONDS)).error().errorType())
        .isEqualTo(FunctionError.RUNTIME_CLOSED);
    release.countDown();
  }

  /** Records shutdown reasons. */
  static final class Hooked implements RequestHandler<Object, String>, Lifecycle {
    private final BlockingQueue<ShutdownReason> shutdowns;

    Hooked(BlockingQueue<ShutdownReason> shutdowns) {
      this.shutdowns = shutdowns;
    }

    @Override
    public String handleRequest(Object input, Context context) {
      return "ok";
    }

    @Override
    public void shutdown(ShutdownReason reason) {
      shutdowns.add(reason);
    }
  }
}
