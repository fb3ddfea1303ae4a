/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lambda's timeout holds for deployed code whatever the handler does in Java code: the caller gets
 * {@code Sandbox.Timedout} at the deadline, in every execution mode, even when the handler catches
 * the interrupt (and the runtime's own error) and goes back to waiting. Each handler below would
 * hold its caller forever without the runtime's deadline checks.
 *
 * <p>Driven by the manual clock: the test moves time to exactly the deadline and nothing else; the
 * invocation must then end on its own, reported at the deadline. (How soon in real time is measured
 * by the timeout precision benchmark, not here.)
 */
final class DeployedDeadlineTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final String KEY = "deadline.started";

  private static final String HANDLERS =
      """
      package fn;

      import java.io.InputStream;
      import java.net.ServerSocket;
      import java.net.Socket;
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.LinkedBlockingQueue;
      import java.util.concurrent.Semaphore;
      import java.util.concurrent.locks.LockSupport;
      import java.util.concurrent.locks.ReentrantLock;

      public class Stubborn {
        static volatile long sink;

        static void started() {
          ((CountDownLatch) System.getProperties().get("deadline.started")).countDown();
        }

        public String sleepAndCatch(Object in) {
          started();
          while (true) {
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              // goes back to sleep
            }
          }
        }

        public String sleepAndCatchThrowable(Object in) {
          started();
          while (true) {
            try {
              Thread.sleep(60_000);
            } catch (Throwable e) {
              // even the runtime's own error
            }
          }
        }

        public String waitLoop(Object in) {
          started();
          Object lock = new Object();
          synchronized (lock) {
            while (true) {
              try {
                lock.wait();
              } catch (InterruptedException e) {
                // waits again
              }
            }
          }
        }

        public String parkLoop(Object in) {
          started();
          while (true) {
            LockSupport.park(this);
            Thread.interrupted(); // clears the interrupt, so park would block again
          }
        }

        public String takeLoop(Object in) {
          started();
          BlockingQueue<String> queue = new LinkedBlockingQueue<>();
          while (true) {
            try {
              queue.take();
            } catch (InterruptedException e) {
              // takes again
            }
          }
        }

        public String futureGetLoop(Object in) {
          started();
          CompletableFuture<String> never = new CompletableFuture<>();
          while (true) {
            try {
              never.get();
            } catch (Exception e) {
              // gets again
            }
          }
        }

        public String joinLoop(Object in) {
          started();
          CompletableFuture<String> never = new CompletableFuture<>();
          while (true) {
            try {
              return never.join(); // ignores interrupts
            } catch (RuntimeException e) {
              // joins again
            }
          }
        }

        public String lockHeldElsewhere(Object in) {
          ReentrantLock lock = (ReentrantLock) System.getProperties().get("deadline.lock");
          started();
          lock.lock(); // held by the test's thread; lock() ignores interrupts
          return "locked";
        }

        public String semaphoreUninterruptibly(Object in) {
          started();
          new Semaphore(0).acquireUninterruptibly();
          return "acquired";
        }

        public String busyLoopCatchingEverything(Object in) {
          started();
          while (true) {
            try {
              while (true) {
                sink++;
              }
            } catch (Throwable e) {
              // spins again
            }
          }
        }

        public String recursion(Object in) {
          started();
          return Long.toString(fib(90));
        }

        static long fib(int n) {
          return n < 2 ? n : fib(n - 1) + fib(n - 2);
        }

        public String socketRead(Object in) throws Exception {
          try (ServerSocket server = new ServerSocket(0);
              Socket client = new Socket("127.0.0.1", server.getLocalPort());
              Socket accepted = server.accept()) {
            InputStream input = client.getInputStream();
            started();
            while (true) {
              try {
                sink += input.read(); // the server side never writes
              } catch (java.io.IOException e) {
                // reads again
              }
            }
          }
        }
      }
      """;

  private static final byte[] JAR = TestJars.builder().source("fn.Stubborn", HANDLERS).toBytes();

  private CountDownLatch started = new CountDownLatch(1);
  private final ReentrantLock heldByTheTest = new ReentrantLock();

  @BeforeEach
  void publishLatchAndLock() {
    System.getProperties().put(KEY, started);
    heldByTheTest.lock();
    System.getProperties().put("deadline.lock", heldByTheTest);
  }

  @AfterEach
  void removeLatchAndLock() {
    System.getProperties().remove(KEY);
    System.getProperties().remove("deadline.lock");
    heldByTheTest.unlock();
  }

  static Stream<Arguments> handlersAndModes() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (String handler :
        new String[] {
          "sleepAndCatch",
          "sleepAndCatchThrowable",
          "waitLoop",
          "parkLoop",
          "takeLoop",
          "futureGetLoop",
          "joinLoop",
          "lockHeldElsewhere",
          "semaphoreUninterruptibly",
          "busyLoopCatchingEverything",
          "recursion",
          "socketRead"
        }) {
      for (ExecutionMode mode : ExecutionMode.values()) {
        cases.add(Arguments.of(handler, mode));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("handlersAndModes")
  void invoke_handlerThatKeepsWaiting_timesOutAtTheDeadline(String handler, ExecutionMode mode)
      throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("stubborn")
                .handler("fn.Stubborn::" + handler)
                .timeout(Duration.ofSeconds(1))
                .reservedConcurrency(1)
                .executionMode(mode)
                .build(),
            FunctionCode.deployed(JAR));

    CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "stubborn");
    assertThat(started.await(10, TimeUnit.SECONDS)).as("the handler started").isTrue();
    fixture.time().advance(Duration.ofSeconds(1)); // exactly to the deadline, no further

    InvocationResult result = call.get(10, TimeUnit.SECONDS);

    assertThat(result).isInstanceOf(InvocationResult.Failure.class);
    FunctionError error = ((InvocationResult.Failure) result).error();
    assertThat(error.errorType()).isEqualTo(FunctionError.TIMEOUT);
    assertThat(error.errorMessage()).endsWith("Error: Task timed out after 1.00 seconds");
    assertThat(result.report().duration()).isEqualTo(Duration.ofSeconds(1));
    // the handler's thread unwound: nothing of the invocation is left running
    dev.lambdaembedded.core.testing.Await.until(
        () -> runtime.inspect().concurrentExecutions() == 0);
    assertThat(runtime.inspect().stuckInvocations()).isZero();

    // the function is usable at once: a cold start in a new environment (reserved concurrency 1)
    started = new CountDownLatch(1);
    System.getProperties().put(KEY, started);
    CompletableFuture<InvocationResult> next = fixture.invokeAsync(runtime, "stubborn");
    assertThat(started.await(10, TimeUnit.SECONDS)).as("the next one started").isTrue();
    fixture.time().advance(Duration.ofSeconds(1));
    assertThat(((InvocationResult.Failure) next.get(10, TimeUnit.SECONDS)).error().isTimeout())
        .isTrue();
    assertThat(runtime.inspect().metrics("stubborn").orElseThrow())
        .satisfies(
            metrics -> {
              assertThat(metrics.invocations()).isEqualTo(2);
              assertThat(metrics.timeouts()).isEqualTo(2);
              assertThat(metrics.coldStarts()).isEqualTo(2);
            });
  }

  @ParameterizedTest(name = "{0} through invokeAsync")
  @MethodSource("asyncHandlers")
  void invokeAsync_handlerThatKeepsWaiting_timesOutAndIsRetried(String handler) throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("stubborn")
                .handler("fn.Stubborn::" + handler)
                .timeout(Duration.ofSeconds(1))
                .build(),
            FunctionCode.deployed(JAR));
    runtime
        .registry()
        .putEventInvokeConfig(
            "stubborn",
            "$LATEST",
            dev.lambdaembedded.api.config.EventInvokeConfig.defaults().withMaximumRetryAttempts(0));

    UUID id = runtime.invokeAsync("stubborn", Payload.json("{}"));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    fixture.time().advance(Duration.ofSeconds(1));

    dev.lambdaembedded.core.testing.Await.until(
        () -> runtime.inspect().metrics("stubborn").orElseThrow().asyncEventsDropped() == 1);
    assertThat(runtime.inspect().metrics("stubborn").orElseThrow().timeouts()).isEqualTo(1);
    assertThat(fixture.logs().linesOf(id.toString()))
        .anyMatch(line -> line.contains("Task timed out after 1.00 seconds"));
    dev.lambdaembedded.core.testing.Await.until(
        () -> runtime.inspect().concurrentExecutions() == 0);
  }

  static Stream<String> asyncHandlers() {
    return Stream.of("sleepAndCatch", "waitLoop", "busyLoopCatchingEverything");
  }

  private static final String LAYER_WAITER =
      """
      package lib;
      public class Waiter {
        public static String waitForever() {
          ((java.util.concurrent.CountDownLatch) System.getProperties().get("deadline.started"))
              .countDown();
          while (true) {
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              // back to sleep, in the layer's code
            }
          }
        }
      }
      """;

  private static final String LAYER_USER =
      """
      package fn;
      public class UsesLayer {
        public String handle(Object in) {
          return lib.Waiter.waitForever();
        }
      }
      """;

  /** The loop runs in a layer's class: the layer's alarm goes up with its user's. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ExecutionMode.class)
  void invoke_loopInALayersCode_timesOutAtTheDeadline(ExecutionMode mode) throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("layer");
    try {
      java.nio.file.Path layerJar =
          TestJars.builder().source("lib.Waiter", LAYER_WAITER).writeTo(dir, "waiter.jar");
      String layer =
          runtime
              .layers()
              .publishLayerVersion(
                  "waiter",
                  dev.lambdaembedded.api.config.CodeSource.of(layerJar),
                  java.util.List.of(),
                  "")
              .layerVersionArn();
      runtime
          .registry()
          .create(
              FunctionConfig.builder("user")
                  .handler("fn.UsesLayer::handle")
                  .timeout(Duration.ofSeconds(1))
                  .executionMode(mode)
                  .layers(layer)
                  .build(),
              FunctionCode.deployed(
                  TestJars.builder()
                      .source("fn.UsesLayer", LAYER_USER)
                      .compileAgainst(layerJar)
                      .toBytes()));

      CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "user");
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      fixture.time().advance(Duration.ofSeconds(1));

      assertThat(((InvocationResult.Failure) call.get(10, TimeUnit.SECONDS)).error().isTimeout())
          .isTrue();
      dev.lambdaembedded.core.testing.Await.until(
          () -> runtime.inspect().concurrentExecutions() == 0);
    } finally {
      runtime.close();
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Two stuck invocations share one environment: each stops at its own deadline. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ExecutionMode.class)
  void invoke_twoInvocationsOfOneEnvironment_bothTimeOut(ExecutionMode mode) throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("shared")
                .handler("fn.Stubborn::sleepAndCatch")
                .timeout(Duration.ofSeconds(1))
                .perEnvironmentConcurrency(2)
                .executionMode(mode)
                .build(),
            FunctionCode.deployed(JAR));
    CompletableFuture<InvocationResult> first = fixture.invokeAsync(runtime, "shared");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue(); // its environment is warm now
    started = new CountDownLatch(1);
    System.getProperties().put(KEY, started);
    CompletableFuture<InvocationResult> second = fixture.invokeAsync(runtime, "shared");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(runtime.inspect().metrics("shared").orElseThrow().environments()).isEqualTo(1);
    fixture.time().advance(Duration.ofSeconds(1));

    assertThat(((InvocationResult.Failure) first.get(10, TimeUnit.SECONDS)).error().isTimeout())
        .isTrue();
    assertThat(((InvocationResult.Failure) second.get(10, TimeUnit.SECONDS)).error().isTimeout())
        .isTrue();
    dev.lambdaembedded.core.testing.Await.until(
        () -> runtime.inspect().concurrentExecutions() == 0);
  }
}
