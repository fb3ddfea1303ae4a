/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.ThrottleReason;
import dev.lambdaembedded.api.TooManyRequestsException;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Admission as Lambda applies it: a function with reserved concurrency draws only from its
 * reservation (Lambda PutFunctionConcurrency), the others share what the account concurrency leaves
 * unreserved; over the limit a synchronous invocation is refused at once with
 * TooManyRequestsException and Lambda's Reason; reserved concurrency 0 throttles everything.
 */
final class ConcurrencyTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private final CountDownLatch release = new CountDownLatch(1);
  private final Semaphore entered = new Semaphore(0);

  @AfterEach
  void releaseBlockedHandlers() {
    release.countDown();
  }

  @Test
  void invoke_reservedConcurrencyInUse_throttledWithReservedReason() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(FunctionConfig.builder("one").reservedConcurrency(1).build(), blocking());

    CompletableFuture<InvocationResult> first = fixture.invokeAsync(runtime, "one");
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> runtime.invoke("one", Payload.json("{}")))
        .isInstanceOfSatisfying(
            TooManyRequestsException.class,
            e -> {
              assertThat(e.reason())
                  .isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
              assertThat(e.reason().lambdaName())
                  .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
              assertThat(e.limit()).isEqualTo(1);
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.getMessage()).startsWith("Rate Exceeded.");
            });
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
    assertThat(runtime.inspect().metrics("one").orElseThrow().throttles()).isEqualTo(1);
    assertThat(runtime.inspect().metrics("one").orElseThrow().invocations())
        .as("throttles are not invocations (Lambda's Invocations metric)")
        .isEqualTo(1);
  }

  @Test
  void invoke_unreservedPoolInUse_throttledWithAccountReason() throws Exception {
    FunctionRuntime runtime =
        fixture.runtime(b -> b.accountConcurrency(2).unreservedConcurrencyMinimum(0));
    runtime.registry().create(FunctionConfig.of("a"), blocking());
    runtime.registry().create(FunctionConfig.of("b"), blocking());

    List<CompletableFuture<InvocationResult>> running = new ArrayList<>();
    running.add(fixture.invokeAsync(runtime, "a"));
    running.add(fixture.invokeAsync(runtime, "b"));
    assertThat(entered.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> runtime.invoke("a", Payload.json("{}")))
        .isInstanceOfSatisfying(
            TooManyRequestsException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
              assertThat(e.reason().lambdaName()).isEqualTo("ConcurrentInvocationLimitExceeded");
              assertThat(e.limit()).isEqualTo(2);
            });
    assertThat(runtime.inspect().concurrentExecutions()).isEqualTo(2);
    release.countDown();
    for (CompletableFuture<InvocationResult> call : running) {
      assertThat(call.get(10, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
    }
    assertThat(runtime.invoke("a", Payload.json("{}")))
        .as("places are given back")
        .isInstanceOf(InvocationResult.Success.class);
  }

  @Test
  void invoke_reservationLeavesOthersUnreservedPool_reservedFunctionUnaffectedByBusyOthers()
      throws Exception {
    FunctionRuntime runtime =
        fixture.runtime(b -> b.accountConcurrency(3).unreservedConcurrencyMinimum(1));
    runtime
        .registry()
        .create(FunctionConfig.builder("vip").reservedConcurrency(2).build(), blocking());
    runtime.registry().create(FunctionConfig.of("other"), blocking());

    CompletableFuture<InvocationResult> other = fixture.invokeAsync(runtime, "other");
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> runtime.invoke("other", Payload.json("{}")))
        .as("the unreserved pool is 3 - 2 = 1")
        .isInstanceOf(TooManyRequestsException.class);

    CompletableFuture<InvocationResult> vip1 = fixture.invokeAsync(runtime, "vip");
    CompletableFuture<InvocationResult> vip2 = fixture.invokeAsync(runtime, "vip");
    assertThat(entered.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    assertThat(List.of(other.get(10, TimeUnit.SECONDS), vip1.get(10, TimeUnit.SECONDS), vip2.get()))
        .allMatch(InvocationResult.Success.class::isInstance);
  }

  @Test
  void invoke_reservedConcurrencyZero_throttlesEveryInvocation() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("off").reservedConcurrency(0).build(),
            FunctionCode.handler((Object in, Context c) -> "never"));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> runtime.invoke("off", Payload.json("{}")))
          .isInstanceOfSatisfying(
              TooManyRequestsException.class,
              e -> {
                assertThat(e.reason())
                    .isEqualTo(
                        ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
                assertThat(e.limit()).isZero();
              });
    }
    assertThat(runtime.inspect().metrics("off").orElseThrow().throttles()).isEqualTo(3);
    assertThat(fixture.logs().lines("off")).as("a throttled invocation never starts").isEmpty();
  }

  @Test
  void create_reservationBeyondWhatTheAccountLeaves_rejectedAndRegistryUnchanged() {
    FunctionRuntime runtime =
        fixture.runtime(); // 1,000 with 100 unreserved minimum: 900 reservable
    runtime.registry().create(FunctionConfig.builder("big").reservedConcurrency(800).build(), ok());

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(FunctionConfig.builder("more").reservedConcurrency(101).build(), ok()))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo("reservedConcurrency");
              assertThat(e.value()).isEqualTo("101");
              assertThat(e.rule())
                  .contains("below its minimum value of [100]")
                  .contains("100 of the account concurrency 1000 can still be reserved");
            });
    assertThat(runtime.registry().get("more")).isEmpty();

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .updateConfig(FunctionConfig.builder("big").reservedConcurrency(1001).build()))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e ->
                assertThat(e.rule())
                    .contains("less than or equal to the account concurrency 1000"));
    assertThat(runtime.registry().get("big").orElseThrow().config().reservedConcurrency())
        .hasValue(800);

    runtime
        .registry()
        .create(FunctionConfig.builder("more").reservedConcurrency(100).build(), ok());
    runtime
        .registry()
        .updateConfig(FunctionConfig.builder("big").reservedConcurrency(900 - 100).build());
  }

  @Test
  void delete_releasesTheReservation() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(FunctionConfig.builder("big").reservedConcurrency(900).build(), ok());
    runtime.registry().delete("big");

    runtime
        .registry()
        .create(FunctionConfig.builder("again").reservedConcurrency(900).build(), ok());
    assertThat(runtime.registry().get("again")).isPresent();
  }

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void invoke_manyThreadsAtOnce_everyInvocationSucceedsAndIsCounted(ExecutionMode mode)
      throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Set<String> requestIds = ConcurrentHashMap.newKeySet();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("upper").executionMode(mode).build(),
            FunctionCode.handler(
                String.class,
                (String s, Context c) -> {
                  requestIds.add(c.awsRequestId());
                  return s.toUpperCase(java.util.Locale.ROOT);
                }));
    int threads = 16;
    int perThread = 500;
    InvocationRequest request = InvocationRequest.of("upper", Payload.of("abc"), String.class);
    List<CompletableFuture<Integer>> workers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        workers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < perThread; i++) {
                    if (runtime.invoke(request) instanceof InvocationResult.Success s
                        && "ABC".equals(((Payload.Value) s.payload()).value())) {
                      ok++;
                    }
                  }
                  return ok;
                },
                pool));
      }
      int succeeded = 0;
      for (CompletableFuture<Integer> worker : workers) {
        succeeded += worker.get(60, TimeUnit.SECONDS);
      }
      assertThat(succeeded).isEqualTo(threads * perThread);
    }
    assertThat(requestIds).hasSize(threads * perThread);
    assertThat(runtime.inspect().metrics("upper").orElseThrow().invocations())
        .isEqualTo((long) threads * perThread);
    // Environments are reused: a handful serve 8,000 invocations. The count may exceed the number
    // of callers by a few, because taking an environment scans without a lock and can miss one
    // released a moment later; Lambda bounds busy environments (concurrency), not idle ones.
    assertThat(runtime.inspect().metrics("upper").orElseThrow().environments())
        .as("environments reused across invocations")
        .isBetween(1, 2 * threads);
    assertThat(runtime.inspect().concurrentExecutions()).isZero();
  }

  private FunctionCode blocking() {
    return FunctionCode.handler(
        (Object in, Context c) -> {
          entered.release();
          release.await();
          return "done";
        });
  }

  private static FunctionCode ok() {
    return FunctionCode.handler((Object in, Context c) -> "ok");
  }
}
