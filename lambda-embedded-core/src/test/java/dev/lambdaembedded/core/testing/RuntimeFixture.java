/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.core.observe.OutputCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Builds runtimes for a test, with a manual clock, a capturing log sink and predictable request
 * ids, and after the test closes them and checks that nothing leaked: every runtime closed cleanly,
 * no runtime thread alive, the standard streams restored.
 *
 * <p>Register with {@code @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();}.
 */
public final class RuntimeFixture implements AfterEachCallback {
  private final ManualTimeSource time = new ManualTimeSource();
  private final CapturingLogSink logs = new CapturingLogSink();
  private final AtomicLong ids = new AtomicLong();
  private final List<FunctionRuntime> runtimes = new ArrayList<>();
  private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
  private boolean leaksExpected;

  /** Lets this test's runtimes end with class loaders reported as pinned: it seeds leaks. */
  public void expectLeaks() {
    leaksExpected = true;
  }

  /** The manual clock of the runtimes built by {@link #runtime()}. */
  public ManualTimeSource time() {
    return time;
  }

  /** The lines every runtime of this fixture logged. */
  public CapturingLogSink logs() {
    return logs;
  }

  /** Returns the request id the n-th invocation gets (1-based). */
  public static String requestId(long n) {
    return new UUID(0x0000_0000_0000_4000L, 0x8000_0000_0000_0000L | n).toString();
  }

  /** A runtime on the manual clock with default limits. */
  public FunctionRuntime runtime() {
    return runtime(builder -> {});
  }

  /** A runtime on the manual clock, customised. */
  public FunctionRuntime runtime(Consumer<LambdaRuntime.Builder> customizer) {
    LambdaRuntime.Builder builder =
        LambdaRuntime.builder()
            .timeSource(time)
            .logSink(logs)
            .requestIds(
                () ->
                    new UUID(
                        0x0000_0000_0000_4000L, 0x8000_0000_0000_0000L | ids.incrementAndGet()));
    customizer.accept(builder);
    return track(builder.build());
  }

  /** A runtime on the system clock, customised; it still logs to the capturing sink. */
  public FunctionRuntime systemClockRuntime(Consumer<LambdaRuntime.Builder> customizer) {
    LambdaRuntime.Builder builder = LambdaRuntime.builder().logSink(logs);
    customizer.accept(builder);
    return track(builder.build());
  }

  /** Invokes with an empty JSON object from another thread, for a test that must not block. */
  public CompletableFuture<InvocationResult> invokeAsync(
      FunctionRuntime runtime, String qualifier) {
    return invokeAsync(runtime, qualifier, Payload.json("{}"));
  }

  /** Invokes from another thread, for a test that must not block. */
  public CompletableFuture<InvocationResult> invokeAsync(
      FunctionRuntime runtime, String qualifier, Payload payload) {
    return async(() -> runtime.invoke(qualifier, payload));
  }

  /** Runs a call on another (virtual) thread owned by the fixture and stopped after the test. */
  public <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, callers);
  }

  /** Closes and checks a runtime built elsewhere in the test. */
  public FunctionRuntime track(FunctionRuntime runtime) {
    runtimes.add(runtime);
    return runtime;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (FunctionRuntime runtime : runtimes) {
      runtime.close();
      assertThat(runtime.state()).as("state after close").isEqualTo(FunctionRuntime.State.CLOSED);
      assertThat(runtime.inspect().liveThreads()).as("live runtime threads").isZero();
      assertThat(runtime.inspect().concurrentExecutions()).as("running invocations").isZero();
      assertThat(runtime.inspect().pendingUnloads()).as("class loaders not yet checked").isZero();
      if (!leaksExpected) {
        assertThat(runtime.inspect().leakReports())
            .as("class loaders left pinned")
            .noneMatch(report -> !report.collected());
      }
    }
    runtimes.clear();
    callers.shutdownNow();
    assertThat(OutputCapture.installed()).as("System.out capture installed").isFalse();
    assertThat(Threads.platformRuntimeThreads()).as("platform runtime threads").isEmpty();
  }
}
