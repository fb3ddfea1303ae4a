/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionMetrics;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.InitContext;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Execution environments as Lambda keeps them: reused by later invocations with their static and
 * instance state (warm), kept after a handled exception, reset after an Error, retired when idle or
 * when their code or configuration is replaced; one invocation at a time unless the handler is
 * declared thread-safe.
 */
final class EnvironmentLifecycleTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @Test
  void invoke_warm_reusesTheEnvironmentAndItsState() {
    FunctionRuntime runtime = fixture.runtime();
    AtomicInteger built = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of("counter"),
            FunctionCode.handlerFactory(
                () -> {
                  built.incrementAndGet();
                  return new Counter();
                }));

    List<Object> counts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      counts.add(value(runtime.invoke("counter", Payload.json("{}"))));
    }

    assertThat(counts).containsExactly("\"1\"", "\"2\"", "\"3\"");
    assertThat(built).hasValue(1);
    FunctionMetrics metrics = metrics(runtime, "counter");
    assertThat(metrics.coldStarts()).isEqualTo(1);
    assertThat(metrics.environments()).isEqualTo(1);
  }

  @Test
  void invoke_handlerThrowsException_environmentSurvives() {
    FunctionRuntime runtime = fixture.runtime();
    AtomicInteger built = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of("flaky"),
            FunctionCode.handlerFactory(
                () -> {
                  built.incrementAndGet();
                  return (RequestHandler<Object, String>)
                      (in, c) -> {
                        throw new IllegalArgumentException("bad input");
                      };
                }));

    runtime.invoke("flaky", Payload.json("{}"));
    runtime.invoke("flaky", Payload.json("{}"));

    assertThat(built).as("a handled exception keeps the environment (Lambda)").hasValue(1);
    assertThat(metrics(runtime, "flaky").errors()).isEqualTo(2);
  }

  @Test
  void invoke_handlerThrowsError_environmentResetWithFailureShutdown() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    AtomicInteger built = new AtomicInteger();
    BlockingQueue<ShutdownReason> shutdowns = new LinkedBlockingQueue<>();
    runtime
        .registry()
        .create(
            FunctionConfig.of("fatal"),
            FunctionCode.handlerFactory(
                () -> {
                  built.incrementAndGet();
                  return new Hooks(
                      shutdowns,
                      () -> {
                        throw new AssertionError("broken invariant");
                      });
                }));

    InvocationResult first = runtime.invoke("fatal", Payload.json("{}"));
    runtime.invoke("fatal", Payload.json("{}"));

    assertThat(((InvocationResult.Failure) first).error().errorType())
        .isEqualTo("java.lang.AssertionError");
    assertThat(built).as("an Error resets the environment").hasValue(2);
    assertThat(shutdowns.poll(10, TimeUnit.SECONDS)).isEqualTo(ShutdownReason.FAILURE);
  }

  @Test
  void invoke_overlappingInvocations_getSeparateEnvironments() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger built = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of("classic"),
            FunctionCode.handlerFactory(
                () -> {
                  built.incrementAndGet();
                  return (RequestHandler<Object, String>)
                      (in, c) -> {
                        entered.release();
                        release.await();
                        return c.logStreamName();
                      };
                }));

    CompletableFuture<InvocationResult> a = fixture.invokeAsync(runtime, "classic");
    CompletableFuture<InvocationResult> b = fixture.invokeAsync(runtime, "classic");
    assertThat(entered.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    assertThat(value(a.get(10, TimeUnit.SECONDS)))
        .as("one invocation at a time per environment (classic Lambda)")
        .isNotEqualTo(value(b.get(10, TimeUnit.SECONDS)));
    assertThat(built).hasValue(2);
  }

  @Test
  void invoke_threadSafeHandler_oneEnvironmentServesOverlappingInvocations() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger built = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("shared").perEnvironmentConcurrency(8).build(),
            FunctionCode.handlerFactory(
                () -> {
                  built.incrementAndGet();
                  return (RequestHandler<Object, String>)
                      (in, c) -> {
                        entered.release();
                        release.await();
                        return c.logStreamName();
                      };
                }));

    List<CompletableFuture<InvocationResult>> calls = new ArrayList<>();
    calls.add(fixture.invokeAsync(runtime, "shared"));
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue(); // the first started it
    for (int i = 0; i < 4; i++) {
      calls.add(fixture.invokeAsync(runtime, "shared"));
    }
    assertThat(entered.tryAcquire(4, 10, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    List<Object> streams = new ArrayList<>();
    for (CompletableFuture<InvocationResult> call : calls) {
      streams.add(value(call.get(10, TimeUnit.SECONDS)));
    }
    assertThat(streams).as("all five ran in one environment").containsOnly(streams.get(0));
    assertThat(built).as("a thread-safe handler needs one environment").hasValue(1);
  }

  @Test
  void idleEnvironment_retiredAfterIdleTimeoutWithSpindownShutdown() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.environmentIdleTimeout(Duration.ofMinutes(5)));
    BlockingQueue<ShutdownReason> shutdowns = new LinkedBlockingQueue<>();
    runtime
        .registry()
        .create(
            FunctionConfig.of("idle"),
            FunctionCode.handlerFactory(() -> new Hooks(shutdowns, () -> "ok")));
    runtime.invoke("idle", Payload.json("{}"));
    assertThat(metrics(runtime, "idle").environments()).isEqualTo(1);

    fixture.time().advance(Duration.ofMinutes(4));
    fixture.time().advance(Duration.ofMinutes(2));

    assertThat(shutdowns.poll(10, TimeUnit.SECONDS)).isEqualTo(ShutdownReason.SPINDOWN);
    assertThat(metrics(runtime, "idle").environments()).isZero();
    runtime.invoke("idle", Payload.json("{}"));
    assertThat(metrics(runtime, "idle").coldStarts()).isEqualTo(2);
  }

  @Test
  void updateCode_newInvocationsRunNewCodeAndOldEnvironmentsAreRetired() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    BlockingQueue<ShutdownReason> shutdowns = new LinkedBlockingQueue<>();
    runtime
        .registry()
        .create(
            FunctionConfig.of("versioned"),
            FunctionCode.handlerFactory(() -> new Hooks(shutdowns, () -> "v1")));
    assertThat(value(runtime.invoke("versioned", Payload.json("{}")))).isEqualTo("\"v1\"");

    runtime
        .registry()
        .updateCode("versioned", FunctionCode.handler((Object in, Context c) -> "v2"));

    assertThat(value(runtime.invoke("versioned", Payload.json("{}")))).isEqualTo("\"v2\"");
    assertThat(shutdowns.poll(10, TimeUnit.SECONDS)).isEqualTo(ShutdownReason.SPINDOWN);
  }

  @Test
  void updateConfig_runningInvocationFinishesWithTheConfigItStartedWith() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Semaphore entered = new Semaphore(0);
    CountDownLatch release = new CountDownLatch(1);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("cfg").environmentVariable("COLOUR", "red").build(),
            FunctionCode.handler(
                (Object in, Context c) -> {
                  if ("wait".equals(in)) {
                    entered.release();
                    release.await();
                  }
                  return c.environment().get("COLOUR");
                }));

    CompletableFuture<InvocationResult> running =
        fixture.async(() -> runtime.invoke("cfg", Payload.json("\"wait\"")));
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    runtime
        .registry()
        .updateConfig(FunctionConfig.builder("cfg").environmentVariable("COLOUR", "blue").build());

    assertThat(value(runtime.invoke("cfg", Payload.json("{}")))).isEqualTo("\"blue\"");
    release.countDown();
    assertThat(value(running.get(10, TimeUnit.SECONDS))).isEqualTo("\"red\"");
  }

  private static Object value(InvocationResult result) {
    return switch (result) {
      case InvocationResult.Success s -> ((Payload.Json) s.payload()).asString();
      case InvocationResult.Failure f -> throw new AssertionError(f.error().toJson());
    };
  }

  private static FunctionMetrics metrics(FunctionRuntime runtime, String name) {
    return runtime.inspect().metrics(name).orElseThrow();
  }

  /** Counts in an instance field: state that lives as long as its environment. */
  static final class Counter implements RequestHandler<Object, String> {
    private int calls;

    @Override
    public String handleRequest(Object input, Context context) {
      return Integer.toString(++calls);
    }
  }

  /** Records shutdown reasons and answers with a supplied behaviour. */
  static final class Hooks implements RequestHandler<Object, String>, Lifecycle {
    private final BlockingQueue<ShutdownReason> shutdowns;
    private final java.util.function.Supplier<String> answer;

    Hooks(BlockingQueue<ShutdownReason> shutdowns, java.util.function.Supplier<String> answer) {
      this.shutdowns = shutdowns;
      this.answer = answer;
    }

    @Override
    public void init(InitContext context) {
      context.logger().log("init " + context.functionName());
    }

    @Override
    public String handleRequest(Object input, Context context) {
      return answer.get();
    }

    @Override
    public void shutdown(ShutdownReason reason) {
      shutdowns.add(reason);
    }
  }
}
